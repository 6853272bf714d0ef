import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { useForm } from '@mantine/form';
import { Button, Card, Checkbox, Group, Select, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notify } from '../../notify';
import { graphql } from '../../gql';
import { errorRule, stepErrorMessage } from '../../api/errors';
import { showServerError } from '../../api/forms';
import { useOrganizations } from '../../api/hooks';
import { useSession } from '../../session';
import { formatDate } from '../../format';
import { DateTimeField, nowLocal, toInstant } from '../../components/dates';
import { FormAlert } from '../../components/FormAlert';
import { RuleFix } from '../../components/RuleFix';
import type { CaseData } from './caseQuery';
import type { TabProps } from './CasePage';
import { TableHead } from '../../components/TableHead';
import { LightBadge } from '../../components/LightBadge';
import { ReferralCard } from './ReferralCard';
import { AddForm } from '../../components/AddForm';
import { consentPurposes, recipientInput, recipientKinds, sharingBasis, type ScopedConsent } from './consentScope';
import { SharingBasisNotice } from './SharingBasisNotice';
import { WithdrawalResult, type CaseShareView } from './WithdrawalResult';
import type { ConsentPurpose, OrganizationKind } from '../../gql/graphql';

/** The sharing basis for the organisation picked in a form, once one is. */
function useBasis(c: CaseData, orgs: { id: string; kind: OrganizationKind }[], orgID: string, purpose: ConsentPurpose) {
  const org = orgs.find((o) => o.id === orgID);
  return org ? sharingBasis((c.family?.consents ?? []) as ScopedConsent[], org, purpose) : null;
}

const SendReferralMutation = graphql(`
  mutation SendReferral($input: SendReferralInput!) { sendReferral(input: $input) { id status } }
`);
const AcceptReferralMutation = graphql(`
  mutation AcceptReferral($id: ID!) { acceptReferral(id: $id) { id status } }
`);
const DeclineReferralMutation = graphql(`
  mutation DeclineReferral($id: ID!, $reason: String!) { declineReferral(id: $id, reason: $reason) { id status } }
`);
const CancelReferralMutation = graphql(`
  mutation CancelReferral($id: ID!, $reason: String) { cancelReferral(id: $id, reason: $reason) { id status } }
`);
const RecordConsentMutation = graphql(`
  mutation RecordConsent($input: RecordConsentInput!) { recordConsent(input: $input) { id } }
`);
const WithdrawConsentMutation = graphql(`
  mutation WithdrawConsent($id: ID!, $withdrawnAt: Time!) {
    withdrawConsent(id: $id, withdrawnAt: $withdrawnAt) {
      consent { id withdrawnAt }
      revoked { caseID userID basis organization { id name } }
      kept { caseID userID basis organization { id name } }
    }
  }
`);
const AddTeamMemberMutation = graphql(`
  mutation AddTeamMember($input: AddTeamMemberInput!) { addTeamMember(input: $input) { id } }
`);
const RemoveTeamMemberMutation = graphql(`
  mutation RemoveTeamMember($id: ID!) { removeTeamMember(id: $id) { id removedAt } }
`);

/** Accept, or decline with a reason: for the organisation a referral was sent to. */
export function AnswerReferral({ id, onDone }: { id: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [declining, setDeclining] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [acceptState, accept] = useMutation(AcceptReferralMutation);
  const [declineState, decline] = useMutation(DeclineReferralMutation);
  async function run(kind: 'accept' | 'decline') {
    setError(null);
    if (kind === 'decline' && !reason.trim()) return setError(t('referral.declineReasonRequired'));
    const r = kind === 'accept' ? await accept({ id }) : await decline({ id, reason: reason.trim() });
    if (r.error) return setError(stepErrorMessage(t, r.error));
    notify({ color: 'teal', message: kind === 'accept' ? t('referral.acceptedMsg') : t('referral.declinedMsg') });
    onDone();
  }
  return (
    <Stack gap="xs">
      {declining && <Textarea label={t('referral.declineReason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={error} autosize minRows={2} required />}
      {!declining && error && <Text c="red" size="sm" role="alert">{error}</Text>}
      <Group gap="xs">
        {!declining && <Button size="xs" onClick={() => run('accept')} loading={acceptState.fetching}>{t('referral.accept')}</Button>}
        {declining
          ? <><Button size="xs" color="red" onClick={() => run('decline')} loading={declineState.fetching}>{t('referral.declineConfirm')}</Button>
            <Button size="xs" variant="default" onClick={() => setDeclining(false)}>{t('form.cancel')}</Button></>
          : <Button size="xs" variant="default" onClick={() => setDeclining(true)}>{t('referral.decline')}</Button>}
      </Group>
    </Stack>
  );
}

/** The one organisation a consent in force names for referrals, not yet referred to; else none. */
export function consentedReferralTarget(c: Pick<CaseData, 'family' | 'referrals'>): string | null {
  const referred = new Set((c.referrals ?? []).map((r) => r.toOrganization?.id));
  const targets = new Set((c.family?.consents ?? [])
    .filter((x) => !x.withdrawnAt && x.purpose === 'REFERRAL' && x.recipientOrganization && !referred.has(x.recipientOrganization.id))
    .map((x) => x.recipientOrganization!.id));
  return targets.size === 1 ? [...targets][0] : null;
}

function SendReferralForm({ c, onSaved }: { c: CaseData; onSaved: () => void }) {
  const { t } = useTranslation();
  const { organizations, can } = useSession();
  const orgs = useOrganizations(c.communityID);
  const mine = new Set(organizations.map((o) => o.id));
  const [{ fetching }, send] = useMutation(SendReferralMutation);
  const [alert, setAlert] = useState<string | null>(null);
  const [rule, setRule] = useState<string | undefined>();
  const [needOverride, setNeedOverride] = useState(false);
  const form = useForm({
    initialValues: { toOrganizationID: '', reason: '', urgent: false, overrideReason: '' },
    validate: {
      toOrganizationID: (v) => (v ? null : t('form.required')),
      reason: (v) => (v.trim() ? null : t('form.required')),
    },
  });
  const basis = useBasis(c, orgs.list, form.values.toOrganizationID, 'REFERRAL');
  // A smart default: the organisation the family's consent in force lets the
  // case go to for a referral, when there is exactly one and it has no referral yet.
  const suggested = consentedReferralTarget(c);
  useEffect(() => {
    if (suggested && !form.values.toOrganizationID) form.setFieldValue('toOrganizationID', suggested);
  }, [suggested]);
  async function submit(v: typeof form.values) {
    setAlert(null);
    setRule(undefined);
    const r = await send({
      input: {
        caseID: c.id, toOrganizationID: v.toOrganizationID, reason: v.reason.trim(), urgent: v.urgent,
        fromOrganizationID: organizations[0]?.id ?? null, overrideReason: v.overrideReason.trim() || null,
      },
    });
    if (r.error) {
      if (errorRule(r.error) === 'CONSENT_REQUIRED' && can('referral_override', 'create')) setNeedOverride(true);
      setRule(errorRule(r.error));
      return setAlert(showServerError(t, form, r.error));
    }
    notify({ color: 'teal', message: t('referral.sent') });
    form.reset();
    setNeedOverride(false);
    onSaved();
  }
  return (
    <form onSubmit={form.onSubmit(submit)} noValidate aria-labelledby="referral-form-h">
      <Stack gap="sm">
        <Title order={3} size="h5" id="referral-form-h">{t('referral.new')}</Title>
        <FormAlert message={alert} fix={<RuleFix rule={rule} caseID={c.id} />} />
        <Select label={t('referral.to')} required searchable allowDeselect={false}
          data={orgs.list.filter((o) => !mine.has(o.id)).map((o) => ({ value: o.id, label: `${o.name} (${t(`orgKind.${o.kind}`)})` }))}
          {...form.getInputProps('toOrganizationID')} />
        <Textarea label={t('referral.reason')} description={t('referral.reasonHint')} required autosize minRows={2} {...form.getInputProps('reason')} />
        <Checkbox label={t('referral.urgent')} {...form.getInputProps('urgent', { type: 'checkbox' })} />
        <SharingBasisNotice basis={needOverride ? { kind: 'missing' } : basis} canOverride={can('referral_override', 'create')} overrideProps={form.getInputProps('overrideReason')} />
        <Button type="submit" loading={fetching} w="fit-content">{t('referral.send')}</Button>
      </Stack>
    </form>
  );
}

/** The scope of a consent in a line: purpose, recipient, period. */
function scopeLine(t: (k: string, o?: Record<string, unknown>) => string, lang: string, x: ScopedConsent) {
  const recipient = x.recipientOrganization?.name
    ?? (x.recipientKind ? t('consent.everyOfKind', { kind: t(`orgKind.${x.recipientKind}`) }) : t('consent.anyone'));
  const line = t('consent.scope', { purpose: t(`consent.purposes.${x.purpose}`), recipient });
  return x.validUntil ? `${line}, ${t('consent.until', { date: formatDate(lang, x.validUntil) })}` : line;
}

function ConsentSection({ c, can, reload }: TabProps) {
  const { t, i18n } = useTranslation();
  const orgs = useOrganizations(c.communityID);
  const [{ fetching }, recordConsent] = useMutation(RecordConsentMutation);
  const [, withdraw] = useMutation(WithdrawConsentMutation);
  const [alert, setAlert] = useState<string | null>(null);
  const [withdrawal, setWithdrawal] = useState<{ revoked: CaseShareView[]; kept: CaseShareView[] } | null>(null);
  const form = useForm({
    initialValues: { givenBy: '', givenAt: nowLocal() as string | null, document: '', recipient: '', purpose: 'REFERRAL' as ConsentPurpose, validFrom: null as string | null, validUntil: null as string | null },
    validate: {
      givenBy: (v) => (v.trim() ? null : t('form.required')),
      givenAt: (v) => (v ? null : t('form.required')),
      document: (v) => (v.trim() ? null : t('form.required')),
      recipient: (v) => (v ? null : t('form.required')),
    },
  });
  if (!c.family) return <Text c="dimmed">{t('consent.noFamily')}</Text>;
  const consents = (c.family.consents ?? []) as ScopedConsent[];
  async function submit(v: typeof form.values) {
    setAlert(null);
    const r = await recordConsent({
      input: {
        familyID: c.family!.id, givenBy: v.givenBy.trim(), givenAt: toInstant(v.givenAt)!, document: v.document.trim(),
        purpose: v.purpose, ...recipientInput(v.recipient), validFrom: toInstant(v.validFrom), validUntil: toInstant(v.validUntil),
      },
    });
    if (r.error) return setAlert(showServerError(t, form, r.error));
    notify({ color: 'teal', message: t('consent.saved') });
    form.reset();
    reload();
  }
  async function withdrawOne(id: string) {
    const r = await withdraw({ id, withdrawnAt: new Date().toISOString() });
    if (r.error) return notify({ color: 'red', message: stepErrorMessage(t, r.error) });
    const w = r.data!.withdrawConsent;
    setWithdrawal({ revoked: w.revoked, kept: w.kept });
    reload();
  }
  return (
    <Stack gap="sm">
      {consents.length === 0 ? <Text c="dimmed">{t('consent.none')}</Text> : (
        <Stack gap={4} component="ul" className="plain-list">
          {consents.map((x) => (
            <li key={x.id}>
              <Group gap="xs">
                <Text size="sm">{t('consent.given', { by: x.givenBy, date: formatDate(i18n.language, x.givenAt), document: x.document })}</Text>
                <Text size="sm" c="dimmed">{scopeLine(t, i18n.language, x)}</Text>
                {x.withdrawnAt
                  ? <LightBadge color="gray">{t('consent.withdrawnOn', { date: formatDate(i18n.language, x.withdrawnAt) })}</LightBadge>
                  : <LightBadge color="teal">{t('consent.active')}</LightBadge>}
                {!x.withdrawnAt && can('consent', 'update') && (
                  <Button size="compact-xs" variant="subtle" color="red" className="no-print"
                    onClick={() => withdrawOne(x.id)}>
                    {t('consent.withdraw')}
                  </Button>
                )}
              </Group>
            </li>
          ))}
        </Stack>
      )}
      {withdrawal && <WithdrawalResult {...withdrawal} onClose={() => setWithdrawal(null)} />}
      {can('consent', 'create') && (
        <AddForm id="consent-form-h" title={t('consent.record')} alert={alert} onSubmit={form.onSubmit(submit)}
          submitLabel={t('consent.save')} loading={fetching} className="no-print">
          <Group align="flex-start" grow>
            <TextInput label={t('consent.givenBy')} required {...form.getInputProps('givenBy')} />
            <DateTimeField label={t('consent.givenAt')} required maxDate={new Date()} {...form.getInputProps('givenAt')} />
            <TextInput label={t('consent.document')} description={t('consent.documentHint')} required {...form.getInputProps('document')} />
          </Group>
          <Group align="flex-start" grow>
            <Select label={t('consent.recipient')} description={t('consent.recipientHint')} required searchable
              data={[
                { group: t('consent.organizations'), items: orgs.list.map((o) => ({ value: o.id, label: o.name })) },
                { group: t('consent.kinds'), items: recipientKinds.map((k) => ({ value: `kind:${k}`, label: t('consent.everyOfKind', { kind: t(`orgKind.${k}`) }) })) },
              ]}
              {...form.getInputProps('recipient')} />
            <Select label={t('consent.purpose')} required allowDeselect={false}
              data={consentPurposes.map((p) => ({ value: p, label: t(`consent.purposes.${p}`) }))} {...form.getInputProps('purpose')} />
            <DateTimeField label={t('consent.validFrom')} description={t('consent.validFromHint')} clearable {...form.getInputProps('validFrom')} />
            <DateTimeField label={t('consent.validUntil')} description={t('consent.validUntilHint')} clearable {...form.getInputProps('validUntil')} />
          </Group>
        </AddForm>
      )}
    </Stack>
  );
}

function TeamSection({ c, can, reload }: TabProps) {
  const { t } = useTranslation();
  const orgs = useOrganizations(c.communityID);
  const [{ fetching }, add] = useMutation(AddTeamMemberMutation);
  const [, remove] = useMutation(RemoveTeamMemberMutation);
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm({
    initialValues: { organizationID: '', name: '', role: '', overrideReason: '' },
    validate: {
      organizationID: (v) => (v ? null : t('form.required')),
      name: (v) => (v.trim() ? null : t('form.required')),
      role: (v) => (v.trim() ? null : t('form.required')),
    },
  });
  const team = (c.team ?? []).filter((m) => !m.removedAt);
  const basis = useBasis(c, orgs.list, form.values.organizationID, 'TEAM');
  async function submit(v: typeof form.values) {
    setAlert(null);
    const r = await add({ input: { caseID: c.id, organizationID: v.organizationID, name: v.name.trim(), role: v.role.trim(), overrideReason: v.overrideReason.trim() || null } });
    if (r.error) return setAlert(showServerError(t, form, r.error));
    form.reset();
    reload();
  }
  return (
    <Stack gap="sm">
      {team.length === 0 ? <Text c="dimmed">{t('team.none')}</Text> : (
        <Table>
          <TableHead columns={[t('team.name'), t('team.role'), t('team.organization'), <span className="visually-hidden">{t('form.actions')}</span>]} />
          <Table.Tbody>
            {team.map((m) => (
              <Table.Tr key={m.id}>
                <Table.Td>{m.name}</Table.Td>
                <Table.Td>
                  {m.role}
                  {m.overrideReason && <Text size="xs" c="orange">{t('team.withoutConsent')}: {m.overrideReason}</Text>}
                </Table.Td>
                <Table.Td>{m.organization.name}</Table.Td>
                <Table.Td>
                  {can('team_member', 'update') && (
                    <Button size="compact-xs" variant="subtle" color="red" className="no-print"
                      onClick={async () => { const r = await remove({ id: m.id }); if (r.error) notify({ color: 'red', message: stepErrorMessage(t, r.error) }); else reload(); }}>
                      {t('team.remove')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {can('team_member', 'create') && (
        <AddForm id="team-form-h" title={t('team.add')} alert={alert} onSubmit={form.onSubmit(submit)}
          submitLabel={t('team.addButton')} loading={fetching} className="no-print">
          <Group align="flex-start" grow>
            <TextInput label={t('team.name')} required {...form.getInputProps('name')} />
            <TextInput label={t('team.role')} description={t('team.roleHint')} required {...form.getInputProps('role')} />
            <Select label={t('team.organization')} required searchable data={orgs.list.map((o) => ({ value: o.id, label: o.name }))} {...form.getInputProps('organizationID')} />
          </Group>
          <SharingBasisNotice basis={basis} canOverride={can('referral_override', 'create')} overrideProps={form.getInputProps('overrideReason')} />
        </AddForm>
      )}
    </Stack>
  );
}

export function ReferralsTab(props: TabProps) {
  const { c, can, reload } = props;
  const { t } = useTranslation();
  const { organizations } = useSession();
  const [, cancel] = useMutation(CancelReferralMutation);
  const mine = new Set(organizations.map((o) => o.id));
  const referrals = [...(c.referrals ?? [])].sort((a, b) => b.sentAt.localeCompare(a.sentAt));
  const open = !['CLOSED', 'REFUSED', 'TRANSFERRED'].includes(c.status);
  return (
    <Stack gap="lg">
      <section aria-labelledby="referrals-h">
        <Title order={2} size="h4" id="referrals-h" mb="xs">{t('caseTab.referrals')}</Title>
        {referrals.length === 0 ? <Text c="dimmed">{t('referral.none')}</Text> : (
          <Stack gap="xs">
            {referrals.map((r) => (
              <ReferralCard key={r.id} r={r} title={`${r.fromOrganization.name} → ${r.toOrganization.name}`} showAnswered>
                {r.overrideReason && <Text size="sm" c="orange">{t('referral.overrideReason')}: {r.overrideReason}</Text>}
                {r.status === 'SENT' && mine.has(r.toOrganization.id) && can('referral', 'update') && <div className="no-print"><AnswerReferral id={r.id} onDone={reload} /></div>}
                {r.status === 'SENT' && mine.has(r.fromOrganization.id) && can('referral', 'update') && (
                  <Button size="compact-xs" variant="subtle" color="red" w="fit-content" className="no-print"
                    onClick={async () => { const x = await cancel({ id: r.id, reason: null }); if (x.error) notify({ color: 'red', message: stepErrorMessage(t, x.error) }); else reload(); }}>
                    {t('referral.cancel')}
                  </Button>
                )}
              </ReferralCard>
            ))}
          </Stack>
        )}
        {open && can('referral', 'create') && <Card withBorder mt="sm" className="no-print"><SendReferralForm c={c} onSaved={reload} /></Card>}
      </section>
      <section aria-labelledby="consent-h">
        <Title order={2} size="h4" id="consent-h" mb="xs">{t('consent.title')}</Title>
        <ConsentSection {...props} />
      </section>
      <section aria-labelledby="team-h">
        <Title order={2} size="h4" id="team-h" mb="xs">{t('team.title')}</Title>
        <TeamSection {...props} />
      </section>
    </Stack>
  );
}
