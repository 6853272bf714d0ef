import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { Link } from 'react-router';
import { Alert, Anchor, Button, Card, Group, SegmentedControl, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { graphql } from '../gql';
import { useCaseTitles } from '../api/caseTitles';
import type { HomeQuery } from '../gql/graphql';
import { useSession, type Viewer } from '../session';
import { caseTitle, formatDateTime, relativeTime, scopeName } from '../format';
import { DueBadge, EnumBadge, ErrorAlert, Loading, StatusBadge } from '../components/common';
import { TableHead } from '../components/TableHead';
import { isOverseer } from './indicators/scope';
import { Attention } from './oversight/Attention';

const HomeQueryDoc = graphql(`
  query Home($communityID: ID!, $mine: Boolean!, $cases: Boolean!, $referrals: Boolean!, $orgIDs: [ID!], $approvals: Boolean!, $reports: Boolean!) {
    deadlines(communityID: $communityID, mine: $mine, statuses: [DUE_SOON, OVERDUE]) @include(if: $cases) {
      kind due status legalBasisText { uk en }
      label { uk en }
      case { id status family { name } children { lastName firstName } }
    }
    newReports: cases(
      first: 20
      where: { communityID: $communityID, statusIn: [REPORTED, ASSESSING_SAFETY], hasSafetyAssessments: false }
      orderBy: { field: SAFETY_ASSESSMENT_DUE, direction: ASC }
    ) @include(if: $cases) {
      totalCount
      edges { node { id status openedAt safetyAssessmentDue family { name } children { lastName firstName }
        reports(first: 1) { edges { node { urgency categories source } } } } }
    }
    incoming: referrals(first: 20, where: { communityID: $communityID, status: SENT, toOrganizationIDIn: $orgIDs }, orderBy: { field: SENT_AT, direction: DESC })
      @include(if: $referrals) {
      totalCount
      edges { node { id urgent sentAt reason fromOrganization { name } } }
    }
    approvals(first: 20, where: { communityID: $communityID, status: PENDING }, orderBy: { field: REQUESTED_AT, direction: ASC }) @include(if: $approvals) {
      totalCount
    }
    myReports: reports(first: 10, where: { communityID: $communityID }, orderBy: { field: RECEIVED_AT, direction: DESC }) @include(if: $reports) {
      edges { node { id receivedAt status urgency categories summary } }
    }
    notifications(first: 8, where: { communityID: $communityID }, orderBy: { field: CREATED_AT, direction: DESC }) {
      edges { node { id kind caseID detail readAt createdAt } }
    }
  }
`);

type Deadline = NonNullable<HomeQuery['deadlines']>[number];

function DeadlinesTable({ rows }: { rows: Deadline[] }) {
  const { t, i18n } = useTranslation();
  if (rows.length === 0) return <Text c="dimmed">{t('home.noDeadlines')}</Text>;
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped highlightOnHover>
        <TableHead columns={[t('home.case'), t('home.deadline'), t('home.due'), t('home.dueStatus')]} />
        <Table.Tbody>
          {rows.map((d) => (
            <Table.Tr key={`${d.case.id}-${d.kind}`}>
              <Table.Td><Anchor component={Link} to={`/cases/${d.case.id}`}>{caseTitle(t, d.case)}</Anchor></Table.Td>
              <Table.Td>
                <Text size="sm">{i18n.language === 'en' ? d.label.en : d.label.uk}</Text>
                <Text size="xs" c="dimmed">{i18n.language === 'en' ? d.legalBasisText.en : d.legalBasisText.uk}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" style={{ whiteSpace: 'nowrap' }}>{formatDateTime(i18n.language, d.due)}</Text>
                <Text size="xs" c="dimmed">{relativeTime(i18n.language, d.due)}</Text>
              </Table.Td>
              <Table.Td><DueBadge status={d.status} /></Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function Stat({ label, value, color, to }: { label: string; value: number; color?: string; to?: string }) {
  const body = (
    <>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>{label}</Text>
      <Text fz={28} fw={700} c={value > 0 ? color : undefined}>{value}</Text>
    </>
  );
  return to ? <Card withBorder padding="sm" component={Link} to={to}>{body}</Card> : <Card withBorder padding="sm">{body}</Card>;
}

export function Memberships({ viewer }: { viewer: Viewer }) {
  const { t, i18n } = useTranslation();
  // A community's own role shows its name; a built-in role its translation.
  const roleName = (m: Viewer['memberships'][number]) => {
    const label = m.customRole?.label;
    return label ? (i18n.language === 'en' ? label.en : label.uk) : t(`roles.${m.role}`);
  };
  const rows = viewer.memberships.map((m) => (
    <Table.Tr key={m.id}>
      <Table.Td>{scopeName(t, m)}</Table.Td>
      <Table.Td>{m.organization?.name ?? '—'}</Table.Td>
      <Table.Td>{roleName(m)}</Table.Td>
    </Table.Tr>
  ));
  return (
    <Stack gap="xs">
      <Title order={2} size="h3">{t('home.title')}</Title>
      <Text>
        {t('home.signedInAs')} <strong>{viewer.user?.displayName}</strong> ({viewer.user?.email})
      </Text>
      {rows.length === 0 ? (
        <Text>{t('home.noMemberships')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table striped>
            <TableHead columns={[t('home.scope'), t('home.organization'), t('home.role')]} />
            <Table.Tbody>{rows}</Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

export function HomePage() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const { viewer, community, can, organizations } = session;
  const [scope, setScope] = useState<'mine' | 'all'>('all');
  const cases = can('case_file', 'read');
  const orgIDs = organizations.map((o) => o.id);
  const [{ data, fetching, error }] = useQuery({
    query: HomeQueryDoc,
    pause: !community,
    variables: {
      communityID: community?.id ?? '', mine: scope === 'mine', cases,
      referrals: can('referral', 'update') && orgIDs.length > 0, orgIDs,
      approvals: can('approval', 'update'), reports: can('report', 'read') && !cases,
    },
  });

  const caseName = useCaseTitles(data?.notifications.edges?.map((e) => e?.node?.caseID) ?? [], cases);
  const deadlines = data?.deadlines ?? [];
  const overdue = deadlines.filter((d) => d.status === 'OVERDUE').length;
  const newReports = data?.newReports?.edges?.map((e) => e!.node!) ?? [];

  return (
    <Stack maw={1100} gap="lg">
      <Group justify="space-between" align="flex-end">
        <Title order={1} size="h2">{t('home.welcome', { name: viewer.user?.displayName ?? '' })}</Title>
        {can('report', 'create') && <Button component={Link} to="/reports/new">{t('nav.newReport')}</Button>}
      </Group>
      {viewer.totpEnrollmentRequired && (
        <Alert color="orange" title={t('home.totpRequired')}>
          <Button component={Link} to="/security/totp" mt="xs">{t('home.enrolNow')}</Button>
        </Alert>
      )}
      {!community && isOverseer(viewer.memberships) && <Attention />}
      <ErrorAlert error={data ? undefined : error} />
      {community && fetching && !data && <Loading />}
      {data && (
        <>
          {cases && (
            <SimpleGrid cols={{ base: 2, sm: 4 }}>
              <Stat label={t('home.overdue')} value={overdue} color="red" />
              <Stat label={t('home.dueSoon')} value={deadlines.length - overdue} color="orange" />
              <Stat label={t('home.newReports')} value={data.newReports?.totalCount ?? 0} color="red" />
              {data.incoming && <Stat label={t('home.incoming')} value={data.incoming.totalCount} color="blue" to="/referrals" />}
              {data.approvals && <Stat label={t('home.pendingApprovals')} value={data.approvals.totalCount} color="grape" to="/approvals" />}
            </SimpleGrid>
          )}

          {cases && (
            <section aria-labelledby="deadlines-h">
              <Group justify="space-between" mb="xs">
                <Title order={2} size="h3" id="deadlines-h">{t('home.deadlines')}</Title>
                <SegmentedControl size="xs" aria-label={t('home.scopeLabel')} value={scope} onChange={(v) => setScope(v as 'mine' | 'all')}
                  data={[{ value: 'all', label: t('home.all') }, { value: 'mine', label: t('home.mine') }]} />
              </Group>
              <DeadlinesTable rows={deadlines} />
            </section>
          )}

          {cases && (
            <section aria-labelledby="new-h">
              <Title order={2} size="h3" id="new-h" mb="xs">{t('home.awaitingSafety')}</Title>
              {newReports.length === 0 ? <Text c="dimmed">{t('home.noNewReports')}</Text> : (
                <Table.ScrollContainer minWidth={640}>
                  <Table striped highlightOnHover>
                    <TableHead columns={[t('home.case'), t('report.urgency'), t('report.categories'), t('case.safetyDue'), t('case.status')]} />
                    <Table.Tbody>
                      {newReports.map((c) => {
                        const r = c.reports.edges?.[0]?.node;
                        return (
                          <Table.Tr key={c.id}>
                            <Table.Td><Anchor component={Link} to={`/cases/${c.id}`}>{caseTitle(t, c)}</Anchor></Table.Td>
                            <Table.Td>{r ? <EnumBadge group="urgency" value={r.urgency} color={r.urgency === 'ROUTINE' ? 'gray' : 'red'} /> : '—'}</Table.Td>
                            <Table.Td><Text size="sm">{r?.categories?.map((k) => t(`category.${k}`)).join(', ') || '—'}</Text></Table.Td>
                            <Table.Td>
                              <Text size="sm">{formatDateTime(i18n.language, c.safetyAssessmentDue)}</Text>
                              {c.safetyAssessmentDue && <Text size="xs" c={new Date(c.safetyAssessmentDue) < new Date() ? 'red' : 'dimmed'}>{relativeTime(i18n.language, c.safetyAssessmentDue)}</Text>}
                            </Table.Td>
                            <Table.Td><StatusBadge status={c.status} /></Table.Td>
                          </Table.Tr>
                        );
                      })}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              )}
            </section>
          )}

          {data.incoming && data.incoming.totalCount > 0 && (
            <section aria-labelledby="incoming-h">
              <Title order={2} size="h3" id="incoming-h" mb="xs">{t('home.incoming')}</Title>
              <Stack gap="xs">
                {data.incoming.edges?.map((e) => e!.node!).map((r) => (
                  <Card key={r.id} withBorder padding="sm">
                    <Group justify="space-between">
                      <Text fw={600}>{r.fromOrganization.name}</Text>
                      <Text size="sm" c="dimmed">{formatDateTime(i18n.language, r.sentAt)}</Text>
                    </Group>
                    <Text size="sm">{r.reason}</Text>
                    <Anchor component={Link} to="/referrals" size="sm">{t('home.answerReferral')}</Anchor>
                  </Card>
                ))}
              </Stack>
            </section>
          )}

          {data.myReports && (
            <section aria-labelledby="myreports-h">
              <Title order={2} size="h3" id="myreports-h" mb="xs">{t('reports.mine')}</Title>
              {data.myReports.edges?.length ? (
                <Stack gap="xs">
                  {data.myReports.edges.map((e) => e!.node!).map((r) => (
                    <Card key={r.id} withBorder padding="sm">
                      <Group justify="space-between">
                        <Text size="sm">{formatDateTime(i18n.language, r.receivedAt)}</Text>
                        <EnumBadge group="reportStatus" value={r.status} />
                      </Group>
                      <Text size="sm" lineClamp={2}>{r.summary}</Text>
                    </Card>
                  ))}
                </Stack>
              ) : <Text c="dimmed">{t('reports.none')}</Text>}
            </section>
          )}

          <section aria-labelledby="recent-h">
            <Title order={2} size="h3" id="recent-h" mb="xs">{t('home.recent')}</Title>
            {data.notifications.edges?.length ? (
              <Stack gap={4} component="ul" className="plain-list">
                {data.notifications.edges.map((e) => e!.node!).map((n) => (
                  <li key={n.id}>
                    <Group gap="xs" wrap="nowrap" align="flex-start">
                      <Text size="sm" c="dimmed" miw={130} style={{ whiteSpace: 'nowrap' }}>{formatDateTime(i18n.language, n.createdAt)}</Text>
                      <Text size="sm" fw={n.readAt ? 400 : 700}>
                        {t(`notification.${n.kind}`, { defaultValue: n.kind })}
                        {n.caseID && (cases
                          ? <>{' — '}<Anchor component={Link} to={`/cases/${n.caseID}`} size="sm" fw={n.readAt ? 400 : 700}>{caseName(n.caseID)}</Anchor></>
                          : <>{' — '}{caseName(n.caseID)}</>)}
                      </Text>
                    </Group>
                  </li>
                ))}
              </Stack>
            ) : <Text c="dimmed">{t('home.noRecent')}</Text>}
          </section>
        </>
      )}
      <Memberships viewer={viewer} />
    </Stack>
  );
}

export default HomePage;
