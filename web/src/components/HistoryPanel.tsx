import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { graphql } from '../gql';
import { formatDateTime } from '../format';

const HistoryQuery = graphql(`
  query RecordHistory($id: ID!) {
    history(record: $id) {
      at action valuesHidden actorAPIClientID
      actor { id displayName }
      fields { field old new redacted }
    }
  }
`);

const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** A value of the log (JSON text) as a person reads it; label names a code (a case's status) where it can. */
export function historyValue(lng: string, json: string | null | undefined, label?: (code: string) => string): string {
  if (json == null) return '—';
  let v: unknown;
  try {
    v = JSON.parse(json);
  } catch {
    return json;
  }
  if (v === null || v === '') return '—';
  if (typeof v === 'string') return isoInstant.test(v) ? formatDateTime(lng, v) : label ? label(v) : v;
  if (typeof v === 'boolean' || typeof v === 'number') return String(v);
  return JSON.stringify(v);
}

/**
 * "Історія змін" of a record: who changed which field from what to what,
 * and when. Loaded when opened: values are personal data, read (and
 * logged) only when someone asks for them; the server shows them only to
 * whoever may read the record.
 */
export function HistoryPanel({ record }: { record: string }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const [{ data, fetching, error }] = useQuery({ query: HistoryQuery, variables: { id: record }, pause: !open });
  const changes = data?.history ?? [];
  // Codes the UI already names: a case's status, a person's kind.
  const shown = (json: string | null | undefined, field: string) =>
    json === 'true' ? t('form.yes') : json === 'false' ? t('form.no') : historyValue(i18n.language, json, codeLabel(field));
  const codeLabel = (field: string) => {
    const prefix = ({ status: 'caseStatus', kind: 'personKind', disability: 'disability', parental_care_status: 'parentalCare', sex: 'sex' } as Record<string, string>)[field];
    return prefix ? (code: string) => t(`${prefix}.${code}`, { defaultValue: code }) : undefined;
  };
  return (
    <section aria-labelledby={`history-${record}`}>
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id={`history-${record}`}>{t('history.title')}</Title>
        <Button variant="default" size="xs" onClick={() => setOpen((o) => !o)} aria-expanded={open}>
          {open ? t('history.hide') : t('history.show')}
        </Button>
      </Group>
      {open && (
        <Card withBorder>
          {error && <Text c="red">{t('history.error')}</Text>}
          {fetching && !data && <Text c="dimmed">{t('history.loading')}</Text>}
          {data && changes.length === 0 && <Text c="dimmed">{t('history.empty')}</Text>}
          {changes.length > 0 && (
            <Stack gap="md">
              {changes.map((c, i) => (
                <div key={i}>
                  <Text size="sm" fw={600}>
                    {formatDateTime(i18n.language, c.at)} · {t(`history.action.${c.action}`, { defaultValue: c.action })} ·{' '}
                    {c.actor?.displayName ?? (c.actorAPIClientID ? t('history.apiClient') : t('history.system'))}
                  </Text>
                  {c.valuesHidden && <Text size="xs" c="dimmed">{t('history.valuesHidden')}</Text>}
                  <Table fz="sm" withRowBorders={false} aria-label={t('history.fieldsOf', { at: formatDateTime(i18n.language, c.at) })}>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('history.field')}</Table.Th>
                        <Table.Th>{t('history.old')}</Table.Th>
                        <Table.Th>{t('history.new')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {c.fields.map((f) => (
                        <Table.Tr key={f.field}>
                          <Table.Td>{t(`historyField.${f.field}`, { defaultValue: f.field })}</Table.Td>
                          {f.redacted || c.valuesHidden ? (
                            <Table.Td colSpan={2}><Text size="xs" c="dimmed">{f.redacted ? t('history.secret') : t('history.hidden')}</Text></Table.Td>
                          ) : (
                            <>
                              <Table.Td>{shown(f.old, f.field)}</Table.Td>
                              <Table.Td>{shown(f.new, f.field)}</Table.Td>
                            </>
                          )}
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </div>
              ))}
            </Stack>
          )}
        </Card>
      )}
    </section>
  );
}
