import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { Link, useSearchParams } from 'react-router';
import { Anchor, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { graphql } from '../gql';
import { useSession } from '../session';
import { caseTitle, formatDateTime } from '../format';
import { ErrorAlert, Loading } from '../components/common';
import { ApprovalActions } from '../components/ApprovalActions';
import { approvalSummary, type ApprovalSubject } from './approvals/summary';

const ApprovalsQuery = graphql(`
  query Approvals($communityID: ID!) {
    approvals(first: 100, where: { communityID: $communityID, status: PENDING }, orderBy: { field: REQUESTED_AT, direction: ASC }) {
      edges { node { id subjectKind subjectID requestedAt note requestedBy { id displayName }
        case { id family { name } children { lastName firstName } manager { id displayName } } } }
    }
  }
`);

// What each kind of subject holds that the supervisor approves.
const SubjectsQuery = graphql(`
  query ApprovalSubjects($ids: [ID!]!) {
    nodes(ids: $ids) {
      __typename
      ... on NeedsAssessment { id kind conductedAt actNumber onTime conclusion provider { name } }
      ... on Plan { id version nextReviewAt agreedAt goals { text actions { text } } }
      ... on Case { id closureOutcome }
    }
  }
`);

const tabOf: Record<string, string> = { NEEDS_ASSESSMENT: 'needs', PLAN: 'plan', CLOSURE: '' };

/**
 * Needs assessments, plan versions and closures waiting for a supervisor,
 * each card saying what is approved (kind, case, key content, who asked and
 * when); `?manager=` keeps those of one worker's cases (the team page).
 */
export default function ApprovalsPage() {
  const { t, i18n } = useTranslation();
  const { community } = useSession();
  const [params] = useSearchParams();
  const manager = params.get('manager');
  const [{ data, fetching, error }, reexecute] = useQuery({ query: ApprovalsQuery, variables: { communityID: community?.id ?? '' }, pause: !community });
  const items = (data?.approvals.edges ?? []).map((e) => e!.node!).filter((a) => !manager || a.case.manager?.id === manager);
  const ids = useMemo(() => [...new Set(items.map((a) => a.subjectID))], [items.map((a) => a.subjectID).join()]);
  const [subjects] = useQuery({ query: SubjectsQuery, variables: { ids }, pause: ids.length === 0 });
  const subjectOf = useMemo(() => {
    const m = new Map<string, ApprovalSubject>();
    for (const n of subjects.data?.nodes ?? []) if (n && 'id' in n) m.set(n.id, n as ApprovalSubject);
    return m;
  }, [subjects.data]);
  const managerName = manager ? data?.approvals.edges?.map((e) => e!.node!.case.manager).find((m) => m?.id === manager)?.displayName : undefined;
  return (
    <Stack maw={960}>
      <Title order={1} size="h2">{t('approvals.title')}</Title>
      {manager && (
        <Group gap="xs">
          <Text size="sm">{t('approvals.ofWorker', { name: managerName ?? '' })}</Text>
          <Anchor component={Link} to="/approvals" size="sm">{t('approvals.showAll')}</Anchor>
        </Group>
      )}
      <ErrorAlert error={data ? undefined : error} />
      {fetching && !data ? <Loading /> : items.length === 0 ? <Text c="dimmed">{t('approvals.none')}</Text> : (
        <Stack gap="sm">
          {items.map((a) => {
            const lines = approvalSummary(t, i18n.language, a.subjectKind, subjectOf.get(a.subjectID), a.note);
            return (
              <Card key={a.id} withBorder data-testid="approval-card">
                <Stack gap="xs">
                  <Group justify="space-between" align="flex-start">
                    <Stack gap={0}>
                      <Title order={2} size="h4">{t(`approvalKind.${a.subjectKind}`)}</Title>
                      <Anchor component={Link} to={`/cases/${a.case.id}${tabOf[a.subjectKind] ? '/' + tabOf[a.subjectKind] : ''}`}>
                        {caseTitle(t, a.case)}
                      </Anchor>
                    </Stack>
                    <Badge variant="light" color="grape">{t('approvalStatus.PENDING')}</Badge>
                  </Group>
                  {lines.length > 0 && (
                    <dl className="approval-summary">
                      {lines.map((l) => (
                        <div key={l.label}>
                          <Text component="dt" size="sm" c="dimmed">{l.label}</Text>
                          <Text component="dd" size="sm" lineClamp={3}>{l.value}</Text>
                        </div>
                      ))}
                    </dl>
                  )}
                  <Text size="sm" c="dimmed">
                    {t('approvalCard.asked', { name: a.requestedBy?.displayName ?? t('approvalCard.someone'), when: formatDateTime(i18n.language, a.requestedAt) })}
                    {a.case.manager && a.case.manager.id !== a.requestedBy?.id ? ` · ${t('approvalCard.manager', { name: a.case.manager.displayName })}` : ''}
                  </Text>
                  <ApprovalActions id={a.id} onDone={() => reexecute({ requestPolicy: 'network-only' })} />
                </Stack>
              </Card>
            );
          })}
        </Stack>
      )}
    </Stack>
  );
}
