import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { Link, useSearchParams } from 'react-router';
import { Anchor, Group, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { graphql } from '../../gql';
import { useSession } from '../../session';
import { caseTitle, formatDateTime, relativeTime } from '../../format';
import { DueBadge, ErrorAlert, Loading } from '../../components/common';
import { TableHead } from '../../components/TableHead';
import { SupervisionTasks } from '../supervision/SupervisionTasks';
import { countByStatus, scopeArgs, scopesFor, workItems, type DueStatus, type Scope } from './workItems';
import { MyActions } from '../groups/GroupsPage';

const WorkQuery = graphql(`
  query Work($communityID: ID!, $mine: Boolean, $organizationID: ID, $statuses: [DueStatus!]) {
    deadlines(communityID: $communityID, mine: $mine, organizationID: $organizationID, statuses: $statuses) {
      kind due status label { uk en }
      case { id family { id name } children { id lastName firstName } manager { id displayName } }
    }
    tasks(communityID: $communityID, mine: $mine, organizationID: $organizationID, statuses: $statuses) {
      kind text due status label { uk en }
      case { id family { id name } children { id lastName firstName } manager { id displayName } }
    }
  }
`);

const statusChoices: Record<string, DueStatus[]> = { due: ['DUE_SOON', 'OVERDUE'], overdue: ['OVERDUE'], all: [] };

/**
 * «Мої завдання»: the legal deadlines and the tasks (plan actions, plan
 * reviews, scheduled visits) of the viewer's cases, their organisation's or
 * the community's, due soon and overdue first, each linked to its case.
 */
export function TasksPage() {
  const { t, i18n } = useTranslation();
  const { community, can, organizations } = useSession();
  const scopes = scopesFor(can, organizations);
  // The team page opens one worker's overdue work: the community's items of the cases they manage.
  const [params] = useSearchParams();
  const manager = params.get('manager');
  const [scope, setScope] = useState<Scope>(manager && scopes.includes('community') ? 'community' : 'mine');
  const [which, setWhich] = useState(params.get('which') && statusChoices[params.get('which')!] ? params.get('which')! : 'due');
  const variables = scopeArgs(scope, community?.id ?? '', organizations[0]?.id, statusChoices[which]);
  const [{ data, fetching, error }] = useQuery({ query: WorkQuery, variables, pause: !community, requestPolicy: 'cache-and-network' });
  const items = useMemo(() => workItems(data?.deadlines ?? [], data?.tasks ?? [])
    .filter((it) => !manager || scope !== 'community' || it.case.manager?.id === manager), [data, manager, scope]);
  const managerName = manager ? items.find((it) => it.case.manager?.id === manager)?.case.manager?.displayName : undefined;
  const counts = countByStatus(items);
  const en = i18n.language === 'en';

  return (
    <Stack gap="md">
      <Title order={1} size="h2">{t(`tasks.title.${scope}`)}</Title>
      <Group gap="md" align="flex-end">
        {scopes.length > 1 && (
          <SegmentedControl aria-label={t('tasks.scope')} value={scope} onChange={(v) => setScope(v as Scope)}
            data={scopes.map((s) => ({ value: s, label: t(`tasks.scopes.${s}`, { org: organizations[0]?.name ?? '' }) }))} />
        )}
        <SegmentedControl aria-label={t('tasks.which')} value={which} onChange={setWhich}
          data={Object.keys(statusChoices).map((k) => ({ value: k, label: t(`tasks.whichOptions.${k}`) }))} />
      </Group>
      {manager && scope === 'community' && (
        <Group gap="xs">
          <Text size="sm">{t('tasks.ofWorker', { name: managerName ?? '' })}</Text>
          <Anchor component={Link} to="/tasks" size="sm">{t('tasks.showAll')}</Anchor>
        </Group>
      )}
      <ErrorAlert error={data ? undefined : error} />
      {community && <MyActions communityID={community.id} />}
      {fetching && !data ? <Loading /> : (
        <>
          <Text size="sm" aria-live="polite">{t('tasks.counts', { overdue: counts.overdue, dueSoon: counts.dueSoon })}</Text>
          {items.length === 0 ? <Text c="dimmed">{t('tasks.none')}</Text> : (
            <Table.ScrollContainer minWidth={720}>
              <Table striped highlightOnHover>
                <TableHead columns={[t('home.case'), t('tasks.what'), t('tasks.manager'), t('home.due'), t('home.dueStatus')]} />
                <Table.Tbody>
                  {items.map((it, i) => (
                    <Table.Tr key={`${it.caseID}-${it.source}-${it.kind}-${i}`} data-testid="work-item">
                      <Table.Td><Anchor component={Link} to={`/cases/${it.caseID}`}>{caseTitle(t, it.case)}</Anchor></Table.Td>
                      <Table.Td>
                        <Text size="sm">{it.label ? (en ? it.label.en : it.label.uk) : it.kind}</Text>
                        {it.text && <Text size="xs" c="dimmed">{it.text}</Text>}
                        <Text size="xs" c="dimmed">{t(`tasks.source.${it.source}`)}</Text>
                      </Table.Td>
                      <Table.Td><Text size="sm">{it.case.manager?.displayName ?? t('cases.unassigned')}</Text></Table.Td>
                      <Table.Td>
                        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>{formatDateTime(i18n.language, it.due)}</Text>
                        <Text size="xs" c="dimmed">{relativeTime(i18n.language, it.due)}</Text>
                      </Table.Td>
                      <Table.Td><DueBadge status={it.status} /></Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </>
      )}
      {scope !== 'organization' && !manager && <SupervisionTasks mine={scope === 'mine'} statuses={statusChoices[which]} />}
    </Stack>
  );
}

export default TasksPage;
