import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { Link } from 'react-router';
import { Anchor, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { graphql } from '../gql';
import { useSession } from '../session';
import { formatDateTime } from '../format';
import { ErrorAlert, Loading } from '../components/common';
import { TableHead } from '../components/TableHead';
import { useCaseTitles } from '../api/caseTitles';

const NotificationsQuery = graphql(`
  query Notifications {
    notifications(first: 100, orderBy: { field: CREATED_AT, direction: DESC }) {
      edges { node { id kind caseID detail readAt createdAt communityID } }
    }
    unreadNotifications
  }
`);
const MarkReadMutation = graphql(`
  mutation MarkNotificationsRead($ids: [ID!]) { markNotificationsRead(ids: $ids) }
`);

export default function NotificationsPage() {
  const { t, i18n } = useTranslation();
  const { can } = useSession();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: NotificationsQuery });
  const [mark, markRead] = useMutation(MarkReadMutation);
  const items = (data?.notifications.edges ?? []).map((e) => e!.node!);
  const caseName = useCaseTitles(items.map((n) => n.caseID), can('case_file', 'read'));
  const reload = () => reexecute({ requestPolicy: 'network-only' });
  async function read(ids: string[] | null) {
    await markRead({ ids }, { additionalTypenames: ['Notification'] });
    reload();
  }
  return (
    <Stack maw={960}>
      <Group justify="space-between">
        <Title order={1} size="h2">{t('nav.notifications')}</Title>
        {(data?.unreadNotifications ?? 0) > 0 && <Button variant="default" onClick={() => read(null)} loading={mark.fetching}>{t('notifications.markAll')}</Button>}
      </Group>
      <ErrorAlert error={data ? undefined : error} />
      {fetching && !data ? <Loading /> : items.length === 0 ? <Text c="dimmed">{t('home.noRecent')}</Text> : (
        <Table.ScrollContainer minWidth={600}>
          <Table highlightOnHover>
            <TableHead columns={[t('notifications.when'), t('notifications.what'), <span className="visually-hidden">{t('form.actions')}</span>]} />
            <Table.Tbody>
              {items.map((n) => {
                // A kind newer than this build still reads as something.
                const what = t(`notification.${n.kind}`, { defaultValue: n.kind });
                return (
                <Table.Tr key={n.id} fw={n.readAt ? 400 : 700}>
                  <Table.Td>{formatDateTime(i18n.language, n.createdAt)}</Table.Td>
                  <Table.Td>
                    {n.caseID && can('case_file', 'read')
                      ? <Anchor component={Link} to={`/cases/${n.caseID}`} onClick={() => !n.readAt && read([n.id])}>{what} — {caseName(n.caseID)}</Anchor>
                      : what}
                    {!n.readAt && <Text span size="xs" c="red" ml="xs">{t('notifications.new')}</Text>}
                  </Table.Td>
                  <Table.Td>{!n.readAt && <Button size="compact-xs" variant="subtle" onClick={() => read([n.id])}>{t('notifications.markRead')}</Button>}</Table.Td>
                </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
