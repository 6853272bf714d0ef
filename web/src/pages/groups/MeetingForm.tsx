import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { ActionIcon, Button, Card, Checkbox, Group, NativeSelect, Stack, TextInput, Textarea, Title } from '@mantine/core';
import { ErrorAlert } from '../../components/common';
import { notify } from '../../notify';
import { RecordMeetingMutation } from './queries';
import { lines, localDay, memberLabel, sortMembers } from './groups';
import type { GroupData } from './GroupPage';

type Row = { text: string; ownerID: string; dueOn: string };

/** Records a meeting: day, place, agenda, who was present, minutes, decisions and the action items it gave. */
export function MeetingForm({ group, onRecorded }: { group: GroupData; onRecorded: () => void }) {
  const { t } = useTranslation();
  const members = sortMembers((group.members ?? []).filter((m) => !m.leftOn));
  const [heldOn, setHeldOn] = useState(localDay());
  const [place, setPlace] = useState('');
  const [agenda, setAgenda] = useState('');
  const [present, setPresent] = useState<string[]>([]);
  const [minutes, setMinutes] = useState('');
  const [decisions, setDecisions] = useState('');
  const [rows, setRows] = useState<Row[]>([]);
  const [state, record] = useMutation(RecordMeetingMutation);
  const setRow = (i: number, r: Partial<Row>) => setRows(rows.map((x, j) => (j === i ? { ...x, ...r } : x)));
  const ready = heldOn && rows.every((r) => r.text.trim() && r.ownerID && r.dueOn);
  return (
    <Card withBorder component="section" aria-labelledby="record-meeting" className="no-print">
      <Title order={2} size="h4" id="record-meeting">{t('groups.recordMeeting')}</Title>
      <ErrorAlert error={state.error} />
      <Stack gap="xs" mt="xs">
        <Group align="end">
          <TextInput type="date" label={t('groups.heldOn')} required value={heldOn} onChange={(e) => setHeldOn(e.currentTarget.value)} />
          <TextInput label={t('groups.place')} value={place} onChange={(e) => setPlace(e.currentTarget.value)} />
        </Group>
        <Textarea label={t('groups.agenda')} description={t('groups.agendaHint')} value={agenda} onChange={(e) => setAgenda(e.currentTarget.value)} autosize minRows={2} />
        <Checkbox.Group label={t('groups.attendance')} value={present} onChange={setPresent}>
          <Stack gap={4} mt={4}>
            {members.map((m) => <Checkbox key={m.id} value={m.id} label={memberLabel(m)} />)}
          </Stack>
        </Checkbox.Group>
        <Textarea label={t('groups.minutes')} value={minutes} onChange={(e) => setMinutes(e.currentTarget.value)} autosize minRows={3} />
        <Textarea label={t('groups.decisions')} description={t('groups.decisionsHint')} value={decisions} onChange={(e) => setDecisions(e.currentTarget.value)} autosize minRows={2} />
        <Title order={3} size="h5">{t('groups.actions')}</Title>
        {rows.map((r, i) => (
          <Group key={i} align="end" wrap="wrap" data-testid="action-row">
            <TextInput label={t('groups.actionText')} value={r.text} onChange={(e) => setRow(i, { text: e.currentTarget.value })} style={{ flex: 1, minWidth: 220 }} />
            <NativeSelect label={t('groups.owner')} value={r.ownerID} onChange={(e) => setRow(i, { ownerID: e.currentTarget.value })}
              data={[{ value: '', label: '—' }, ...members.map((m) => ({ value: m.id, label: memberLabel(m) }))]} />
            <TextInput type="date" label={t('groups.due')} value={r.dueOn} onChange={(e) => setRow(i, { dueOn: e.currentTarget.value })} />
            <ActionIcon variant="subtle" color="red" aria-label={t('groups.removeActionRow')} onClick={() => setRows(rows.filter((_, j) => j !== i))}>×</ActionIcon>
          </Group>
        ))}
        <Group>
          <Button variant="default" onClick={() => setRows([...rows, { text: '', ownerID: '', dueOn: '' }])}>{t('groups.addActionRow')}</Button>
          <Button disabled={!ready} loading={state.fetching} onClick={async () => {
            const r = await record({ input: {
              groupID: group.id, heldOn, place: place || null, agenda: lines(agenda), attendees: present,
              minutes: minutes || null, decisions: lines(decisions), actions: rows.map((x) => ({ text: x.text.trim(), ownerID: x.ownerID, dueOn: x.dueOn })),
            } });
            if (r.data) {
              notify({ color: 'teal', message: t('groups.meetingRecorded') });
              setAgenda(''); setPresent([]); setMinutes(''); setDecisions(''); setRows([]); setPlace('');
              onRecorded();
            }
          }}>{t('groups.recordMeeting')}</Button>
        </Group>
      </Stack>
    </Card>
  );
}
