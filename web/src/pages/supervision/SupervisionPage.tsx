import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { Anchor, Badge, Button, Card, Group, MultiSelect, NativeSelect, SegmentedControl, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useSession } from '../../session';
import { formatDate } from '../../format';
import { ErrorAlert, Loading } from '../../components/common';
import { DateField, Dates, todayLocal, toDay } from '../../components/dates';
import { notify } from '../../notify';
import { CompleteFollowUpMutation, RecordSupervisionMutation, SupervisionFormQuery, SupervisionJournalQuery } from './queries';

/**
 * The supervision journal: the sessions the viewer may read (a head reads
 * the community's journal, a specialist their own sessions), each with its
 * supervisor, supervisees, the cases discussed by reference, the
 * recommendations and follow-up items; and, for those who record, the form.
 */
export default function SupervisionPage() {
  const { t } = useTranslation();
  const { community, can } = useSession();
  const communityID = community?.id ?? '';
  const [{ data, fetching, error }, refetch] = useQuery({ query: SupervisionJournalQuery, variables: { communityID }, pause: !communityID, requestPolicy: 'cache-and-network' });
  const [adding, setAdding] = useState(false);
  const sessions = data?.supervisionSessions ?? [];
  const status = new Map((data?.supervisionTasks ?? []).map((x) => [`${x.session.id}/${x.item.key}`, x.status]));
  const reload = () => refetch({ requestPolicy: 'network-only' });
  return (
    <Dates>
      <Stack>
        <Group justify="space-between">
          <Title order={1} size="h2">{t('supervisionJournal.title')}</Title>
          {can('supervision_session', 'create') && !adding && <Button onClick={() => setAdding(true)}>{t('supervisionJournal.record')}</Button>}
        </Group>
        {adding && <SessionForm communityID={communityID} onDone={(saved) => { setAdding(false); if (saved) reload(); }} />}
        <ErrorAlert error={error} />
        {fetching && !data ? <Loading /> : sessions.length === 0 ? <Text c="dimmed">{t('supervisionJournal.none')}</Text> :
          sessions.map((s) => <SessionCard key={s.id} s={s} status={status} onChange={reload} />)}
      </Stack>
    </Dates>
  );
}

/** A session as the journal query reads it. */
type SessionOf = {
  id: string; kind: string; format: string; heldOn: string; supervisorKind: string; supervisorName?: string | null;
  supervisorAffiliation?: string | null; topic?: string | null; recommendations?: string | null; superviseeCount: number;
  supervisor?: { id: string; displayName: string } | null; supervisees: { id: string; displayName: string }[];
  cases: { id: string; status: string; openedAt: string; family?: { id: string; name: string } | null }[];
  followUps: { key: string; text: string; dueOn: string; doneOn?: string | null; assignee?: { id: string; displayName: string } | null }[];
};

/** One session of the journal, as the viewer may see it. */
function SessionCard({ s, status, onChange }: { s: SessionOf; status: Map<string, string>; onChange: () => void }) {
  const { t, i18n } = useTranslation();
  const { can } = useSession();
  const [state, complete] = useMutation(CompleteFollowUpMutation);
  const day = (d: string | null | undefined) => formatDate(i18n.language, d, true);
  const supervisor = s.supervisorKind === 'EXTERNAL'
    ? `${s.supervisorName ?? ''}${s.supervisorAffiliation ? ` (${s.supervisorAffiliation})` : ''}`
    : s.supervisor?.displayName ?? s.supervisorName ?? '';
  return (
    <Card withBorder component="section" aria-labelledby={`su-${s.id}`} data-testid="supervision-session">
      <Title order={2} size="h4" id={`su-${s.id}`}>
        {day(s.heldOn)} · {t(`supervisionJournal.kind.${s.kind}`)} · {t(`supervisionJournal.format.${s.format}`)}
      </Title>
      {s.topic && <Text size="sm">{t('supervisionJournal.topic')}: {s.topic}</Text>}
      <Text size="sm">{t(`supervisionJournal.supervisorKind.${s.supervisorKind}`)}: {supervisor}</Text>
      <Text size="sm">{t('supervisionJournal.supervisees')}: {s.supervisees.map((p) => p.displayName).join(', ') || '—'}
        {s.supervisees.length < s.superviseeCount && ` (${t('supervisionJournal.superviseeCount', { n: s.superviseeCount })})`}</Text>
      {s.cases.length > 0 && (
        <Text size="sm">{t('supervisionJournal.cases')}: {s.cases.map((c, i) => (
          <span key={c.id}>{i > 0 && ', '}<Anchor component={Link} to={`/cases/${c.id}`}>{c.family?.name ?? t('family.caseOpened', { date: day(c.openedAt) })}</Anchor></span>
        ))}</Text>
      )}
      {s.recommendations && <Text size="sm" mt="xs" style={{ whiteSpace: 'pre-wrap' }}><b>{t('supervisionJournal.recommendations')}:</b> {s.recommendations}</Text>}
      {s.followUps.length > 0 && (
        <Stack gap={4} mt="xs" component="ul" className="plain-list" aria-label={t('supervisionJournal.followUps')}>
          {s.followUps.map((f) => {
            const st = status.get(`${s.id}/${f.key}`);
            return (
              <li key={f.key}>
                <Group gap="xs">
                  <Text size="sm">{f.text} — {t('supervisionJournal.due', { date: day(f.dueOn) })}{f.assignee ? ` · ${f.assignee.displayName}` : ''}</Text>
                  {f.doneOn ? <Badge color="teal" variant="light">{t('supervisionJournal.done', { date: day(f.doneOn) })}</Badge>
                    : st && <Badge color={st === 'OVERDUE' ? 'red' : st === 'DUE_SOON' ? 'orange' : 'gray'} variant="light">{t(`due.${st}`)}</Badge>}
                  {!f.doneOn && can('supervision_session', 'update') && (
                    <Button size="compact-xs" variant="light" loading={state.fetching} onClick={async () => {
                      const r = await complete({ sessionID: s.id, key: f.key, doneOn: todayLocal() });
                      if (!r.error) { notify({ color: 'teal', message: t('supervisionJournal.completed') }); onChange(); }
                    }}>{t('supervisionJournal.markDone')}</Button>
                  )}
                </Group>
              </li>
            );
          })}
        </Stack>
      )}
      <ErrorAlert error={state.error} />
    </Card>
  );
}

type Item = { text: string; assigneeID: string; dueOn: string | null };

/** The form of a new session: who, when, how, what was discussed and what follows. */
function SessionForm({ communityID, onDone }: { communityID: string; onDone: (saved: boolean) => void }) {
  const { t, i18n } = useTranslation();
  const [{ data }] = useQuery({ query: SupervisionFormQuery, variables: { communityID } });
  const [state, record] = useMutation(RecordSupervisionMutation);
  const [kind, setKind] = useState('INDIVIDUAL');
  const [format, setFormat] = useState('IN_PERSON');
  const [heldOn, setHeldOn] = useState<string | null>(todayLocal());
  const [supervisorKind, setSupervisorKind] = useState('INTERNAL');
  const [supervisorID, setSupervisorID] = useState('');
  const [supervisorName, setSupervisorName] = useState('');
  const [affiliation, setAffiliation] = useState('');
  const [topic, setTopic] = useState('');
  const [supervisees, setSupervisees] = useState<string[]>([]);
  const [cases, setCases] = useState<string[]>([]);
  const [recommendations, setRecommendations] = useState('');
  const [items, setItems] = useState<Item[]>([]);
  const staff = (data?.caseManagers ?? []).map((u) => ({ value: u.id, label: u.displayName }));
  const caseOptions = (data?.cases.edges ?? []).flatMap((e) => e?.node ? [{ value: e.node.id,
    label: `${e.node.family?.name ?? '—'} (${formatDate(i18n.language, e.node.openedAt, true)})` }] : []);
  const setItem = (i: number, patch: Partial<Item>) => setItems(items.map((it, j) => (j === i ? { ...it, ...patch } : it)));

  async function submit() {
    const r = await record({ input: {
      communityID, kind: kind as never, format: format as never, heldOn: toDay(heldOn) ?? '', supervisorKind: supervisorKind as never,
      supervisorID: supervisorKind === 'INTERNAL' && supervisorID ? supervisorID : null,
      supervisorName: supervisorKind === 'EXTERNAL' ? supervisorName : null, supervisorAffiliation: supervisorKind === 'EXTERNAL' ? affiliation : null,
      topic: topic || null, superviseeIDs: supervisees, caseIDs: cases, recommendations: recommendations || null,
      followUps: items.map((it) => ({ text: it.text, assigneeID: it.assigneeID || null, dueOn: toDay(it.dueOn) ?? '' })),
    } });
    if (!r.error) { notify({ color: 'teal', message: t('supervisionJournal.recorded') }); onDone(true); }
  }

  return (
    <Card withBorder component="form" aria-labelledby="su-form" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <Stack>
        <Title order={2} size="h4" id="su-form">{t('supervisionJournal.record')}</Title>
        <ErrorAlert error={state.error} />
        <Group>
          <SegmentedControl aria-label={t('supervisionJournal.kindLabel')} value={kind} onChange={setKind}
            data={['INDIVIDUAL', 'GROUP'].map((k) => ({ value: k, label: t(`supervisionJournal.kind.${k}`) }))} />
          <NativeSelect label={t('supervisionJournal.formatLabel')} value={format} onChange={(e) => setFormat(e.currentTarget.value)}
            data={['IN_PERSON', 'ONLINE', 'BLENDED'].map((k) => ({ value: k, label: t(`supervisionJournal.format.${k}`) }))} />
          <DateField label={t('supervisionJournal.heldOn')} required value={heldOn} onChange={(v) => setHeldOn(v ? String(v) : null)} maxDate={new Date()} w={180} />
        </Group>
        <NativeSelect label={t('supervisionJournal.supervisorKindLabel')} value={supervisorKind} onChange={(e) => setSupervisorKind(e.currentTarget.value)}
          data={['INTERNAL', 'EXTERNAL'].map((k) => ({ value: k, label: t(`supervisionJournal.supervisorKind.${k}`) }))} />
        {supervisorKind === 'INTERNAL' ? (
          <NativeSelect label={t('supervisionJournal.supervisor')} value={supervisorID} onChange={(e) => setSupervisorID(e.currentTarget.value)}
            data={[{ value: '', label: '—' }, ...staff]} required />
        ) : (
          <Group grow>
            <TextInput label={t('supervisionJournal.expertName')} required value={supervisorName} onChange={(e) => setSupervisorName(e.currentTarget.value)} />
            <TextInput label={t('supervisionJournal.affiliation')} value={affiliation} onChange={(e) => setAffiliation(e.currentTarget.value)} />
          </Group>
        )}
        <MultiSelect label={t('supervisionJournal.supervisees')} data={staff} value={supervisees} onChange={setSupervisees} searchable required
          maxValues={kind === 'INDIVIDUAL' ? 1 : undefined} comboboxProps={{ withinPortal: false }} />
        <TextInput label={t('supervisionJournal.topic')} value={topic} onChange={(e) => setTopic(e.currentTarget.value)} />
        <MultiSelect label={t('supervisionJournal.cases')} description={t('supervisionJournal.casesHint')} data={caseOptions} value={cases} onChange={setCases}
          searchable comboboxProps={{ withinPortal: false }} />
        <Textarea label={t('supervisionJournal.recommendations')} value={recommendations} onChange={(e) => setRecommendations(e.currentTarget.value)} autosize minRows={3} />
        <Title order={3} size="h5">{t('supervisionJournal.followUps')}</Title>
        {items.map((it, i) => (
          <Group key={i} align="end">
            <TextInput label={t('supervisionJournal.itemText')} value={it.text} onChange={(e) => setItem(i, { text: e.currentTarget.value })} required style={{ flex: 1 }} />
            <NativeSelect label={t('supervisionJournal.assignee')} value={it.assigneeID} onChange={(e) => setItem(i, { assigneeID: e.currentTarget.value })}
              data={[{ value: '', label: '—' }, ...staff]} />
            <DateField label={t('supervisionJournal.dueOn')} required value={it.dueOn} onChange={(v) => setItem(i, { dueOn: v ? String(v) : null })} w={160} />
            <Button variant="subtle" color="red" onClick={() => setItems(items.filter((_, j) => j !== i))}>{t('supervisionJournal.removeItem')}</Button>
          </Group>
        ))}
        <Group>
          <Button variant="light" onClick={() => setItems([...items, { text: '', assigneeID: '', dueOn: null }])}>{t('supervisionJournal.addItem')}</Button>
        </Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => onDone(false)}>{t('form.cancel')}</Button>
          <Button type="submit" loading={state.fetching}>{t('supervisionJournal.save')}</Button>
        </Group>
      </Stack>
    </Card>
  );
}
