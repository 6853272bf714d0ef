import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { Link } from 'react-router';
import { Anchor, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { graphql } from '../gql';
import { useSession } from '../session';
import { formatDateTime } from '../format';
import { EnumBadge, ErrorAlert, Loading } from '../components/common';

const ReportsQuery = graphql(`
  query Reports($communityID: ID!) {
    reports(first: 100, where: { communityID: $communityID }, orderBy: { field: RECEIVED_AT, direction: DESC }) {
      totalCount
      edges { node { id receivedAt source urgency status categories summary } }
    }
  }
`);

/** The reports a partner submitted, and where each stands (never the case behind it). */
export default function ReportsPage() {
  const { t, i18n } = useTranslation();
  const { community, can } = useSession();
  const [{ data, fetching, error }] = useQuery({ query: ReportsQuery, variables: { communityID: community?.id ?? '' }, pause: !community });
  const reports = (data?.reports.edges ?? []).map((e) => e!.node!);
  return (
    <Stack maw={900}>
      <Group justify="space-between">
        <Title order={1} size="h2">{t('reports.mine')}</Title>
        {can('report', 'create') && <Button component={Link} to="/reports/new">{t('nav.newReport')}</Button>}
      </Group>
      <Text size="sm" c="dimmed">{t('reports.privacy')}</Text>
      <ErrorAlert error={error} />
      {fetching && !data ? <Loading /> : reports.length === 0 ? <Text>{t('reports.none')}</Text> : (
        <Stack gap="xs">
          {reports.map((r) => (
            <Card key={r.id} withBorder padding="sm">
              <Group justify="space-between">
                <Group gap="xs">
                  <Text size="sm" fw={600}>{formatDateTime(i18n.language, r.receivedAt)}</Text>
                  <EnumBadge group="urgency" value={r.urgency} color={r.urgency === 'ROUTINE' ? 'gray' : 'red'} />
                  <Text size="sm" c="dimmed">{t(`source.${r.source}`)}</Text>
                </Group>
                <EnumBadge group="reportStatus" value={r.status} color={r.status === 'CLOSED' ? 'gray' : 'blue'} />
              </Group>
              {r.categories && r.categories.length > 0 && <Text size="xs" c="dimmed">{r.categories.map((c) => t(`category.${c}`)).join(', ')}</Text>}
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{r.summary}</Text>
            </Card>
          ))}
        </Stack>
      )}
      {can('case_file', 'read') && <Anchor component={Link} to="/cases">{t('nav.cases')}</Anchor>}
    </Stack>
  );
}
