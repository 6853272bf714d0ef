import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { Link } from 'react-router';
import dayjs from 'dayjs';
import { useDebouncedValue } from '@mantine/hooks';
import { Anchor, Button, Group, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { graphql } from '../gql';
import type { AuditEventAction, AuditEventWhereInput } from '../gql/graphql';
import { useSession } from '../session';
import { formatDateTime, shortID } from '../format';
import { fieldList, loggedRecordTypes, recordPath, recordTypeLabel } from '../recordLabels';
import { ErrorAlert, Loading } from '../components/common';
import { ScrollTable } from '../components/ScrollTable';
import { TableHead } from '../components/TableHead';
import { DateField, Dates } from '../components/dates';

const AuditQuery = graphql(`
  query Audit($where: AuditEventWhereInput!, $after: Cursor) {
    auditEvents(first: 100, after: $after, where: $where, orderBy: { field: OCCURRED_AT, direction: DESC }) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id occurredAt actorUserID actorAPIClientID action entityType entityID records fields actorUser { id displayName } } }
    }
  }
`);

const actions: AuditEventAction[] = ['READ', 'CREATE', 'UPDATE', 'DELETE', 'LOGIN', 'LOGIN_FAILED', 'LOGOUT', 'TOTP_ENROLLED', 'TOKEN_ISSUED', 'TOKEN_REVOKED', 'EXPORT', 'DENIED'];

export interface AuditFilters { action: string; user: string | null; type: string | null; from: string | null; to: string | null; record: string }

/** A whole record ID: two letters of type and a 26-character ULID. */
const wholeID = /^[A-Z]{2}[0-9A-HJKMNP-TV-Z]{26}$/i;

/**
 * The filters as the API's where-input: days in local (Kyiv) time; a whole
 * record ID finds its changes and every read that included it, a part of one
 * the changes of the records it matches.
 */
export function auditWhere(communityID: string | undefined, f: AuditFilters): AuditEventWhereInput {
  const where: AuditEventWhereInput = { communityID };
  if (f.action) where.action = f.action as AuditEventAction;
  if (f.user) where.actorUserID = f.user;
  if (f.type) where.entityType = f.type;
  if (f.from) where.occurredAtGTE = dayjs(f.from).startOf('day').toISOString();
  if (f.to) where.occurredAtLTE = dayjs(f.to).endOf('day').toISOString();
  const record = f.record.trim().replace(/^…/, '');
  if (wholeID.test(record)) where.record = record.toUpperCase();
  else if (record) where.entityIDContainsFold = record;
  return where;
}

const noFilters: AuditFilters = { action: '', user: null, type: null, from: null, to: null, record: '' };

/** The access and change log of the community: who read or changed which record. */
/** The records of a READ line: how many, each linked where it has a page. */
function ReadRecords({ type, ids }: { type: string; ids: string[] }) {
  const { t } = useTranslation();
  return (
    <details>
      <summary><Text span size="xs">{t('audit.records', { count: ids.length })}</Text></summary>
      {ids.map((id) => {
        const path = recordPath(type, id);
        const text = <Text span size="xs" ff="monospace">…{shortID(id)}</Text>;
        return <div key={id}>{path ? <Anchor component={Link} to={path}>{text}</Anchor> : text}</div>;
      })}
    </details>
  );
}

export default function AuditPage() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const { community } = useSession();
  const [filters, setFilters] = useState<AuditFilters>(noFilters);
  const [record] = useDebouncedValue(filters.record, 400);
  const [after, setAfter] = useState<string | null>(null);
  // The people seen in the log so far: the auditor may not list the community's users.
  const [people, setPeople] = useState<Map<string, string>>(new Map());
  const where = auditWhere(community?.id, { ...filters, record });
  const [{ data, fetching, error }] = useQuery({ query: AuditQuery, variables: { where, after }, pause: !community });
  const rows = (data?.auditEvents.edges ?? []).map((e) => e!.node!);
  const unseen = rows.filter((e) => e.actorUser && !people.has(e.actorUser.id));
  if (unseen.length) {
    const next = new Map(people);
    for (const e of unseen) next.set(e.actorUser!.id, e.actorUser!.displayName);
    setPeople(next);
  }
  const set = (patch: Partial<AuditFilters>) => { setFilters((f) => ({ ...f, ...patch })); setAfter(null); };
  const filtered = JSON.stringify(filters) !== JSON.stringify(noFilters);
  const userOptions = [...people].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label, lng));
  return (
    <Dates>
    <Stack>
      <Title order={1} size="h2">{t('audit.title')}</Title>
      <Text size="sm" c="dimmed">{t('audit.intro')}</Text>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm" verticalSpacing="xs">
        <Select label={t('audit.action')} value={filters.action} allowDeselect={false} onChange={(v) => set({ action: v ?? '' })}
          data={[{ value: '', label: t('audit.all') }, ...actions.map((a) => ({ value: a, label: t(`auditAction.${a}`) }))]} />
        <Select label={t('audit.recordType')} placeholder={t('audit.anyType')} value={filters.type} clearable searchable clearButtonProps={{ 'aria-label': t('form.clear') }}
          onChange={(v) => set({ type: v })} nothingFoundMessage={t('indicators.nothingFound')}
          data={loggedRecordTypes.map((x) => ({ value: x, label: recordTypeLabel(lng, x) })).sort((a, b) => a.label.localeCompare(b.label, lng))} />
        <Select label={t('audit.byUser')} placeholder={t('audit.anyone')} description={t('audit.byUserHint')} value={filters.user} clearable searchable
          clearButtonProps={{ 'aria-label': t('form.clear') }} onChange={(v) => set({ user: v })} data={userOptions} nothingFoundMessage={t('indicators.nothingFound')} />
        <TextInput label={t('audit.recordID')} description={t('audit.recordIDHint')} value={filters.record} onChange={(e) => set({ record: e.currentTarget.value })} />
        <DateField label={t('audit.from')} value={filters.from} onChange={(v) => set({ from: v })} maxDate={filters.to ?? undefined} />
        <DateField label={t('audit.to')} value={filters.to} onChange={(v) => set({ to: v })} minDate={filters.from ?? undefined} />
      </SimpleGrid>
      <Group gap="sm">
        {data && <Text size="sm" c="dimmed" role="status">{t('audit.count', { count: data.auditEvents.totalCount })}</Text>}
        {filtered && <Button size="compact-sm" variant="subtle" onClick={() => { setFilters(noFilters); setAfter(null); }}>{t('audit.clearFilters')}</Button>}
      </Group>
      <ErrorAlert error={data ? undefined : error} />
      {fetching && !data ? <Loading /> : (
        <ScrollTable minWidth={760} label={t('audit.title')}>
          <Table striped>
            <TableHead columns={[t('audit.when'), t('audit.action'), t('audit.record'), t('audit.actor'), t('audit.fields')]} />
            <Table.Tbody>
              {rows.map((e) => {
                // A READ line names every record of its type one operation read.
                const records = e.records ?? [];
                const only = e.entityID ?? (records.length === 1 ? records[0] : undefined);
                const path = recordPath(e.entityType, only);
                const type = recordTypeLabel(lng, e.entityType);
                const id = only ? (e.action === 'EXPORT' ? only : `…${shortID(only)}`) : '';
                const idText = id ? <Text span size="xs" ff="monospace" style={{ whiteSpace: 'nowrap' }}>{id}</Text>
                  : records.length > 1 && <ReadRecords type={e.entityType} ids={records} />;
                return (
                  <Table.Tr key={e.id}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(lng, e.occurredAt)}</Table.Td>
                    <Table.Td>{t(`auditAction.${e.action}`)}</Table.Td>
                    <Table.Td miw={170}>
                      {path
                        ? <Anchor component={Link} to={path} size="sm" display="block">{type}<br />{idText}</Anchor>
                        : <Text size="sm">{type}<br /><Text span c="dimmed">{idText}</Text></Text>}
                    </Table.Td>
                    <Table.Td miw={140}>
                      <Text size="sm">
                        {e.actorUser ? e.actorUser.displayName
                          : e.actorUserID ? `${t('audit.user')}\u00a0…${shortID(e.actorUserID)}`
                            : e.actorAPIClientID ? `${t('audit.apiClient')}\u00a0…${shortID(e.actorAPIClientID)}` : t('audit.system')}
                      </Text>
                    </Table.Td>
                    <Table.Td><Text size="xs">{fieldList(lng, e.fields)}</Text></Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
      {data && rows.length === 0 && <Text c="dimmed">{t('audit.none')}</Text>}
      {data?.auditEvents.pageInfo.hasNextPage && <Button variant="default" w="fit-content" onClick={() => setAfter(data.auditEvents.pageInfo.endCursor ?? null)}>{t('cases.more')}</Button>}
    </Stack>
    </Dates>
  );
}
