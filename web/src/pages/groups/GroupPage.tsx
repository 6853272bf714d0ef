import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { Link, useParams } from 'react-router';
import { Anchor, Badge, Button, Card, Group, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useSession } from '../../session';
import { formatDate } from '../../format';
import { DueBadge, ErrorAlert, Loading } from '../../components/common';
import { TableHead } from '../../components/TableHead';
import { notify } from '../../notify';
import { AddMemberMutation, AdoptDocumentMutation, CompleteActionMutation, GroupQuery, StaffForGroupsQuery } from './queries';
import { localDay, memberLabel, sortMembers } from './groups';
import { MeetingForm } from './MeetingForm';
import type { WorkingGroupQuery } from '../../gql/graphql';

export type GroupData = NonNullable<WorkingGroupQuery['workingGroup']>;

/**
 * A working group: its mandate, members, meetings (each with its minutes
 * to print), action items and adopted documents; for its keepers (the
 * community's admin and heads, the group's secretary) the forms to seat a
 * member, record a meeting with attendance, minutes, decisions and action
 * items, mark an item done and add an adopted document.
 */
export default function GroupPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const { viewer, can } = useSession();
  const [{ data, fetching, error }, refetch] = useQuery({ query: GroupQuery, variables: { id }, requestPolicy: 'cache-and-network' });
  if (fetching && !data) return <Loading />;
  const g = data?.workingGroup;
  if (!g) return <Stack><ErrorAlert error={error} /><Text>{t('groups.notFound')}</Text></Stack>;
  const me = viewer.user?.id;
  // The community's keepers (their role creates groups) or this group's secretary.
  const keeps = can('working_group', 'create') || (g.members ?? []).some((m) => m.userID === me && m.role === 'SECRETARY' && !m.leftOn);
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const day = (d?: string | null) => formatDate(i18n.language, d, true);
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/groups" size="sm" className="no-print">{t('groups.back')}</Anchor>
      <Title order={1} size="h2">{g.title}</Title>
      {g.mandate && <Text>{g.mandate}</Text>}
      <Text size="sm" c="dimmed">
        {g.basis && <>{g.basis} · </>}
        {g.establishedOn && <>{t('groups.established')}: {day(g.establishedOn)} · </>}
        {g.endedOn ? <>{t('groups.ended')}: {day(g.endedOn)}</> : t('groups.working')}
      </Text>
      <ErrorAlert error={error} />
      <Members group={g} keeps={keeps} onChange={reload} />
      <Meetings group={g} />
      {keeps && <MeetingForm group={g} onRecorded={reload} />}
      <Actions group={g} keeps={keeps} onChange={reload} />
      <Documents group={g} keeps={keeps} onChange={reload} />
    </Stack>
  );
}

function Members({ group, keeps, onChange }: { group: GroupData; keeps: boolean; onChange: () => void }) {
  const { t, i18n } = useTranslation();
  const members = sortMembers(group.members ?? []);
  return (
    <Card withBorder component="section" aria-labelledby="group-members">
      <Title order={2} size="h4" id="group-members">{t('groups.members')}</Title>
      <Table.ScrollContainer minWidth={600}>
        <Table striped>
          <TableHead columns={[t('groups.member'), t('groups.organization'), t('groups.position'), t('groups.placeInGroup')]} />
          <Table.Tbody>
            {members.map((m) => (
              <Table.Tr key={m.id} data-testid="group-member">
                <Table.Td>{m.name || '—'}{m.leftOn && <Text span size="xs" c="dimmed"> ({t('groups.left', { date: formatDate(i18n.language, m.leftOn, true) })})</Text>}</Table.Td>
                <Table.Td>{m.organizationName ?? '—'}</Table.Td>
                <Table.Td>{m.position ?? '—'}</Table.Td>
                <Table.Td>{t(`groups.role.${m.role}`)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {keeps && <AddMember group={group} onAdded={onChange} />}
    </Card>
  );
}

function AddMember({ group, onAdded }: { group: GroupData; onAdded: () => void }) {
  const { t } = useTranslation();
  const [{ data: staff }] = useQuery({ query: StaffForGroupsQuery, variables: { communityID: group.communityID } });
  const [userID, setUserID] = useState('');
  const [name, setName] = useState('');
  const [org, setOrg] = useState('');
  const [position, setPosition] = useState('');
  const [role, setRole] = useState('MEMBER');
  const [state, add] = useMutation(AddMemberMutation);
  const seated = new Set((group.members ?? []).filter((m) => !m.leftOn).map((m) => m.userID));
  const people = (staff?.staffPositions ?? []).filter((p) => p.holderID && !seated.has(p.holderID));
  const choice = people.find((p) => p.holderID === userID);
  return (
    <Stack gap="xs" mt="sm" className="no-print">
      <Title order={3} size="h5">{t('groups.addMember')}</Title>
      <ErrorAlert error={state.error} />
      <Group align="end" wrap="wrap">
        <NativeSelect label={t('groups.staffMember')} value={userID} onChange={(e) => setUserID(e.currentTarget.value)}
          data={[{ value: '', label: t('groups.external') }, ...people.map((p) => ({ value: p.holderID!, label: `${p.holderName ?? '—'} (${p.organization.name})` }))]} />
        {!userID && <TextInput label={t('groups.externalName')} value={name} onChange={(e) => setName(e.currentTarget.value)} />}
        {!userID && <TextInput label={t('groups.externalOrg')} value={org} onChange={(e) => setOrg(e.currentTarget.value)} />}
        <TextInput label={t('groups.position')} value={position} onChange={(e) => setPosition(e.currentTarget.value)} />
        <NativeSelect label={t('groups.placeInGroup')} value={role} onChange={(e) => setRole(e.currentTarget.value)}
          data={['CHAIR', 'DEPUTY_CHAIR', 'SECRETARY', 'MEMBER'].map((r) => ({ value: r, label: t(`groups.role.${r}`) }))} />
        <Button disabled={!userID && !name.trim()} loading={state.fetching} onClick={async () => {
          const r = await add({ input: {
            communityID: group.communityID, groupID: group.id, role: role as never, position: position || null,
            userID: userID || null, name: userID ? null : name.trim(),
            organizationID: choice ? choice.organization.id : null, organizationName: userID ? null : org || null,
          } });
          if (r.data) { notify({ color: 'teal', message: t('groups.memberAdded') }); setUserID(''); setName(''); setOrg(''); setPosition(''); onAdded(); }
        }}>{t('groups.addMember')}</Button>
      </Group>
    </Stack>
  );
}

function Meetings({ group }: { group: GroupData }) {
  const { t, i18n } = useTranslation();
  const meetings = [...(group.meetings ?? [])].sort((a, b) => b.number - a.number);
  const total = (group.members ?? []).length;
  return (
    <Card withBorder component="section" aria-labelledby="group-meetings">
      <Title order={2} size="h4" id="group-meetings">{t('groups.meetings')}</Title>
      {meetings.length === 0 ? <Text c="dimmed">{t('groups.noMeetings')}</Text> : (
        <Stack gap="xs" mt="xs">
          {meetings.map((m) => (
            <Card key={m.id} withBorder padding="xs" data-testid="group-meeting">
              <Group justify="space-between">
                <Text fw={600}>{t('groups.meeting', { n: m.number })} · {formatDate(i18n.language, m.heldOn, true)}{m.place ? ` · ${m.place}` : ''}</Text>
                <Anchor component={Link} to={`/groups/${group.id}/meetings/${m.id}`} size="sm">{t('groups.printMinutes')}</Anchor>
              </Group>
              <Text size="sm">{t('groups.attended', { n: (m.attendees ?? []).length, total })}</Text>
              {(m.agenda ?? []).length > 0 && <Text size="sm">{t('groups.agenda')}: {(m.agenda ?? []).join('; ')}</Text>}
              {(m.decisions ?? []).length > 0 && <Text size="sm">{t('groups.decisions')}: {(m.decisions ?? []).join('; ')}</Text>}
            </Card>
          ))}
        </Stack>
      )}
    </Card>
  );
}

function Actions({ group, keeps, onChange }: { group: GroupData; keeps: boolean; onChange: () => void }) {
  const { t, i18n } = useTranslation();
  const [state, complete] = useMutation(CompleteActionMutation);
  const names = new Map((group.members ?? []).map((m) => [m.id, memberLabel(m)]));
  const numbers = new Map((group.meetings ?? []).map((m) => [m.id, m.number]));
  const actions = [...(group.actions ?? [])].sort((a, b) => (a.status === 'OPEN' ? 0 : 1) - (b.status === 'OPEN' ? 0 : 1) || a.dueOn.localeCompare(b.dueOn));
  return (
    <Card withBorder component="section" aria-labelledby="group-actions">
      <Title order={2} size="h4" id="group-actions">{t('groups.actions')}</Title>
      <ErrorAlert error={state.error} />
      {actions.length === 0 ? <Text c="dimmed">{t('groups.noActions')}</Text> : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped>
            <TableHead columns={[t('groups.actionText'), t('groups.owner'), t('groups.due'), t('groups.status'), '']} />
            <Table.Tbody>
              {actions.map((a) => (
                <Table.Tr key={a.id} data-testid="group-action">
                  <Table.Td>
                    <Text size="sm">{a.text}</Text>
                    {a.meetingID && numbers.has(a.meetingID) && <Text size="xs" c="dimmed">{t('groups.fromMeeting', { n: numbers.get(a.meetingID) })}</Text>}
                  </Table.Td>
                  <Table.Td>{names.get(a.ownerID) ?? '—'}</Table.Td>
                  <Table.Td>{formatDate(i18n.language, a.dueOn, true)}</Table.Td>
                  <Table.Td>
                    {a.status === 'OPEN' ? <DueBadge status={a.dueStatus} /> : <Badge color={a.status === 'DONE' ? 'teal' : 'gray'} variant="light">{t(`groups.actionStatus.${a.status}`)}</Badge>}
                    {a.doneOn && <Text size="xs" c="dimmed">{t('groups.doneOn', { date: formatDate(i18n.language, a.doneOn, true) })}</Text>}
                  </Table.Td>
                  <Table.Td>
                    {keeps && a.status === 'OPEN' && (
                      <Button size="xs" variant="light" loading={state.fetching} aria-label={`${t('groups.markDone')}: ${a.text}`} onClick={async () => {
                        const r = await complete({ id: a.id, doneOn: localDay() });
                        if (r.data) { notify({ color: 'teal', message: t('groups.markedDone') }); onChange(); }
                      }}>{t('groups.markDone')}</Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}

const documentKinds = ['SERVICE_MAPPING', 'CAPACITY_ANALYSIS', 'ACTION_PLAN', 'NEEDS_REPORT', 'PROGRAMMES_ANALYSIS', 'OTHER'];

function Documents({ group, keeps, onChange }: { group: GroupData; keeps: boolean; onChange: () => void }) {
  const { t, i18n } = useTranslation();
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState('OTHER');
  const [adopted, setAdopted] = useState(localDay());
  const [link, setLink] = useState('');
  const [state, adopt] = useMutation(AdoptDocumentMutation);
  const docs = [...(group.documents ?? [])].sort((a, b) => a.adoptedOn.localeCompare(b.adoptedOn));
  return (
    <Card withBorder component="section" aria-labelledby="group-documents">
      <Title order={2} size="h4" id="group-documents">{t('groups.documents')}</Title>
      {docs.length === 0 ? <Text c="dimmed">{t('groups.noDocuments')}</Text> : (
        <Stack gap={4} mt="xs">
          {docs.map((d) => (
            <Text key={d.id} size="sm" data-testid="group-document">
              {formatDate(i18n.language, d.adoptedOn, true)} · {d.link ? <Anchor href={d.link} target="_blank" rel="noreferrer">{d.title}</Anchor> : d.title}
              <Text span size="xs" c="dimmed"> ({t(`groups.documentKind.${d.kind}`)})</Text>
            </Text>
          ))}
        </Stack>
      )}
      {keeps && (
        <Stack gap="xs" mt="sm" className="no-print">
          <Title order={3} size="h5">{t('groups.adoptDocument')}</Title>
          <ErrorAlert error={state.error} />
          <Group align="end" wrap="wrap">
            <TextInput label={t('groups.documentTitle')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} />
            <NativeSelect label={t('groups.kindLabel')} value={kind} onChange={(e) => setKind(e.currentTarget.value)}
              data={documentKinds.map((k) => ({ value: k, label: t(`groups.documentKind.${k}`) }))} />
            <TextInput type="date" label={t('groups.adoptedOn')} value={adopted} onChange={(e) => setAdopted(e.currentTarget.value)} />
            <TextInput label={t('groups.link')} value={link} onChange={(e) => setLink(e.currentTarget.value)} />
            <Button disabled={!title.trim() || !adopted} loading={state.fetching} onClick={async () => {
              const r = await adopt({ input: { communityID: group.communityID, groupID: group.id, title: title.trim(), kind: kind as never, adoptedOn: adopted, link: link || null } });
              if (r.data) { notify({ color: 'teal', message: t('groups.documentAdopted') }); setTitle(''); setLink(''); onChange(); }
            }}>{t('groups.adoptDocument')}</Button>
          </Group>
        </Stack>
      )}
    </Card>
  );
}
