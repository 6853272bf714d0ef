import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { Link, useSearchParams } from 'react-router';
import { Anchor, Button, Checkbox, Group, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { graphql } from '../gql';
import type { CaseStatus, CaseWhereInput } from '../gql/graphql';
import { useSession } from '../session';
import { age, caseTitle, formatDate, formatDateTime } from '../format';
import { DueBadge, ErrorAlert, Loading, StatusBadge } from '../components/common';
import { TableHead } from '../components/TableHead';
import { SavedFilters } from './tasks/SavedFilters';
import { filterParams, type CaseListFilter } from './tasks/workItems';

const CasesQuery = graphql(`
  query Cases($where: CaseWhereInput!, $after: Cursor, $communityID: ID!) {
    cases(first: 50, after: $after, where: $where, orderBy: { field: OPENED_AT, direction: DESC }) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          id status openedAt closedAt safetyAssessmentDue
          manager { id displayName }
          family { id name }
          children { id lastName firstName birthDate }
        }
      }
    }
    deadlines(communityID: $communityID) { kind due status case { id } }
  }
`);

export const caseStatuses: CaseStatus[] = ['REPORTED', 'ASSESSING_SAFETY', 'ASSESSING_NEEDS', 'AWAITING_DECISION', 'OPEN', 'UNDER_REVIEW', 'CLOSED', 'REFUSED', 'TRANSFERRED'];
const active: CaseStatus[] = caseStatuses.filter((s) => s !== 'CLOSED');

/** A manager filter naming one worker (the team page's link), not a choice of the select. */
const isWorker = (m: string) => !['any', 'mine', 'none'].includes(m);

export function CasesPage() {
  const { t, i18n } = useTranslation();
  const { community, viewer } = useSession();
  const [params, setParams] = useSearchParams();
  const statusParam = params.get('status') ?? 'active';
  const statuses: CaseStatus[] = statusParam === 'active' ? active : statusParam === 'all' ? [] : [statusParam as CaseStatus];
  const manager = params.get('manager') ?? 'any';
  const overdueOnly = params.get('overdue') === '1';
  const [name, setName] = useState(params.get('q') ?? '');
  const [after, setAfter] = useState<string | null>(null);

  // A saved filter applied: the server filters by it (its values are in
  // the URL too, to show; changing one leaves the saved filter).
  const saved = params.get('saved');
  const set = (k: string, v: string | null) => {
    const next = new URLSearchParams(params);
    if (v === null || v === '') next.delete(k); else next.set(k, v);
    next.delete('saved');
    setParams(next, { replace: true });
    setAfter(null);
  };
  const applySaved = (id: string | null, f: CaseListFilter | null) => {
    const next = new URLSearchParams(f ? filterParams(f) : params);
    if (id) next.set('saved', id); else next.delete('saved');
    setParams(next, { replace: true });
    if (f) setName(f.family);
    setAfter(null);
  };
  const current: CaseListFilter = { status: statusParam, manager: manager as CaseListFilter['manager'], family: params.get('q') ?? '', overdueOnly };

  const where = useMemo<CaseWhereInput>(() => {
    const w: CaseWhereInput = { communityID: community?.id ?? '' };
    if (statuses.length) w.statusIn = statuses;
    if (manager === 'mine') w.managerID = viewer.user?.id;
    if (manager === 'none') w.managerIDIsNil = true;
    if (isWorker(manager)) w.managerID = manager;
    const q = params.get('q');
    if (q) w.hasFamilyWith = [{ nameContainsFold: q }];
    return w;
  }, [community?.id, statusParam, manager, params, viewer.user?.id]);

  const variables = saved
    ? { where: { communityID: community?.id ?? '' }, savedFilter: saved, after, communityID: community?.id ?? '' }
    : { where, after, communityID: community?.id ?? '' };
  const [{ data, fetching, error }] = useQuery({ query: CasesQuery, variables, pause: !community });

  const worst = useMemo(() => {
    const m = new Map<string, { status: string; due: string; kind: string }>();
    for (const d of data?.deadlines ?? []) {
      const prev = m.get(d.case.id);
      const rank = (s: string) => ['ON_TIME', 'DUE_SOON', 'OVERDUE'].indexOf(s);
      if (!prev || rank(d.status) > rank(prev.status)) m.set(d.case.id, d);
    }
    return m;
  }, [data?.deadlines]);

  // The server applies a saved filter's overdue choice (deadlines and tasks).
  const rows = (data?.cases.edges ?? []).map((e) => e!.node!).filter((c) => !!saved || !overdueOnly || worst.get(c.id)?.status === 'OVERDUE');

  return (
    <Stack gap="md">
      <Title order={1} size="h2">{t('cases.title')}</Title>
      <form role="search" aria-label={t('cases.filters')} onSubmit={(e) => { e.preventDefault(); set('q', name.trim()); }}>
        <Group align="flex-end" gap="sm">
          <NativeSelect label={t('cases.status')} value={statusParam} onChange={(e) => set('status', e.currentTarget.value === 'active' ? null : e.currentTarget.value)}
            data={[{ value: 'active', label: t('cases.statusActive') }, { value: 'all', label: t('cases.statusAll') },
              ...caseStatuses.map((s) => ({ value: s, label: t(`caseStatus.${s}`) }))]} />
          <NativeSelect label={t('cases.manager')} value={manager} onChange={(e) => set('manager', e.currentTarget.value === 'any' ? null : e.currentTarget.value)}
            data={[{ value: 'any', label: t('cases.managerAny') }, { value: 'mine', label: t('cases.managerMine') }, { value: 'none', label: t('cases.managerNone') },
              ...(isWorker(manager) ? [{ value: manager, label: t('cases.managerWorker') }] : [])]} />
          <TextInput label={t('cases.family')} value={name} onChange={(e) => setName(e.currentTarget.value)} w={200} />
          <Button type="submit" variant="default">{t('cases.find')}</Button>
          <Checkbox label={t('cases.overdueOnly')} checked={overdueOnly} onChange={(e) => set('overdue', e.currentTarget.checked ? '1' : null)} mb={8} />
        </Group>
      </form>
      {community && <SavedFilters communityID={community.id} current={current} chosen={saved} onApply={applySaved} />}
      <ErrorAlert error={error} />
      {fetching && !data ? <Loading /> : (
        <>
          <Text size="sm" c="dimmed" aria-live="polite">
            {overdueOnly && !saved ? t('cases.countOverdue', { count: rows.length }) : t('cases.count', { count: data?.cases.totalCount ?? 0 })}
          </Text>
          {rows.length === 0 ? <Text>{t('cases.none')}</Text> : (
            <Table.ScrollContainer minWidth={720}>
              <Table striped highlightOnHover>
                <TableHead columns={[t('home.case'), t('cases.children'), t('cases.status'), t('cases.manager'), t('cases.opened'), t('cases.nextDeadline')]} />
                <Table.Tbody>
                  {rows.map((c) => {
                    const d = worst.get(c.id);
                    return (
                      <Table.Tr key={c.id}>
                        <Table.Td><Anchor component={Link} to={`/cases/${c.id}`} fw={600}>{caseTitle(t, c)}</Anchor></Table.Td>
                        <Table.Td>
                          <Text size="sm">{c.children?.map((p) => `${p.firstName} (${age(p.birthDate) ?? '?'})`).join(', ') || '—'}</Text>
                        </Table.Td>
                        <Table.Td><StatusBadge status={c.status} /></Table.Td>
                        <Table.Td><Text size="sm">{c.manager?.displayName ?? t('cases.unassigned')}</Text></Table.Td>
                        <Table.Td><Text size="sm">{formatDate(i18n.language, c.openedAt)}</Text></Table.Td>
                        <Table.Td>
                          {d ? (
                            <Stack gap={2}>
                              <Text size="xs">{t(`deadlineKind.${d.kind}`)}: {formatDateTime(i18n.language, d.due)}</Text>
                              <DueBadge status={d.status} />
                            </Stack>
                          ) : '—'}
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          {data?.cases.pageInfo.hasNextPage && (
            <Button variant="default" w="fit-content" onClick={() => setAfter(data.cases.pageInfo.endCursor ?? null)}>{t('cases.more')}</Button>
          )}
        </>
      )}
    </Stack>
  );
}

export default CasesPage;
