import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { Link } from 'react-router';
import { Anchor, Card, Group, Stack, Text, Title } from '@mantine/core';
import { graphql } from '../gql';
import { useSession } from '../session';
import { caseTitle, formatDateTime } from '../format';
import { ErrorAlert, Loading } from '../components/common';
import { ApprovalActions } from '../components/ApprovalActions';

const ApprovalsQuery = graphql(`
  query Approvals($communityID: ID!) {
    approvals(first: 100, where: { communityID: $communityID, status: PENDING }, orderBy: { field: REQUESTED_AT, direction: ASC }) {
      edges { node { id subjectKind subjectID requestedAt note case { id family { name } children { lastName firstName } } } }
    }
  }
`);

const tabOf: Record<string, string> = { NEEDS_ASSESSMENT: 'needs', PLAN: 'plan', CLOSURE: '' };

/** Needs assessments, plan versions and closures waiting for a supervisor. */
export default function ApprovalsPage() {
  const { t, i18n } = useTranslation();
  const { community } = useSession();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: ApprovalsQuery, variables: { communityID: community?.id ?? '' }, pause: !community });
  const items = (data?.approvals.edges ?? []).map((e) => e!.node!);
  return (
    <Stack maw={960}>
      <Title order={1} size="h2">{t('approvals.title')}</Title>
      <ErrorAlert error={data ? undefined : error} />
      {fetching && !data ? <Loading /> : items.length === 0 ? <Text c="dimmed">{t('approvals.none')}</Text> : (
        <Stack gap="sm">
          {items.map((a) => (
            <Card key={a.id} withBorder>
              <Stack gap="xs">
                <Group justify="space-between">
                  <Text fw={600}>{t(`approvalKind.${a.subjectKind}`)}</Text>
                  <Text size="sm" c="dimmed">{formatDateTime(i18n.language, a.requestedAt)}</Text>
                </Group>
                <Anchor component={Link} to={`/cases/${a.case.id}${tabOf[a.subjectKind] ? '/' + tabOf[a.subjectKind] : ''}`}>{caseTitle(t, a.case)}</Anchor>
                {a.note && <Text size="sm">{a.note}</Text>}
                <ApprovalActions id={a.id} onDone={() => reexecute({ requestPolicy: 'network-only' })} />
              </Stack>
            </Card>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
