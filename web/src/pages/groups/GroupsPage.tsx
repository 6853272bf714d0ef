import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { Link, useNavigate } from 'react-router';
import { Anchor, Button, Card, Group, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useSession } from '../../session';
import { communityName, formatDate, formatNumber } from '../../format';
import { DueBadge, ErrorAlert, Loading } from '../../components/common';
import { TableHead } from '../../components/TableHead';
import { notify } from '../../notify';
import { CreateGroupMutation, GroupActivityQuery, GroupsQuery, MyGroupActionsQuery } from './queries';
import { localDay, roleHolder } from './groups';

/**
 * «Робочі групи»: the community's inter-agency working groups the viewer
 * may read (all for its admin and heads, their own for members), the
 * viewer's own open action items, and for overseers the groups' activity
 * as counts.
 */
export default function GroupsPage() {
  const { t } = useTranslation();
  const { community, can } = useSession();
  return (
    <Stack gap="md">
      <Title order={1} size="h2">{t('groups.title')}</Title>
      <Text size="sm" c="dimmed">{t('groups.intro')}</Text>
      {community && can('working_group', 'read') && <GroupList communityID={community.id} />}
      {community && <MyActions communityID={community.id} />}
      {community && can('working_group', 'create') && <CreateGroup communityID={community.id} />}
      {(!community || can('working_group_activity', 'read')) && <Activity communityID={community?.id} />}
    </Stack>
  );
}

function GroupList({ communityID }: { communityID: string }) {
  const { t, i18n } = useTranslation();
  const [{ data, fetching, error }] = useQuery({ query: GroupsQuery, variables: { communityID }, requestPolicy: 'cache-and-network' });
  if (fetching && !data) return <Loading />;
  const groups = data?.workingGroups ?? [];
  return (
    <>
      <ErrorAlert error={error} />
      {groups.length === 0 ? <Text c="dimmed">{t('groups.none')}</Text> : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped highlightOnHover>
            <TableHead columns={[t('groups.name'), t('groups.chair'), t('groups.membersCount'), t('groups.meetingsCount'), t('groups.lastMeeting'), t('groups.openActions')]} />
            <Table.Tbody>
              {groups.map((g) => {
                const meetings = g.meetings ?? [];
                const last = meetings.reduce<string | null>((a, m) => (!a || m.heldOn > a ? m.heldOn : a), null);
                const open = (g.actions ?? []).filter((a) => a.status === 'OPEN');
                const overdue = open.filter((a) => a.dueStatus === 'OVERDUE').length;
                return (
                  <Table.Tr key={g.id} data-testid="working-group">
                    <Table.Td><Anchor component={Link} to={`/groups/${g.id}`}>{g.title}</Anchor></Table.Td>
                    <Table.Td>{roleHolder(g.members ?? [], 'CHAIR') ?? '—'}</Table.Td>
                    <Table.Td>{(g.members ?? []).filter((m) => !m.leftOn).length}</Table.Td>
                    <Table.Td>{meetings.length}</Table.Td>
                    <Table.Td>{last ? formatDate(i18n.language, last, true) : '—'}</Table.Td>
                    <Table.Td>{open.length}{overdue > 0 && <Text span size="sm" c="red"> ({t('groups.overdueActions', { n: overdue })})</Text>}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </>
  );
}

/** The viewer's own open action items: their tasks of the groups. */
export function MyActions({ communityID }: { communityID: string }) {
  const { t, i18n } = useTranslation();
  const [{ data, error }] = useQuery({ query: MyGroupActionsQuery, variables: { communityID }, requestPolicy: 'cache-and-network' });
  const items = data?.myWorkingGroupActions ?? [];
  if (!error && items.length === 0) return null;
  return (
    <Card withBorder component="section" aria-labelledby="my-group-actions">
      <Title order={2} size="h4" id="my-group-actions">{t('groups.myActions')}</Title>
      <ErrorAlert error={error} />
      <Stack gap={4} mt="xs">
        {items.map((a) => (
          <Group key={a.id} gap="sm" data-testid="my-group-action" wrap="nowrap">
            <DueBadge status={a.dueStatus} />
            <Text size="sm">{formatDate(i18n.language, a.dueOn, true)}</Text>
            <Text size="sm">{a.text}</Text>
            <Anchor component={Link} to={`/groups/${a.group.id}`} size="sm">{a.group.title}</Anchor>
          </Group>
        ))}
      </Stack>
    </Card>
  );
}

function CreateGroup({ communityID }: { communityID: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [title, setTitle] = useState('');
  const [mandate, setMandate] = useState('');
  const [basis, setBasis] = useState('');
  const [established, setEstablished] = useState(localDay());
  const [state, create] = useMutation(CreateGroupMutation);
  return (
    <Card withBorder component="section" aria-labelledby="create-group" className="no-print">
      <Title order={2} size="h4" id="create-group">{t('groups.create')}</Title>
      <ErrorAlert error={state.error} />
      <Stack gap="xs" mt="xs">
        <TextInput label={t('groups.name')} required value={title} onChange={(e) => setTitle(e.currentTarget.value)} />
        <Textarea label={t('groups.mandate')} value={mandate} onChange={(e) => setMandate(e.currentTarget.value)} autosize minRows={2} />
        <TextInput label={t('groups.basis')} value={basis} onChange={(e) => setBasis(e.currentTarget.value)} />
        <TextInput type="date" label={t('groups.established')} value={established} onChange={(e) => setEstablished(e.currentTarget.value)} />
        <Group>
          <Button disabled={!title.trim()} loading={state.fetching} onClick={async () => {
            const r = await create({ input: { communityID, title: title.trim(), mandate: mandate || null, basis: basis || null, establishedOn: established || null } });
            if (r.data) { notify({ color: 'teal', message: t('groups.created') }); navigate(`/groups/${r.data.createWorkingGroup.id}`); }
          }}>{t('groups.create')}</Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** What an overseer sees of the groups: counts per community over the last twelve months. */
function Activity({ communityID }: { communityID?: string }) {
  const { t, i18n } = useTranslation();
  const [to] = useState(localDay());
  const [from] = useState(() => localDay(new Date(Date.now() - 365 * 24 * 3600 * 1000)));
  const [{ data, fetching, error }] = useQuery({ query: GroupActivityQuery, variables: { communityID: communityID ?? null, from, to } });
  // Communities with no group at all are left out: a region has dozens.
  const rows = (data?.workingGroupActivity ?? []).filter((r) => r.groups > 0 || r.meetings > 0);
  const n = (v: number) => formatNumber(i18n.language, v);
  return (
    <Card withBorder component="section" aria-labelledby="group-activity">
      <Title order={2} size="h4" id="group-activity">{t('groups.activity')}</Title>
      <Text size="sm" c="dimmed">{t('groups.activityHint')} {t('groups.activityPeriod', { from: formatDate(i18n.language, from, true), to: formatDate(i18n.language, to, true) })}</Text>
      <ErrorAlert error={error} />
      {fetching && !data ? <Loading /> : rows.length === 0 ? <Text c="dimmed">{t('groups.none')}</Text> : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped>
            <TableHead columns={[t('groups.community'), t('groups.groups'), t('groups.meetingsCount'), t('groups.actionsDue'), t('groups.actionsDone'), t('groups.actionsOverdue'), t('groups.documentsCount')]} />
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.community.id} data-testid="group-activity">
                  <Table.Td>{communityName(t, r.community)}</Table.Td>
                  <Table.Td>{n(r.groups)}</Table.Td>
                  <Table.Td>{n(r.meetings)}</Table.Td>
                  <Table.Td>{n(r.actionsDue)}</Table.Td>
                  <Table.Td>{n(r.actionsDone)}</Table.Td>
                  <Table.Td>{n(r.actionsOverdue)}</Table.Td>
                  <Table.Td>{n(r.documents)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}
