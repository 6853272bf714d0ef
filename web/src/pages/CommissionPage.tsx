import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { Link } from 'react-router';
import { useForm } from '@mantine/form';
import { ActionIcon, Anchor, Button, Card, Group, Select, Stack, TagsInput, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notify } from '../notify';
import { graphql } from '../gql';
import { showServerError } from '../api/forms';
import { useSession } from '../session';
import { caseTitle, formatDate, formatDateTime } from '../format';
import { ErrorAlert, Loading } from '../components/common';
import { DateTimeField, Dates, nowLocal, toInstant } from '../components/dates';
import { FormAlert } from '../components/FormAlert';

const SessionsQuery = graphql(`
  query CommissionSessions($communityID: ID!) {
    commissionSessions(first: 50, where: { communityID: $communityID }, orderBy: { field: HELD_AT, direction: DESC }) {
      edges {
        node {
          id heldAt protocolNumber attendees notes
          agenda { title caseID outcome }
          decisions { id kind number caseID }
        }
      }
    }
    cases(first: 200, where: { communityID: $communityID, statusNotIn: [CLOSED] }, orderBy: { field: OPENED_AT, direction: DESC }) {
      edges { node { id family { name } children { lastName firstName } } }
    }
  }
`);
const CreateSessionMutation = graphql(`
  mutation CreateCommissionSession($input: CommissionSessionInput!) { createCommissionSession(input: $input) { id } }
`);

interface Values {
  heldAt: string | null;
  protocolNumber: string;
  agenda: { title: string; caseID: string | null; outcome: string }[];
  attendees: string[];
  notes: string;
}

function NewSession({ communityID, cases, onSaved }: { communityID: string; cases: { value: string; label: string }[]; onSaved: () => void }) {
  const { t } = useTranslation();
  const [{ fetching }, create] = useMutation(CreateSessionMutation);
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: { heldAt: nowLocal(), protocolNumber: '', agenda: [{ title: '', caseID: null, outcome: '' }], attendees: [], notes: '' },
    validate: { heldAt: (v) => (v ? null : t('form.required')), agenda: { title: (v) => (v.trim() ? null : t('form.required')) } },
  });
  async function submit(v: Values) {
    setAlert(null);
    const r = await create({
      input: {
        communityID, heldAt: toInstant(v.heldAt)!, protocolNumber: v.protocolNumber.trim() || null, attendees: v.attendees, notes: v.notes.trim() || null,
        agenda: v.agenda.map((a) => ({ title: a.title.trim(), caseID: a.caseID || null, outcome: a.outcome.trim() || null })),
      },
    });
    if (r.error) return setAlert(showServerError(t, form, r.error));
    notify({ color: 'teal', message: t('commission.saved') });
    form.reset();
    onSaved();
  }
  return (
    <form onSubmit={form.onSubmit(submit)} noValidate aria-labelledby="session-h">
      <Stack gap="sm">
        <Title order={2} size="h4" id="session-h">{t('commission.new')}</Title>
        <FormAlert message={alert} />
        <Group grow align="flex-start">
          <DateTimeField label={t('commission.heldAt')} required {...form.getInputProps('heldAt')} />
          <TextInput label={t('commission.protocol')} {...form.getInputProps('protocolNumber')} />
        </Group>
        <TagsInput label={t('commission.attendees')} description={t('safety.participantsHint')} {...form.getInputProps('attendees')} />
        <Text fw={600} size="sm">{t('commission.agenda')}</Text>
        {form.values.agenda.map((_, i) => (
          <Group key={i} align="flex-end" wrap="wrap">
            <TextInput label={t('commission.question', { n: i + 1 })} required style={{ flex: 2, minWidth: 220 }} {...form.getInputProps(`agenda.${i}.title`)} />
            <Select label={t('commission.case')} clearable searchable data={cases} style={{ flex: 1, minWidth: 200 }} {...form.getInputProps(`agenda.${i}.caseID`)} />
            <TextInput label={t('commission.outcome')} style={{ flex: 2, minWidth: 200 }} {...form.getInputProps(`agenda.${i}.outcome`)} />
            <ActionIcon variant="subtle" color="red" size="lg" aria-label={t('form.remove')} onClick={() => form.removeListItem('agenda', i)}>×</ActionIcon>
          </Group>
        ))}
        <Button variant="light" size="xs" w="fit-content" onClick={() => form.insertListItem('agenda', { title: '', caseID: null, outcome: '' })}>{t('commission.addQuestion')}</Button>
        <Textarea label={t('commission.notes')} autosize minRows={2} {...form.getInputProps('notes')} />
        <Button type="submit" loading={fetching} w="fit-content">{t('commission.save')}</Button>
      </Stack>
    </form>
  );
}

/** Sittings of the commission on the rights of the child: agenda, attendees, protocol, decisions. */
export default function CommissionPage() {
  const { t, i18n } = useTranslation();
  const { community, can } = useSession();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: SessionsQuery, variables: { communityID: community?.id ?? '' }, pause: !community });
  const sessions = (data?.commissionSessions.edges ?? []).map((e) => e!.node!);
  const cases = (data?.cases.edges ?? []).map((e) => e!.node!).map((c) => ({ value: c.id, label: caseTitle(t, c) }));
  const caseName = new Map(cases.map((c) => [c.value, c.label]));
  return (
    <Dates>
      <Stack maw={1000}>
        <Title order={1} size="h2">{t('nav.commission')}</Title>
        <ErrorAlert error={data ? undefined : error} />
        {fetching && !data ? <Loading /> : (
          <>
            {can('commission_session', 'create') && community && (
              <Card withBorder><NewSession communityID={community.id} cases={cases} onSaved={() => reexecute({ requestPolicy: 'network-only' })} /></Card>
            )}
            {sessions.length === 0 ? <Text c="dimmed">{t('commission.none')}</Text> : sessions.map((s) => (
              <Card key={s.id} withBorder className="print-section">
                <Stack gap="xs">
                  <Group justify="space-between">
                    <Title order={2} size="h4">{t('commission.sitting', { date: formatDate(i18n.language, s.heldAt) })}</Title>
                    {s.protocolNumber && <Text size="sm">{t('commission.protocolNo', { number: s.protocolNumber })}</Text>}
                  </Group>
                  <Text size="xs" c="dimmed">{formatDateTime(i18n.language, s.heldAt)}</Text>
                  {s.attendees && s.attendees.length > 0 && <Text size="sm">{t('commission.attendees')}: {s.attendees.join(', ')}</Text>}
                  <ol>
                    {s.agenda.map((a, i) => (
                      <li key={i}>
                        <Text size="sm">{a.title}
                          {a.caseID && <> — <Anchor component={Link} to={`/cases/${a.caseID}`}>{caseName.get(a.caseID) ?? t('commission.case')}</Anchor></>}</Text>
                        {a.outcome && <Text size="sm" c="dimmed">{t('commission.outcome')}: {a.outcome}</Text>}
                      </li>
                    ))}
                  </ol>
                  {(s.decisions ?? []).length > 0 && (
                    <Text size="sm">{t('commission.decisions')}: {s.decisions!.map((d) => `${t(`decisionKind.${d.kind}`)} № ${d.number}`).join('; ')}</Text>
                  )}
                  {s.notes && <Text size="sm">{s.notes}</Text>}
                </Stack>
              </Card>
            ))}
          </>
        )}
      </Stack>
    </Dates>
  );
}
