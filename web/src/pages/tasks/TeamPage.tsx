import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { Link } from 'react-router';
import { Anchor, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { graphql } from '../../gql';
import { useSession } from '../../session';
import { caseTitle, formatDateTime } from '../../format';
import { ErrorAlert, Loading, NoAccess, StatusBadge } from '../../components/common';
import { TableHead } from '../../components/TableHead';
import { AssignCase } from '../case/AssignCase';
import { overdueOf, teamLinks, teamRows, teamTotals } from './team';

const TeamQuery = graphql(`
  query Team($communityID: ID!) {
    teamWorkload(communityID: $communityID) {
      worker { id displayName }
      openCases overdueDeadlines overdueTasks pendingApprovals
    }
    unassigned: cases(first: 20, where: { communityID: $communityID, managerIDIsNil: true, statusNotIn: [CLOSED, REFUSED, TRANSFERRED] },
      orderBy: { field: OPENED_AT, direction: ASC }) {
      totalCount
      edges { node { id status openedAt family { name } children { lastName firstName } } }
    }
  }
`);

function Figure({ value, to, label, color }: { value: number; to: string; label: string; color?: string }) {
  if (value === 0) return <Text size="sm" c="dimmed" aria-label={label}>0</Text>;
  return <Anchor component={Link} to={to} size="sm" fw={700} c={color} aria-label={label}>{value}</Anchor>;
}

/**
 * «Команда»: a supervisor's page of the community's workers, each with
 * their open cases, overdue deadlines and tasks and pending approvals (each
 * figure opens the list filtered to them), the hand-over of a caseload, and
 * the open cases no one manages yet, each assigned from here.
 */
export function TeamPage() {
  const { t, i18n } = useTranslation();
  const { community, can } = useSession();
  const communityID = community?.id ?? '';
  const [{ data, fetching, error }, reload] = useQuery({ query: TeamQuery, variables: { communityID }, pause: !community, requestPolicy: 'cache-and-network' });
  if (!can('case_assignment', 'create')) return <NoAccess />;
  const rows = teamRows(data?.teamWorkload ?? [], i18n.language);
  const totals = teamTotals(rows);
  const unassigned = data?.unassigned.edges?.map((e) => e!.node!) ?? [];
  const refresh = () => reload({ requestPolicy: 'network-only' });

  return (
    <Stack gap="lg" maw={1100}>
      <Stack gap={4}>
        <Title order={1} size="h2">{t('supervision.title')}</Title>
        <Text size="sm" c="dimmed">{t('supervision.intro')}</Text>
      </Stack>
      <ErrorAlert error={data ? undefined : error} />
      {fetching && !data ? <Loading /> : data && (
        <>
          <section aria-labelledby="team-h">
            <Title order={2} size="h3" id="team-h" mb="xs">{t('supervision.workers')}</Title>
            {rows.length === 0 ? <Text c="dimmed">{t('supervision.noWorkers')}</Text> : (
              <Table.ScrollContainer minWidth={720}>
                <Table striped highlightOnHover>
                  <TableHead columns={[t('supervision.worker'), t('supervision.openCases'), t('supervision.overdue'), t('supervision.pendingApprovals'), t('supervision.actions')]} />
                  <Table.Tbody>
                    {rows.map((r) => {
                      const links = teamLinks(r.worker.id);
                      const name = r.worker.displayName;
                      return (
                        <Table.Tr key={r.worker.id} data-testid="team-row">
                          <Table.Td><Text size="sm" fw={600}>{name}</Text></Table.Td>
                          <Table.Td><Figure value={r.openCases} to={links.cases} label={t('supervision.openCasesOf', { name, count: r.openCases })} /></Table.Td>
                          <Table.Td>
                            <Figure value={overdueOf(r)} to={links.overdue} color="red" label={t('supervision.overdueOf', { name, count: overdueOf(r) })} />
                            {overdueOf(r) > 0 && <Text size="xs" c="dimmed">{t('supervision.overdueSplit', { deadlines: r.overdueDeadlines, tasks: r.overdueTasks })}</Text>}
                          </Table.Td>
                          <Table.Td><Figure value={r.pendingApprovals} to={links.approvals} color="grape" label={t('supervision.approvalsOf', { name, count: r.pendingApprovals })} /></Table.Td>
                          <Table.Td>
                            {r.openCases > 0 && (
                              <Button component={Link} to={links.handOver} size="xs" variant="default" aria-label={t('supervision.handOverOf', { name })}>{t('supervision.handOver')}</Button>
                            )}
                          </Table.Td>
                        </Table.Tr>
                      );
                    })}
                  </Table.Tbody>
                  <Table.Tfoot>
                    <Table.Tr>
                      <Table.Th scope="row">{t('supervision.total')}</Table.Th>
                      <Table.Td>{totals.openCases}</Table.Td>
                      <Table.Td>{totals.overdue}</Table.Td>
                      <Table.Td>{totals.pendingApprovals}</Table.Td>
                      <Table.Td />
                    </Table.Tr>
                  </Table.Tfoot>
                </Table>
              </Table.ScrollContainer>
            )}
          </section>

          <section aria-labelledby="unassigned-h">
            <Group justify="space-between" mb="xs">
              <Title order={2} size="h3" id="unassigned-h">{t('supervision.unassigned', { count: data.unassigned.totalCount })}</Title>
              {data.unassigned.totalCount > unassigned.length && <Anchor component={Link} to="/cases?manager=none" size="sm">{t('supervision.allUnassigned')}</Anchor>}
            </Group>
            {unassigned.length === 0 ? <Text c="dimmed">{t('supervision.noUnassigned')}</Text> : (
              <Stack gap="sm">
                {unassigned.map((c) => (
                  <Group key={c.id} justify="space-between" align="flex-end" wrap="wrap" data-testid="unassigned-case">
                    <Stack gap={2}>
                      <Anchor component={Link} to={`/cases/${c.id}`}>{caseTitle(t, c)}</Anchor>
                      <Group gap="xs"><StatusBadge status={c.status} /><Text size="xs" c="dimmed">{t('supervision.opened', { when: formatDateTime(i18n.language, c.openedAt) })}</Text></Group>
                    </Stack>
                    <AssignCase caseID={c.id} communityID={communityID} reload={refresh} />
                  </Group>
                ))}
              </Stack>
            )}
          </section>
        </>
      )}
    </Stack>
  );
}

export default TeamPage;
