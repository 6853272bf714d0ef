import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { useForm } from '@mantine/form';
import { Button, Card, Group, NumberInput, Select, Stack, Table, TagsInput, Text, Textarea, Title } from '@mantine/core';
import { notify } from '../../notify';
import { graphql } from '../../gql';
import type { ActivityKind, ServiceProvisionStatus } from '../../gql/graphql';
import { stepErrorMessage } from '../../api/errors';
import { showServerError } from '../../api/forms';
import { providerKinds, useOrganizations } from '../../api/hooks';
import { useSession } from '../../session';
import { formatDate, formatDateTime, personName } from '../../format';
import { DateTimeField, nowLocal, toInstant } from '../../components/dates';
import { FormAlert } from '../../components/FormAlert';
import type { CaseData } from './caseQuery';
import type { TabProps } from './CasePage';
import { TableHead } from '../../components/TableHead';
import { LightBadge } from '../../components/LightBadge';
import { useFieldDraft } from '../../drafts/useFieldDraft';

const ServiceTypesQuery = graphql(`
  query ServiceTypes {
    serviceTypes(first: 300, where: { active: true }, orderBy: { field: NAME_UK, direction: ASC }) {
      edges { node { id code nameUk nameEn group } }
    }
  }
`);
const StartServiceMutation = graphql(`
  mutation StartService($input: StartServiceInput!) { startService(input: $input) { id } }
`);
const EndServiceMutation = graphql(`
  mutation EndService($input: EndServiceInput!) { endService(input: $input) { id status } }
`);
const RecordActivityMutation = graphql(`
  mutation RecordActivity($input: RecordActivityInput!) { recordActivity(input: $input) { id } }
`);

export const activityKinds: ActivityKind[] = ['HOME_VISIT', 'OFFICE_MEETING', 'PHONE_CALL', 'VIDEO_CALL', 'GROUP_SESSION', 'ACCOMPANYING', 'CASE_CONFERENCE', 'OTHER'];
type Service = NonNullable<CaseData['services']>[number];

export function serviceName(lng: string, s: { code?: string | null; nameUk: string; nameEn: string }) {
  const name = lng === 'en' ? s.nameEn : s.nameUk;
  return s.code ? `${s.code} ${name}` : name;
}

function StartServiceForm({ c, onSaved }: { c: CaseData; onSaved: () => void }) {
  const { t, i18n } = useTranslation();
  const { organizations } = useSession();
  const orgs = useOrganizations(c.communityID);
  const [{ data: types }] = useQuery({ query: ServiceTypesQuery });
  const [{ fetching }, start] = useMutation(StartServiceMutation);
  const [alert, setAlert] = useState<string | null>(null);
  const myProviders = organizations.filter((o) => providerKinds.includes(o.kind));
  const providers = myProviders.length ? myProviders : orgs.list.filter((o) => providerKinds.includes(o.kind));
  const members = [...(c.children ?? []), ...(c.family?.members.edges ?? []).map((e) => e!.node!)].filter((p, i, all) => all.findIndex((x) => x.id === p.id) === i);
  const form = useForm({
    initialValues: { providerID: providers[0]?.id ?? '', serviceTypeID: '', personID: null as string | null, startedAt: nowLocal() as string | null },
    validate: {
      providerID: (v) => (v ? null : t('form.required')),
      serviceTypeID: (v) => (v ? null : t('form.required')),
      startedAt: (v) => (v ? null : t('form.required')),
    },
  });
  async function submit(v: typeof form.values) {
    setAlert(null);
    const r = await start({ input: { caseID: c.id, providerID: v.providerID, serviceTypeID: v.serviceTypeID, personID: v.personID || null, startedAt: toInstant(v.startedAt)! } });
    if (r.error) return setAlert(showServerError(t, form, r.error));
    notify({ color: 'teal', message: t('service.started') });
    form.reset();
    onSaved();
  }
  return (
    <form onSubmit={form.onSubmit(submit)} noValidate aria-labelledby="service-form-h">
      <Stack gap="xs">
        <Title order={3} size="h5" id="service-form-h">{t('service.start')}</Title>
        <FormAlert message={alert} />
        <Group grow align="flex-start">
          <Select label={t('service.type')} required searchable
            data={(types?.serviceTypes.edges ?? []).map((e) => e!.node!).map((s) => ({ value: s.id, label: serviceName(i18n.language, s) }))}
            {...form.getInputProps('serviceTypeID')} />
          <Select label={t('service.provider')} required data={providers.map((o) => ({ value: o.id, label: o.name }))} {...form.getInputProps('providerID')} />
        </Group>
        <Group grow align="flex-start">
          <Select label={t('service.person')} clearable placeholder={t('service.wholeFamily')} data={members.map((p) => ({ value: p.id, label: personName(p) }))} {...form.getInputProps('personID')} />
          <DateTimeField label={t('service.startedAt')} required {...form.getInputProps('startedAt')} />
        </Group>
        <Button type="submit" loading={fetching} w="fit-content" variant="light">{t('service.startButton')}</Button>
      </Stack>
    </form>
  );
}

function EndService({ s, onSaved }: { s: Service; onSaved: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [status, setStatus] = useState<ServiceProvisionStatus>('COMPLETED');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [{ fetching }, end] = useMutation(EndServiceMutation);
  if (!open) return <Button size="compact-xs" variant="subtle" onClick={() => setOpen(true)}>{t('service.end')}</Button>;
  async function submit() {
    setError(null);
    if (status === 'DISCONTINUED' && !note.trim()) return setError(t('service.noteRequired'));
    const r = await end({ input: { id: s.id, status, endedAt: new Date().toISOString(), note: note.trim() || null } });
    if (r.error) return setError(stepErrorMessage(t, r.error));
    setOpen(false);
    onSaved();
  }
  return (
    <Group align="flex-end" gap="xs">
      <Select label={t('service.endStatus')} value={status} onChange={(v) => setStatus((v as ServiceProvisionStatus) ?? 'COMPLETED')} allowDeselect={false}
        data={[{ value: 'COMPLETED', label: t('serviceStatus.COMPLETED') }, { value: 'DISCONTINUED', label: t('serviceStatus.DISCONTINUED') }]} w={180} />
      <Textarea label={t('service.endNote')} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={error} autosize minRows={1} />
      <Button size="xs" onClick={submit} loading={fetching}>{t('service.endConfirm')}</Button>
      <Button size="xs" variant="default" onClick={() => setOpen(false)}>{t('form.cancel')}</Button>
    </Group>
  );
}

export function ActivityForm({ c, onSaved }: { c: CaseData; onSaved: () => void }) {
  const { t, i18n } = useTranslation();
  const [alert, setAlert] = useState<string | null>(null);
  const active = (c.services ?? []).filter((s) => s.status === 'ACTIVE');
  const form = useForm({
    initialValues: { kind: 'HOME_VISIT' as string, at: nowLocal() as string | null, durationMinutes: 60 as number | string, participants: [] as string[], notes: '', serviceID: null as string | null },
    validate: {
      kind: (v) => (v ? null : t('form.required')),
      at: (v) => (v ? null : t('form.required')),
      durationMinutes: (v) => (Number(v) > 0 ? null : t('activity.durationInvalid')),
    },
  });
  // A visit note is written where the connection may drop: it is kept on the device and sent when it can be.
  const draft = useFieldDraft(form, {
    caseID: c.id, name: 'activity', document: RecordActivityMutation,
    onSent: () => { notify({ color: 'teal', message: t('activity.saved') }); onSaved(); },
    onRefused: (error) => setAlert(showServerError(t, form, error)),
  });
  function submit(v: typeof form.values) {
    setAlert(null);
    void draft.send(v, {
      input: {
        caseID: c.id, kind: v.kind as ActivityKind, at: toInstant(v.at)!, durationMinutes: Number(v.durationMinutes),
        participants: v.participants, notes: v.notes.trim() || null, serviceID: v.serviceID || null,
      },
    });
  }
  return (
    <form onSubmit={form.onSubmit(submit)} noValidate aria-labelledby="activity-form-h">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={3} size="h5" id="activity-form-h">{t('activity.new')}</Title>
          {draft.status}
        </Group>
        <FormAlert message={alert ?? (draft.refusedBefore ? t('drafts.failed') : null)} />
        <Group grow align="flex-start">
          <Select label={t('activity.kind')} required allowDeselect={false} data={activityKinds.map((k) => ({ value: k, label: t(`activityKind.${k}`) }))} {...form.getInputProps('kind')} />
          <DateTimeField label={t('activity.at')} required maxDate={new Date()} {...form.getInputProps('at')} />
          <NumberInput label={t('activity.duration')} required min={1} max={1440} {...form.getInputProps('durationMinutes')} />
        </Group>
        <Group grow align="flex-start">
          <TagsInput label={t('activity.participants')} description={t('safety.participantsHint')} {...form.getInputProps('participants')} />
          {active.length > 0 && (
            <Select label={t('activity.service')} clearable data={active.map((s) => ({ value: s.id, label: serviceName(i18n.language, s.serviceType) }))} {...form.getInputProps('serviceID')} />
          )}
        </Group>
        <Textarea label={t('activity.notes')} autosize minRows={3} {...form.getInputProps('notes')} />
        <Button type="submit" loading={draft.state === 'sending'} w="fit-content">{t('activity.save')}</Button>
      </Stack>
    </form>
  );
}

export function ServicesTab({ c, can, reload }: TabProps) {
  const { t, i18n } = useTranslation();
  const services = c.services ?? [];
  const activities = (c.activities.edges ?? []).map((e) => e!.node!);
  const open = ['OPEN', 'UNDER_REVIEW', 'AWAITING_DECISION', 'ASSESSING_NEEDS'].includes(c.status);
  const serviceOf = new Map(services.map((s) => [s.id, s]));
  return (
    <Stack gap="lg">
      <section aria-labelledby="services-h">
        <Title order={2} size="h4" id="services-h" mb="xs">{t('service.title')}</Title>
        {services.length === 0 ? <Text c="dimmed">{t('service.none')}</Text> : (
          <Table.ScrollContainer minWidth={700}>
            <Table striped>
              <TableHead columns={[t('service.type'), t('service.provider'), t('service.person'), t('service.period'), t('service.status')]} />
              <Table.Tbody>
                {services.map((s) => (
                  <Table.Tr key={s.id}>
                    <Table.Td>{serviceName(i18n.language, s.serviceType)}</Table.Td>
                    <Table.Td>{s.provider.name}</Table.Td>
                    <Table.Td>{s.person ? personName(s.person) : t('service.wholeFamily')}</Table.Td>
                    <Table.Td>{formatDate(i18n.language, s.startedAt)} – {s.endedAt ? formatDate(i18n.language, s.endedAt) : '…'}</Table.Td>
                    <Table.Td>
                      <LightBadge color={s.status === 'ACTIVE' ? 'teal' : 'gray'}>{t(`serviceStatus.${s.status}`)}</LightBadge>
                      {s.endNote && <Text size="xs">{s.endNote}</Text>}
                      {s.status === 'ACTIVE' && can('service_provision', 'update') && <div className="no-print"><EndService s={s} onSaved={reload} /></div>}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {open && can('service_provision', 'create') && <Card withBorder mt="sm" className="no-print"><StartServiceForm c={c} onSaved={reload} /></Card>}
      </section>
      <section aria-labelledby="activities-h">
        <Title order={2} size="h4" id="activities-h" mb="xs">{t('activity.title')}</Title>
        {open && can('activity', 'create') && <Card withBorder mb="sm" className="no-print"><ActivityForm c={c} onSaved={reload} /></Card>}
        {activities.length === 0 ? <Text c="dimmed">{t('activity.none')}</Text> : (
          <Stack gap="xs">
            {activities.map((a) => (
              <Card key={a.id} withBorder padding="sm">
                <Group justify="space-between">
                  <Text fw={600} size="sm">{t(`activityKind.${a.kind}`)}</Text>
                  <Text size="sm" c="dimmed">{formatDateTime(i18n.language, a.at)} · {t('activity.minutes', { count: a.durationMinutes })}</Text>
                </Group>
                {a.serviceID && serviceOf.get(a.serviceID) && <Text size="xs" c="dimmed">{serviceName(i18n.language, serviceOf.get(a.serviceID)!.serviceType)}</Text>}
                {a.participants && a.participants.length > 0 && <Text size="sm">{t('activity.participants')}: {a.participants.join(', ')}</Text>}
                {a.notes && <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{a.notes}</Text>}
              </Card>
            ))}
          </Stack>
        )}
      </section>
    </Stack>
  );
}
