import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { useNavigate, useParams } from 'react-router';
import { useForm } from '@mantine/form';
import { ActionIcon, Alert, Button, Card, Group, List, PasswordInput, Select, SimpleGrid, Stack, Switch, Table, Tabs, Text, TextInput, Title } from '@mantine/core';
import { notify } from '../../notify';
import { graphql } from '../../gql';
import type { MembershipRole, OrganizationKind, PolicyRuleEffect } from '../../gql/graphql';
import { stepErrorMessage } from '../../api/errors';
import { showServerError } from '../../api/forms';
import { useOrganizations } from '../../api/hooks';
import { useSession } from '../../session';
import { communityName, formatDate, formatDateTime } from '../../format';
import { ErrorAlert, NoAccess } from '../../components/common';
import { FormAlert } from '../../components/FormAlert';
import { TableHead } from '../../components/TableHead';
import { DateField, Dates } from '../../components/dates';
import { policyActionLabel, policyActionLabels, policyObjectLabel, policyObjectLabels } from '../../recordLabels';
import { RecordTable } from '../../components/RecordTable';
import RolesTab, { useCustomRoleChoices } from './RolesTab';
import { CommunityAccounts } from './Accounts';
import { ApiClients } from './ApiClients';
import { roleChoice } from './roleTuning';

const CreateOrganizationMutation = graphql(`
  mutation CreateOrganization($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }
`);
const UpdateOrganizationMutation = graphql(`
  mutation UpdateOrganization($id: ID!, $input: UpdateOrganizationInput!) { updateOrganization(id: $id, input: $input) { id } }
`);
const InviteUserMutation = graphql(`
  mutation InviteUser($input: InviteUserInput!) { inviteUser(input: $input) { id email role status organization { id name } } }
`);
const CommunityInvitationsQuery = graphql(`
  query CommunityInvitations($communityID: ID!) { communityInvitations(communityID: $communityID) { id email role createdAt organization { id name } } }
`);
const SettingsMutation = graphql(`
  mutation UpdateCommunitySettings($communityID: ID!, $input: UpdateCommunitySettingsInput!) { updateCommunitySettings(communityID: $communityID, input: $input) { id requireTotp } }
`);
const CalendarQuery = graphql(`
  query Calendar($communityID: ID!, $year: Int!) {
    calendar(communityID: $communityID, year: $year) { year holidays holidaysAreWorkingDays extraDaysOff extraWorkingDays note custom }
  }
`);
const SetCalendarMutation = graphql(`
  mutation SetCalendarYear($communityID: ID!, $input: CalendarYearInput!) { setCalendarYear(communityID: $communityID, input: $input) { year custom } }
`);
const ResetCalendarMutation = graphql(`
  mutation ResetCalendarYear($communityID: ID!, $year: Int!) { resetCalendarYear(communityID: $communityID, year: $year) { year custom } }
`);
const SetPolicyRuleMutation = graphql(`
  mutation SetPolicyRule($input: SetPolicyRuleInput!) { setPolicyRule(input: $input) { id role object action effect } }
`);
const DeletePolicyRuleMutation = graphql(`
  mutation DeletePolicyRule($id: ID!) { deletePolicyRule(id: $id) }
`);
const CommunityRulesQuery = graphql(`
  query CommunityPolicyRules($communityID: ID!) { communityPolicyRules(communityID: $communityID) { id role object action effect updatedAt } }
`);

export const orgKinds: OrganizationKind[] = ['CHILDREN_SERVICE', 'SOCIAL_PROTECTION', 'PUBLIC_PROVIDER', 'NGO_PROVIDER', 'GUARDIANSHIP_BODY', 'PARTNER'];
/** Roles a community admin grants; oversight roles are granted by operators. */
export const communityRoles: MembershipRole[] = ['COMMUNITY_ADMIN', 'SOCIAL_PROTECTION', 'CHILDREN_SERVICE', 'PROVIDER_MANAGER', 'PROVIDER_SPECIALIST', 'GUARDIANSHIP_BODY', 'PARTNER_REPORTER', 'AUDITOR'];
/** Every object of the policy; the server refuses a rule the admin may not set, and the form says so. */
const policyObjects = Object.keys(policyObjectLabels);
const policyActions = Object.keys(policyActionLabels);

/** The letterhead's fields of an organisation, as its documents print them. */
const letterheadFields = ['fullName', 'parentBody', 'address', 'phone', 'email', 'headPosition', 'headName'] as const;
type LetterheadField = (typeof letterheadFields)[number];
const emptyLetterhead = Object.fromEntries(letterheadFields.map((f) => [f, ''])) as Record<LetterheadField, string>;

function letterheadValues(o: Partial<Record<LetterheadField, string | null>>): Record<LetterheadField, string> {
  return Object.fromEntries(letterheadFields.map((f) => [f, o[f] ?? ''])) as Record<LetterheadField, string>;
}

/** The letterhead as input: filled fields set, emptied ones cleared (on an update). */
function letterheadInput(v: Record<LetterheadField, string>) {
  const set: Partial<Record<LetterheadField, string>> = {};
  const clear: Record<string, boolean> = {};
  for (const f of letterheadFields) {
    const value = v[f].trim();
    if (value) set[f] = value;
    else clear[`clear${f[0].toUpperCase()}${f.slice(1)}`] = true;
  }
  return { set, clear };
}

function Organizations({ communityID }: { communityID: string }) {
  const { t } = useTranslation();
  const orgs = useOrganizations(communityID);
  const [{ fetching }, create] = useMutation(CreateOrganizationMutation);
  const [, update] = useMutation(UpdateOrganizationMutation);
  const [alert, setAlert] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const form = useForm({
    initialValues: { name: '', kind: 'NGO_PROVIDER' as string, edrpou: '', providerRegisterNumber: '', ...emptyLetterhead },
    validate: {
      name: (v) => (v.trim() ? null : t('form.required')),
      edrpou: (v) => (!v.trim() || /^\d{8}$/.test(v.trim()) ? null : t('admin.edrpouInvalid')),
      email: (v) => (!v.trim() || /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v.trim()) ? null : t('admin.emailInvalid')),
      phone: (v) => (!v.trim() || /^\+?[0-9][0-9 ()-]{4,30}$/.test(v.trim()) ? null : t('admin.phoneInvalid')),
    },
  });
  async function submit(v: typeof form.values) {
    setAlert(null);
    const input = { name: v.name.trim(), kind: v.kind as OrganizationKind, edrpou: v.edrpou.trim() || null, providerRegisterNumber: v.providerRegisterNumber.trim() || null };
    const lh = letterheadInput(v);
    const r = editing ? await update({ id: editing, input: { ...input, ...lh.set, ...lh.clear } }) : await create({ input: { ...input, ...lh.set, communityID } });
    if (r.error) return setAlert(showServerError(t, form, r.error));
    notify({ color: 'teal', message: t('admin.orgSaved') });
    form.reset();
    setEditing(null);
    orgs.refetch({ requestPolicy: 'network-only' });
  }
  return (
    <Stack>
      <Table.ScrollContainer minWidth={640}>
        <Table striped>
          <TableHead columns={[t('admin.orgName'), t('admin.orgKind'), t('admin.edrpou'), t('admin.registerNumber'), <span className="visually-hidden">{t('form.actions')}</span>]} />
          <Table.Tbody>
            {orgs.list.map((o) => (
              <Table.Tr key={o.id}>
                <Table.Td>{o.name}</Table.Td>
                <Table.Td>{t(`orgKind.${o.kind}`)}</Table.Td>
                <Table.Td>{o.edrpou ?? '—'}</Table.Td>
                <Table.Td>{o.providerRegisterNumber ?? '—'}</Table.Td>
                <Table.Td>
                  <Button size="compact-xs" variant="subtle" onClick={() => { setEditing(o.id); form.setValues({ name: o.name, kind: o.kind, edrpou: o.edrpou ?? '', providerRegisterNumber: o.providerRegisterNumber ?? '', ...letterheadValues(o) }); }}>
                    {t('admin.edit')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Card withBorder>
        <form onSubmit={form.onSubmit(submit)} noValidate aria-labelledby="org-h">
          <Stack gap="sm">
            <Title order={2} size="h4" id="org-h">{editing ? t('admin.editOrg') : t('admin.newOrg')}</Title>
            <FormAlert message={alert} />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label={t('admin.orgName')} required {...form.getInputProps('name')} />
              <Select label={t('admin.orgKind')} allowDeselect={false} data={orgKinds.map((k) => ({ value: k, label: t(`orgKind.${k}`) }))} {...form.getInputProps('kind')} />
              <TextInput label={t('admin.edrpou')} description={t('admin.edrpouHint')} {...form.getInputProps('edrpou')} />
              <TextInput label={t('admin.registerNumber')} description={t('admin.registerHint')} {...form.getInputProps('providerRegisterNumber')} />
            </SimpleGrid>
            <Title order={3} size="h5">{t('admin.letterhead')}</Title>
            <Text size="sm" c="dimmed">{t('admin.letterheadHint')}</Text>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              {letterheadFields.map((f) => <TextInput key={f} label={t(`admin.lh.${f}`)} {...form.getInputProps(f)} />)}
            </SimpleGrid>
            <Group>
              <Button type="submit" loading={fetching}>{t('form.save')}</Button>
              {editing && <Button variant="default" onClick={() => { setEditing(null); form.reset(); }}>{t('form.cancel')}</Button>}
            </Group>
          </Stack>
        </form>
      </Card>
    </Stack>
  );
}

function Users({ communityID }: { communityID: string }) {
  const { t, i18n } = useTranslation();
  const orgs = useOrganizations(communityID);
  const [{ fetching: inviting }, inviteUser] = useMutation(InviteUserMutation);
  const customRoles = useCustomRoleChoices(communityID);
  const [{ data: pending }, refetch] = useQuery({ query: CommunityInvitationsQuery, variables: { communityID }, requestPolicy: 'cache-and-network' });
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm({
    initialValues: { email: '', displayName: '', password: '', role: 'COMMUNITY_ADMIN' as string, organizationID: null as string | null },
    validate: {
      email: (v) => (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.trim()) ? null : t('login.invalidEmail')),
      displayName: (v) => (v.trim() ? null : t('form.required')),
      password: (v) => (v.length >= 12 ? null : t('admin.passwordShort')),
    },
  });
  async function submit(v: typeof form.values) {
    setAlert(null);
    const chosen = roleChoice(v.role, customRoles.map((c) => c.value));
    const r = await inviteUser({ input: { communityID, email: v.email.trim(), displayName: v.displayName.trim(), password: v.password,
      role: chosen.role as MembershipRole, customRoleID: chosen.customRoleID, organizationID: v.organizationID || null } });
    if (r.error) return setAlert(showServerError(t, form, r.error));
    notify({ color: 'teal', message: t('admin.invited', { email: r.data!.inviteUser.email }) });
    refetch({ requestPolicy: 'network-only' });
    form.reset();
  }
  const list = pending?.communityInvitations ?? [];
  return (
    <Stack>
      <CommunityAccounts communityID={communityID} />
      <Alert color="blue" variant="light">{t('admin.inviteHint')}</Alert>
      <Card withBorder>
        <form onSubmit={form.onSubmit(submit)} noValidate aria-labelledby="user-h">
          <Stack gap="sm">
            <Title order={2} size="h4" id="user-h">{t('admin.newUser')}</Title>
            <FormAlert message={alert} />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label={t('login.email')} type="email" required {...form.getInputProps('email')} />
              <TextInput label={t('admin.displayName')} required {...form.getInputProps('displayName')} />
              <PasswordInput label={t('admin.initialPassword')} description={t('admin.passwordHint')} required autoComplete="new-password" {...form.getInputProps('password')} />
              <Select label={t('home.role')} allowDeselect={false} data={[...communityRoles.map((r) => ({ value: r, label: t(`roles.${r}`) })), ...customRoles]} {...form.getInputProps('role')} />
              <Select label={t('home.organization')} clearable data={orgs.list.map((o) => ({ value: o.id, label: o.name }))} {...form.getInputProps('organizationID')} />
            </SimpleGrid>
            <Button type="submit" loading={inviting} w="fit-content">{t('admin.inviteUser')}</Button>
          </Stack>
        </form>
      </Card>
      <Title order={2} size="h4">{t('admin.pendingInvitations')}</Title>
      {list.length === 0 ? <Text c="dimmed">{t('admin.noPendingInvitations')}</Text> : (
        <Table>
          <TableHead columns={[t('login.email'), t('home.role'), t('home.organization'), t('admin.invitedAt')]} />
          <Table.Tbody>
            {list.map((g) => (
              <Table.Tr key={g.id}>
                <Table.Td>{g.email}</Table.Td>
                <Table.Td>{t(`roles.${g.role}`)}</Table.Td>
                <Table.Td>{g.organization?.name ?? '—'}</Table.Td>
                <Table.Td>{formatDateTime(i18n.language, g.createdAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

/** The note Turbota ships with its years (casework/calendar.go), in Ukrainian only. */
const shippedNote = 'Воєнний стан з 24.02.2022';

/** 2026-01-01 → "01.01.2026, чт" */
function dayLabel(lng: string, day: string): string {
  const d = new Date(`${day}T12:00:00Z`);
  const date = formatDate(lng, `${day}T00:00:00Z`, true);
  const weekday = new Intl.DateTimeFormat(lng === 'en' ? 'en-GB' : 'uk-UA', { weekday: 'short', timeZone: 'UTC' }).format(d);
  return `${date}, ${weekday}`;
}

function CalendarYear({ communityID }: { communityID: string }) {
  const { t, i18n } = useTranslation();
  const [year, setYear] = useState(new Date().getFullYear());
  const [{ data }, reexecute] = useQuery({ query: CalendarQuery, variables: { communityID, year } });
  const [{ fetching }, setCalendar] = useMutation(SetCalendarMutation);
  const [, reset] = useMutation(ResetCalendarMutation);
  const cal = data?.calendar;
  const [holidays, setHolidays] = useState<string[] | null>(null);
  const [adding, setAdding] = useState<string | null>(null);
  const [working, setWorking] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);
  const list = holidays ?? cal?.holidays ?? [];
  const isWorking = working ?? cal?.holidaysAreWorkingDays ?? false;
  function add() {
    setError(null);
    if (!adding) return setError(t('admin.pickDate'));
    if (list.includes(adding)) return setError(t('admin.dateListed'));
    setHolidays([...list, adding].sort());
    setAdding(null);
  }
  async function save() {
    setError(null);
    const r = await setCalendar({ communityID, input: { year, holidays: list, holidaysAreWorkingDays: isWorking, extraDaysOff: cal?.extraDaysOff ?? [], extraWorkingDays: cal?.extraWorkingDays ?? [], note: cal?.note ?? null } });
    if (r.error) return setError(stepErrorMessage(t, r.error));
    notify({ color: 'teal', message: t('admin.calendarSaved') });
    setHolidays(null);
    reexecute({ requestPolicy: 'network-only' });
  }
  const note = cal?.note ? (cal.note.startsWith(shippedNote) ? t('admin.martialLawNote') : cal.note) : null;
  return (
    <Stack gap="sm">
      <Title order={2} size="h4">{t('admin.calendar')}</Title>
      <Text size="sm" c="dimmed">{t('admin.calendarHint')}</Text>
      <Group align="flex-end">
        <Select label={t('admin.year')} value={String(year)} allowDeselect={false} onChange={(v) => { setYear(Number(v)); setHolidays(null); setWorking(null); setAdding(null); }}
          data={[year - 1, year, year + 1].map((y) => String(y)).filter((v, i, a) => a.indexOf(v) === i)} w={120} />
        {cal && <Text size="sm">{cal.custom ? t('admin.calendarCustom') : t('admin.calendarShipped')}</Text>}
      </Group>
      {cal && (
        <>
          <Switch label={t('admin.martialLaw')} checked={isWorking} onChange={(e) => setWorking(e.currentTarget.checked)} />
          {note && <Text size="xs" c="dimmed">{note}</Text>}
          <div role="group" aria-labelledby="holidays-h">
            <Text fw={500} size="sm" id="holidays-h">{t('admin.holidays')}</Text>
            <Text size="xs" c="dimmed" mb={4}>{t('admin.holidaysHint')}</Text>
            {list.length === 0 ? <Text size="sm" c="dimmed">{t('admin.noHolidays')}</Text> : (
              <List spacing={2} listStyleType="none" data-testid="holidays" style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(210px, 1fr))', gap: 4 }}>
                {list.map((d) => (
                  <List.Item key={d}>
                    <Group gap={6} wrap="nowrap">
                      <Text size="sm" miw={150}>{dayLabel(i18n.language, d)}</Text>
                      <ActionIcon variant="subtle" color="red" size="sm" aria-label={t('admin.removeHoliday', { date: formatDate(i18n.language, `${d}T00:00:00Z`, true) })}
                        onClick={() => setHolidays(list.filter((x) => x !== d))}>
                        <span aria-hidden="true">✕</span>
                      </ActionIcon>
                    </Group>
                  </List.Item>
                ))}
              </List>
            )}
          </div>
          <Dates>
            <Group align="flex-end" gap="xs">
              <DateField label={t('admin.addHoliday')} value={adding} onChange={(v) => setAdding(v)} w={200}
                minDate={`${year}-01-01`} maxDate={`${year}-12-31`} defaultDate={`${year}-01-01`} error={error} />
              <Button variant="default" onClick={add} mb={error ? 22 : 0}>{t('admin.add')}</Button>
            </Group>
          </Dates>
          <Group>
            <Button onClick={save} loading={fetching}>{t('form.save')}</Button>
            {cal.custom && <Button variant="default" onClick={async () => { await reset({ communityID, year }); setHolidays(null); setWorking(null); reexecute({ requestPolicy: 'network-only' }); }}>{t('admin.calendarReset')}</Button>}
          </Group>
        </>
      )}
    </Stack>
  );
}

function Settings({ communityID }: { communityID: string }) {
  const { t } = useTranslation();
  const { community } = useSession();
  const [{ fetching, data }, update] = useMutation(SettingsMutation);
  const requireTotp = data?.updateCommunitySettings.requireTotp ?? community?.requireTotp ?? false;
  return (
    <Stack gap="lg">
      <Card withBorder>
        <Stack gap="xs">
          <Title order={2} size="h4">{t('admin.security')}</Title>
          <Switch label={t('admin.requireTotp')} description={t('admin.requireTotpHint')} checked={requireTotp} disabled={fetching}
            onChange={async (e) => {
              const r = await update({ communityID, input: { requireTotp: e.currentTarget.checked } });
              notify(r.error ? { color: 'red', message: stepErrorMessage(t, r.error) } : { color: 'teal', message: t('admin.settingsSaved') });
            }} />
        </Stack>
      </Card>
      <Card withBorder><CalendarYear communityID={communityID} /></Card>
    </Stack>
  );
}

function AccessRules({ communityID }: { communityID: string }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const [{ fetching }, setRule] = useMutation(SetPolicyRuleMutation);
  const [{ fetching: removing }, deleteRule] = useMutation(DeletePolicyRuleMutation);
  const [{ data, error }, reload] = useQuery({ query: CommunityRulesQuery, variables: { communityID }, requestPolicy: 'cache-and-network' });
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm({ initialValues: { role: 'PROVIDER_SPECIALIST', object: 'case_file', action: 'read', effect: 'ALLOW' } });
  const describe = (r: { role: string; object: string; action: string; effect: string }) =>
    `${t(`roles.${r.role}`)}: ${policyObjectLabel(lng, r.object)} — ${policyActionLabel(lng, r.action)} → ${t(`effect.${r.effect}`)}`;
  async function submit(v: typeof form.values) {
    setAlert(null);
    const r = await setRule({ input: { communityID, role: v.role as MembershipRole, object: v.object, action: v.action, effect: v.effect as PolicyRuleEffect } });
    if (r.error) return setAlert(showServerError(t, form, r.error));
    notify({ color: 'teal', message: t('admin.ruleSaved', { rule: describe(v) }) });
    reload({ requestPolicy: 'network-only' });
  }
  async function remove(rule: { id: string; role: string; object: string; action: string; effect: string }) {
    const r = await deleteRule({ id: rule.id });
    if (r.error) return notify({ color: 'red', message: stepErrorMessage(t, r.error) });
    notify({ color: 'teal', message: t('admin.ruleRemoved', { rule: describe(rule) }) });
    reload({ requestPolicy: 'network-only' });
  }
  const rules = data?.communityPolicyRules ?? [];
  const objects = policyObjects.map((o) => ({ value: o, label: policyObjectLabel(lng, o) })).sort((a, b) => a.label.localeCompare(b.label, lng));
  return (
    <Stack>
      <Card withBorder>
        <form onSubmit={form.onSubmit(submit)} noValidate aria-labelledby="rules-h">
          <Stack gap="sm">
            <Title order={2} size="h4" id="rules-h">{t('admin.rules')}</Title>
            <Text size="sm" c="dimmed">{t('admin.rulesHint')}</Text>
            <FormAlert message={alert} />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select label={t('home.role')} allowDeselect={false} data={communityRoles.map((r) => ({ value: r, label: t(`roles.${r}`) }))} {...form.getInputProps('role')} />
              <Select label={t('admin.object')} allowDeselect={false} searchable data={objects} nothingFoundMessage={t('indicators.nothingFound')} {...form.getInputProps('object')} />
              <Select label={t('admin.action')} allowDeselect={false} data={policyActions.map((a) => ({ value: a, label: policyActionLabel(lng, a) }))} {...form.getInputProps('action')} />
              <Select label={t('admin.effect')} allowDeselect={false} data={['ALLOW', 'DENY'].map((e) => ({ value: e, label: t(`effect.${e}`) }))} {...form.getInputProps('effect')} />
            </SimpleGrid>
            <Button type="submit" loading={fetching} w="fit-content">{t('admin.setRule')}</Button>
          </Stack>
        </form>
      </Card>
      <Card withBorder component="section" aria-labelledby="rules-in-force-h">
        <Title order={2} size="h4" id="rules-in-force-h" mb={4}>{t('admin.rulesInForce')}</Title>
        <Text size="sm" c="dimmed" mb="xs">{t('admin.rulesInForceHint')}</Text>
        <ErrorAlert error={error} />
        {data && rules.length === 0 ? <Text size="sm">{t('admin.noCommunityRules')}</Text> : (
          <RecordTable minWidth={560} label={t('admin.rulesInForce')} data-testid="community-rules"
            columns={[t('home.role'), t('admin.object'), t('admin.action'), t('admin.effect'), t('admin.changedAt'), <span className="visually-hidden">{t('form.actions')}</span>]}
            rows={rules} row={(r) => (
              <Table.Tr key={r.id}>
                <Table.Td>{t(`roles.${r.role}`)}</Table.Td>
                <Table.Td>{policyObjectLabel(lng, r.object)}</Table.Td>
                <Table.Td>{policyActionLabel(lng, r.action)}</Table.Td>
                <Table.Td><Text size="sm" c={r.effect === 'DENY' ? 'red.8' : 'teal.8'} fw={600}>{t(`effect.${r.effect}`)}</Text></Table.Td>
                <Table.Td>{formatDate(lng, r.updatedAt)}</Table.Td>
                <Table.Td>
                  <Button size="compact-xs" variant="subtle" color="red" loading={removing} onClick={() => remove(r)}
                    aria-label={t('admin.removeRuleFor', { rule: describe(r) })}>{t('admin.removeRule')}</Button>
                </Table.Td>
              </Table.Tr>
            )} />
        )}
      </Card>
    </Stack>
  );
}

const tabs = ['organizations', 'users', 'api', 'settings', 'rules', 'roles'] as const;

/** Administration of one community: organisations, users and roles, API clients, settings. */
export default function AdminPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const params = useParams();
  const { community, can } = useSession();
  if (!community || !(can('membership', 'create') || can('organization', 'create'))) return <NoAccess />;
  const tab = (tabs as readonly string[]).includes(params['*'] ?? '') ? params['*']! : 'organizations';
  return (
    <Stack maw={1100}>
      <Title order={1} size="h2">{t('admin.title', { community: communityName(t, community) })}</Title>
      <Tabs value={tab} onChange={(v) => navigate(`/admin/${v}`, { replace: true })} keepMounted={false}>
        <Tabs.List>
          {tabs.map((k) => <Tabs.Tab key={k} value={k}>{t(`adminTab.${k}`)}</Tabs.Tab>)}
        </Tabs.List>
        <Tabs.Panel value="organizations" pt="md"><Organizations communityID={community.id} /></Tabs.Panel>
        <Tabs.Panel value="users" pt="md"><Users communityID={community.id} /></Tabs.Panel>
        <Tabs.Panel value="api" pt="md"><ApiClients communityID={community.id} /></Tabs.Panel>
        <Tabs.Panel value="settings" pt="md"><Settings communityID={community.id} /></Tabs.Panel>
        <Tabs.Panel value="rules" pt="md"><AccessRules communityID={community.id} /></Tabs.Panel>
        <Tabs.Panel value="roles" pt="md"><RolesTab communityID={community.id} /></Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
