import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { Anchor, Group, Stack, Text, Title } from '@mantine/core';
import { graphql } from '../../gql';
import { useSession } from '../../session';
import { formatDate } from '../../format';
import { DueBadge } from '../../components/common';

const SupervisionTasksQuery = graphql(`
  query SupervisionTasks($communityID: ID!, $mine: Boolean, $statuses: [DueStatus!]) {
    supervisionTasks(communityID: $communityID, mine: $mine, statuses: $statuses) {
      status session { id heldOn topic } item { key text dueOn assignee { id displayName } }
    }
  }
`);

/**
 * The open follow-up items of supervision sessions, beside a case's tasks
 * on «Мої завдання»: the viewer's own (mine), or all they may read, of the
 * statuses shown there. Nothing when there are none.
 */
export function SupervisionTasks({ mine, statuses }: { mine: boolean; statuses: string[] }) {
  const { t, i18n } = useTranslation();
  const { community, can } = useSession();
  const [{ data }] = useQuery({ query: SupervisionTasksQuery, variables: { communityID: community?.id ?? '', mine, statuses: statuses as never },
    pause: !community || !can('supervision_session', 'read'), requestPolicy: 'cache-and-network' });
  const items = data?.supervisionTasks ?? [];
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="supervision-tasks">
      <Title order={2} size="h4" id="supervision-tasks" mb="xs">{t('supervisionJournal.tasks')}</Title>
      <Stack gap={4} component="ul" className="plain-list">
        {items.map((x) => (
          <li key={`${x.session.id}/${x.item.key}`} data-testid="supervision-task">
            <Group gap="xs">
              <Text size="sm">{x.item.text} — {t('supervisionJournal.due', { date: formatDate(i18n.language, x.item.dueOn, true) })}
                {x.item.assignee ? ` · ${x.item.assignee.displayName}` : ''}</Text>
              <DueBadge status={x.status} />
              <Anchor component={Link} to="/supervision" size="sm">
                {t('supervisionJournal.fromSession', { date: formatDate(i18n.language, x.session.heldOn, true) })}
              </Anchor>
            </Group>
          </li>
        ))}
      </Stack>
    </section>
  );
}
