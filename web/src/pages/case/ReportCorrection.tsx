import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { useForm } from '@mantine/form';
import { Alert, Button, Group, MultiSelect, Select, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notify } from '../../notify';
import { graphql } from '../../gql';
import type { ReportCategory, ReportSource, ReportUrgency } from '../../gql/graphql';
import { showServerError } from '../../api/forms';
import { formatDateTime, personName } from '../../format';
import { FormAlert } from '../../components/FormAlert';
import { TableHead } from '../../components/TableHead';
import { categories, sources, urgencies } from '../ReportPage';
import type { CaseData } from './caseQuery';

const CorrectReportMutation = graphql(`
  mutation CorrectReportOnCase($input: CorrectReportInput!) {
    correctReport(input: $input) { id }
  }
`);

type Report = NonNullable<NonNullable<CaseData['reports']['edges']>[number]>['node'] & object;
type Version = NonNullable<Report['corrections']>[number]['before'];

const violent = (k: string) => k.endsWith('_VIOLENCE');

interface Values {
  reason: string;
  source: string;
  urgency: string;
  categories: string[];
  summary: string;
  reporterContact: string;
  childIDs: string[];
}

/** The form that corrects a report, with its reason; the old values are kept by the server. */
export function CorrectReportForm({ c, r, onDone }: { c: CaseData; r: Report; onDone: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const [{ fetching }, correct] = useMutation(CorrectReportMutation);
  const [alert, setAlert] = useState<string | null>(null);
  const initial: Values = {
    reason: '', source: r.source, urgency: r.urgency, categories: [...(r.categories ?? [])], summary: r.summary,
    reporterContact: r.reporterContact ?? '', childIDs: (r.children ?? []).map((p) => p.id),
  };
  const form = useForm<Values>({
    initialValues: initial,
    validate: {
      reason: (v) => (v.trim() ? null : t('form.required')),
      summary: (v) => (v.trim() ? null : t('form.required')),
    },
  });
  // The family's children and those already named, to pick from.
  const people = new Map<string, string>();
  for (const p of c.children ?? []) people.set(p.id, personName(p));
  for (const e of c.family?.members.edges ?? []) if (e?.node && e.node.kind === 'CHILD') people.set(e.node.id, personName(e.node));
  for (const p of r.children ?? []) if (!people.has(p.id)) people.set(p.id, personName(p));
  const addsViolence = form.values.categories.some((k) => violent(k) && !(r.categories ?? []).includes(k as ReportCategory));

  async function submit(v: Values) {
    setAlert(null);
    const same = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));
    const input = {
      reportID: r.id, reason: v.reason.trim(),
      source: v.source !== r.source ? (v.source as ReportSource) : null,
      urgency: v.urgency !== r.urgency ? (v.urgency as ReportUrgency) : null,
      categories: same(v.categories, initial.categories) ? null : (v.categories as ReportCategory[]),
      summary: v.summary.trim() !== r.summary ? v.summary.trim() : null,
      reporterContact: v.reporterContact.trim() !== (r.reporterContact ?? '') ? v.reporterContact.trim() : null,
      childIDs: same(v.childIDs, initial.childIDs) ? null : v.childIDs,
    };
    if (!input.source && !input.urgency && !input.categories && input.summary == null && input.reporterContact == null && !input.childIDs) {
      return setAlert(t('correction.nothing'));
    }
    const res = await correct({ input });
    if (res.error) return setAlert(showServerError(t, form, res.error));
    notify({ color: 'teal', message: t('correction.saved') });
    onDone(true);
  }

  return (
    <form onSubmit={form.onSubmit(submit)} noValidate aria-labelledby={`correct-${r.id}-h`}>
      <Stack gap="sm" mt="sm">
        <Title order={3} size="h5" id={`correct-${r.id}-h`}>{t('correction.title')}</Title>
        <FormAlert message={alert} />
        <Textarea label={t('correction.reason')} description={t('correction.reasonHint')} required autosize minRows={2} {...form.getInputProps('reason')} />
        <Group grow align="flex-start">
          <Select label={t('correction.source')} allowDeselect={false} data={sources.map((s) => ({ value: s, label: t(`source.${s}`) }))} {...form.getInputProps('source')} />
          <Select label={t('correction.urgency')} allowDeselect={false} data={urgencies.map((u) => ({ value: u, label: t(`urgency.${u}`) }))} {...form.getInputProps('urgency')} />
        </Group>
        <MultiSelect label={t('correction.categories')} data={categories.map((k) => ({ value: k, label: t(`category.${k}`) }))} {...form.getInputProps('categories')} />
        {addsViolence && <Alert color="orange">{t('correction.violenceWarning')}</Alert>}
        <Textarea label={t('correction.summary')} required autosize minRows={2} {...form.getInputProps('summary')} />
        <TextInput label={t('correction.contact')} {...form.getInputProps('reporterContact')} />
        <MultiSelect label={t('correction.children')} data={[...people].map(([value, label]) => ({ value, label }))} {...form.getInputProps('childIDs')} />
        <Group>
          <Button type="submit" loading={fetching}>{t('correction.save')}</Button>
          <Button variant="subtle" onClick={() => onDone(false)}>{t('form.cancel')}</Button>
        </Group>
      </Stack>
    </form>
  );
}

/** A report's corrections, oldest first: who, when, why, and each changed value before and after. */
export function CorrectionHistory({ r }: { r: Report }) {
  const { t, i18n } = useTranslation();
  const list = r.corrections ?? [];
  if (list.length === 0) return null;
  const show = (field: string, v: Version): string => {
    switch (field) {
      case 'source': return t(`source.${v.source}`);
      case 'urgency': return t(`urgency.${v.urgency}`);
      case 'categories': return v.categories.map((k) => t(`category.${k}`)).join(', ') || t('correction.none');
      case 'summary': return v.summary;
      case 'reporterContact': return v.reporterContact || t('correction.none');
      case 'children': return v.children.map((p) => personName(p)).join(', ') || t('correction.none');
    }
    return '';
  };
  return (
    <section aria-label={t('correction.history')}>
      <Text size="sm" fw={600} mt="sm">{t('correction.history')}</Text>
      <Table.ScrollContainer minWidth={600}>
        <Table>
          <TableHead columns={[t('correction.reason'), t('correction.before'), t('correction.after')]} />
          <Table.Tbody>
            {list.map((x, i) => (
              <Table.Tr key={i}>
                <Table.Td>
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{x.reason}</Text>
                  <Text size="xs" c="dimmed">{formatDateTime(i18n.language, x.at)}{x.actor && ` · ${x.actor.displayName}`}</Text>
                </Table.Td>
                <Table.Td>
                  {x.changed.map((f) => <Text key={f} size="sm"><b>{t(`correction.field.${f}`)}</b>: {show(f, x.before)}</Text>)}
                </Table.Td>
                <Table.Td>
                  {x.changed.map((f) => <Text key={f} size="sm"><b>{t(`correction.field.${f}`)}</b>: {show(f, x.after)}</Text>)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </section>
  );
}
