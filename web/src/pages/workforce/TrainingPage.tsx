import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { Button, Card, Group, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { useSession } from '../../session';
import { formatDate } from '../../format';
import { ErrorAlert, Loading } from '../../components/common';
import { notify } from '../../notify';
import { EnrolMutation, TrainingCalendarQuery, VerifyCertificateQuery } from './queries';

/** The training calendar: events with their programme, organiser and participants; enrolment from the register; certificate check. */
export default function TrainingPage() {
  const { t, i18n } = useTranslation();
  const { community, can } = useSession();
  const communityID = community?.id ?? '';
  const [{ data, fetching, error }, refetch] = useQuery({ query: TrainingCalendarQuery, variables: { communityID }, pause: !communityID, requestPolicy: 'cache-and-network' });
  const [enrolState, enrol] = useMutation(EnrolMutation);
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const day = (d: string | null | undefined) => formatDate(i18n.language, d, true);
  const people = (data?.staffPositions ?? []).filter((p) => !p.vacant);
  const events = data?.trainingEvents ?? [];
  return (
    <Stack>
      <Title order={1} size="h2">{t('workforce.calendar')}</Title>
      <ErrorAlert error={error ?? enrolState.error} />
      {fetching && !data ? <Loading /> : events.length === 0 ? <Text c="dimmed">{t('workforce.noEvents')}</Text> : events.map((ev) => {
        const enrolled = new Set((ev.enrolments ?? []).map((en) => en.position.id));
        const options = people.filter((p) => !enrolled.has(p.id));
        return (
          <Card key={ev.id} withBorder component="section" aria-labelledby={`ev-${ev.id}`} data-testid="training-event">
            <Title order={2} size="h4" id={`ev-${ev.id}`}>{ev.programme.title}</Title>
            <Text size="sm">{day(ev.startsOn)} – {day(ev.endsOn)} · {t(`workforce.format.${ev.programme.format}`)}</Text>
            {ev.organizerName && <Text size="sm">{t('workforce.organizer')}: {ev.organizerName}</Text>}
            {ev.audience && <Text size="sm">{t('workforce.audience')}: {ev.audience}</Text>}
            <Text size="sm" c="dimmed">{ev.programme.modules.map((m) => `${m.topic} (${m.hours})`).join('; ')}</Text>
            <Text size="sm" mt="xs">{t('workforce.participants', { n: (ev.enrolments ?? []).length })}</Text>
            {can('training_enrolment', 'create') && options.length > 0 && (
              <Group mt="xs" align="end">
                <NativeSelect label={t('workforce.enrolWho')} value={chosen[ev.id] ?? ''}
                  data={[{ value: '', label: '—' }, ...options.map((p) => ({ value: p.id, label: `${p.holderName || t('workforce.noName')} — ${t(`workforce.kind.${p.kind}`)}` }))]}
                  onChange={(e) => setChosen({ ...chosen, [ev.id]: e.currentTarget.value })} />
                <Button disabled={!chosen[ev.id]} loading={enrolState.fetching} onClick={async () => {
                  const r = await enrol({ eventID: ev.id, positionID: chosen[ev.id] });
                  if (!r.error) { notify({ color: 'teal', message: t('workforce.enrolled') }); setChosen({ ...chosen, [ev.id]: '' }); refetch({ requestPolicy: 'network-only' }); }
                }}>{t('workforce.enrol')}</Button>
              </Group>
            )}
          </Card>
        );
      })}
      {can('certificate', 'read') && <VerifyCertificate communityID={communityID} />}
    </Stack>
  );
}

function VerifyCertificate({ communityID }: { communityID: string }) {
  const { t, i18n } = useTranslation();
  const [issuer, setIssuer] = useState('');
  const [number, setNumber] = useState('');
  const [asked, setAsked] = useState<{ issuer: string; number: string } | null>(null);
  const [{ data, error }] = useQuery({ query: VerifyCertificateQuery, variables: { communityID, issuer: asked?.issuer ?? '', number: asked?.number ?? '' }, pause: !asked });
  return (
    <Card withBorder component="section" aria-labelledby="verify-h">
      <Title order={2} size="h4" id="verify-h">{t('workforce.verify')}</Title>
      <Group align="end">
        <TextInput label={t('workforce.verifyIssuer')} value={issuer} onChange={(e) => setIssuer(e.currentTarget.value)} />
        <TextInput label={t('workforce.verifyNumber')} value={number} onChange={(e) => setNumber(e.currentTarget.value)} />
        <Button disabled={!issuer || !number} onClick={() => setAsked({ issuer, number })}>{t('workforce.verify')}</Button>
      </Group>
      <ErrorAlert error={error} />
      {asked && data && (data.verifyCertificate ? (
        <Text mt="xs" c="teal">{t('workforce.verifyFound', { name: data.verifyCertificate.position.holderName || t('workforce.noName'), date: formatDate(i18n.language, data.verifyCertificate.issuedOn, true) })}</Text>
      ) : <Text mt="xs" c="red">{t('workforce.verifyNotFound')}</Text>)}
    </Card>
  );
}
