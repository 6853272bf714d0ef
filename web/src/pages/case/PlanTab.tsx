import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { useForm } from '@mantine/form';
import { ActionIcon, Button, Card, Divider, Group, Select, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notify } from '../../notify';
import { graphql } from '../../gql';
import { showServerError } from '../../api/forms';
import { useOrganizations } from '../../api/hooks';
import { formatDate } from '../../format';
import { DateField, DateTimeField, dayToInstant, inDays, nowLocal, toInstant } from '../../components/dates';
import { FormAlert } from '../../components/FormAlert';
import type { GoalAchievement } from '../../gql/graphql';
import type { CaseData } from './caseQuery';
import type { TabProps } from './CasePage';
import { ApprovalBadge } from './ApprovalBadge';
import { TableHead } from '../../components/TableHead';
import { LightBadge } from '../../components/LightBadge';
import { SaveOrCancel } from '../../components/SaveOrCancel';
import { NotRecorded, OfficialPrint, PdfLink } from './print';
import { useFieldDraft } from '../../drafts/useFieldDraft';
import { drafts } from '../../drafts';
import { useSession } from '../../session';

const SavePlanMutation = graphql(`
  mutation SavePlan($input: SavePlanInput!) { savePlan(input: $input) { id version } }
`);
const AgreePlanMutation = graphql(`
  mutation AgreePlan($id: ID!, $agreedAt: Time!, $document: String!) { agreePlan(id: $id, agreedAt: $agreedAt, document: $document) { id agreedAt } }
`);
const ReviewPlanMutation = graphql(`
  mutation ReviewPlan($input: ReviewPlanInput!) { reviewPlan(input: $input) { id } }
`);

type Plan = NonNullable<CaseData['plans']>[number];
export const outcomes = ['ACHIEVED', 'PARTLY_ACHIEVED', 'NOT_ACHIEVED', 'NO_LONGER_RELEVANT'];

interface ActionValues { text: string; responsibleOrganizationID: string; responsiblePerson: string; due: string | null }
interface GoalValues { key: string; text: string; actions: ActionValues[] }
interface PlanValues { goals: GoalValues[]; nextReviewAt: string | null }

const emptyAction = (): ActionValues => ({ text: '', responsibleOrganizationID: '', responsiblePerson: '', due: null });
const emptyGoal = (): GoalValues => ({ key: '', text: '', actions: [emptyAction()] });

/** The draft and the version saved meanwhile, side by side: the worker keeps one. */
function PlanConflict({ mine, theirs, onKeepMine, onTakeTheirs }: { mine: GoalValues[]; theirs: Plan | null; onKeepMine: () => void; onTakeTheirs: () => void }) {
  const { t } = useTranslation();
  const goals = (list: { text: string; actions: { text: string }[] }[]) => (
    <ol>{list.map((g, i) => <li key={i}><Text size="sm" fw={600}>{g.text}</Text>{g.actions.map((a, j) => <Text key={j} size="sm">— {a.text}</Text>)}</li>)}</ol>
  );
  return (
    <Card withBorder bg="red.0" role="region" aria-label={t('drafts.conflict')}>
      <Stack gap="sm">
        <Text fw={600}>{t('drafts.conflictHint')}</Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <div data-conflict="mine"><Text fw={600}>{t('drafts.mine')}</Text>{goals(mine)}</div>
          <div data-conflict="theirs"><Text fw={600}>{t('drafts.theirs', { version: theirs?.version ?? 0 })}</Text>{goals(theirs?.goals ?? [])}</div>
        </SimpleGrid>
        <Group>
          <Button onClick={onKeepMine}>{t('drafts.keepMine')}</Button>
          <Button variant="default" onClick={onTakeTheirs}>{t('drafts.takeTheirs')}</Button>
        </Group>
      </Stack>
    </Card>
  );
}

export function PlanEditor({ c, base, reload, onSaved, onCancel }: { c: CaseData; base: Plan | null; reload: () => void; onSaved: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const orgs = useOrganizations(c.communityID);
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm<PlanValues>({
    initialValues: {
      goals: base ? base.goals.map((g) => ({
        key: g.key, text: g.text,
        actions: g.actions.map((a) => ({ text: a.text, responsibleOrganizationID: a.responsibleOrganizationID, responsiblePerson: a.responsiblePerson ?? '', due: a.due })),
      })) : [emptyGoal()],
      nextReviewAt: base ? base.nextReviewAt.slice(0, 10) : inDays(90),
    },
    validate: {
      goals: {
        text: (v) => (v.trim() ? null : t('form.required')),
        actions: {
          text: (v) => (v.trim() ? null : t('form.required')),
          responsibleOrganizationID: (v) => (v ? null : t('form.required')),
          due: (v) => (v ? null : t('form.required')),
        },
      },
      nextReviewAt: (v) => (v ? null : t('form.required')),
    },
  });

  // A plan drafted with the family is kept on the device; the server refuses
  // it (RECORD_CHANGED) when someone saved a version since it was started.
  const draft = useFieldDraft(form, {
    caseID: c.id, name: 'plan', document: SavePlanMutation, base: base?.version ?? 0,
    onSent: () => { notify({ color: 'teal', message: t('plan.saved', { version: (draft.base ?? 0) + 1 }) }); onSaved(); },
    onRefused: (error) => setAlert(showServerError(t, form, error)),
  });

  function submit(v: PlanValues) {
    setAlert(null);
    if (v.goals.length === 0) return setAlert(t('plan.needGoal'));
    if (v.goals.some((g) => g.actions.length === 0)) return setAlert(t('plan.needAction'));
    void draft.send(v, {
      input: {
        caseID: c.id, nextReviewAt: dayToInstant(v.nextReviewAt)!, basedOnVersion: draft.base ?? 0,
        goals: v.goals.map((g) => ({
          key: g.key || null, text: g.text.trim(),
          actions: g.actions.map((a) => ({ text: a.text.trim(), responsibleOrganizationID: a.responsibleOrganizationID, responsiblePerson: a.responsiblePerson.trim() || null, due: a.due!.slice(0, 10) })),
        })),
      },
    });
  }

  // A conflict: the newest version comes from the server, to be compared with the draft.
  const conflict = draft.state === 'conflict';
  const reloadOnce = useRef(reload);
  reloadOnce.current = reload;
  useEffect(() => {
    if (conflict) reloadOnce.current();
  }, [conflict]);

  const orgOptions = orgs.list.map((o) => ({ value: o.id, label: o.name }));
  return (
    <form onSubmit={form.onSubmit(submit)} noValidate aria-labelledby="plan-form-h">
      <Stack>
        <Group justify="space-between">
          <Title order={2} size="h4" id="plan-form-h">{base ? t('plan.newVersion', { version: base.version + 1 }) : t('plan.first')}</Title>
          {draft.status}
        </Group>
        <FormAlert message={alert ?? (draft.refusedBefore ? t('drafts.failed') : null)} />
        {draft.state === 'conflict' && (
          <PlanConflict mine={form.values.goals} theirs={base}
            onKeepMine={() => void draft.keepMine(base?.version ?? 0)} onTakeTheirs={() => { void draft.discard(); onCancel(); }} />
        )}
        {form.values.goals.map((g, gi) => (
          <Card key={gi} withBorder>
            <Stack gap="sm">
              <Group align="flex-end">
                <Textarea label={t('plan.goal', { n: gi + 1 })} required autosize minRows={1} style={{ flex: 1 }} {...form.getInputProps(`goals.${gi}.text`)} />
                <Button variant="subtle" color="red" onClick={() => form.removeListItem('goals', gi)}>{t('plan.removeGoal')}</Button>
              </Group>
              {g.actions.map((_, ai) => (
                <Group key={ai} align="flex-end" wrap="wrap" gap="xs" pl="md">
                  <TextInput label={t('plan.action')} required style={{ flex: 2, minWidth: 200 }} {...form.getInputProps(`goals.${gi}.actions.${ai}.text`)} />
                  <Select label={t('plan.responsibleOrg')} required data={orgOptions} searchable style={{ flex: 2, minWidth: 200 }}
                    {...form.getInputProps(`goals.${gi}.actions.${ai}.responsibleOrganizationID`)} />
                  <TextInput label={t('plan.responsiblePerson')} style={{ flex: 1, minWidth: 150 }} {...form.getInputProps(`goals.${gi}.actions.${ai}.responsiblePerson`)} />
                  <DateField label={t('plan.due')} required w={150} {...form.getInputProps(`goals.${gi}.actions.${ai}.due`)} />
                  <ActionIcon variant="subtle" color="red" size="lg" aria-label={t('plan.removeAction')} onClick={() => form.removeListItem(`goals.${gi}.actions`, ai)}>×</ActionIcon>
                </Group>
              ))}
              <Button variant="light" size="xs" w="fit-content" ml="md" onClick={() => form.insertListItem(`goals.${gi}.actions`, emptyAction())}>{t('plan.addAction')}</Button>
            </Stack>
          </Card>
        ))}
        <Button variant="light" w="fit-content" onClick={() => form.insertListItem('goals', emptyGoal())}>{t('plan.addGoal')}</Button>
        <DateField label={t('plan.nextReview')} required w={200} {...form.getInputProps('nextReviewAt')} />
        <SaveOrCancel loading={draft.state === 'sending'} onCancel={() => { void draft.discard(); onCancel(); }} saveLabel={t('plan.save')} />
      </Stack>
    </form>
  );
}

function AgreeForm({ plan, onSaved }: { plan: Plan; onSaved: () => void }) {
  const { t } = useTranslation();
  const [{ fetching }, agree] = useMutation(AgreePlanMutation);
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm({
    initialValues: { agreedAt: nowLocal() as string | null, document: '' },
    validate: { agreedAt: (v) => (v ? null : t('form.required')), document: (v) => (v.trim() ? null : t('form.required')) },
  });
  async function submit(v: { agreedAt: string | null; document: string }) {
    setAlert(null);
    const r = await agree({ id: plan.id, agreedAt: toInstant(v.agreedAt)!, document: v.document.trim() });
    if (r.error) return setAlert(showServerError(t, form, r.error));
    notify({ color: 'teal', message: t('plan.agreed') });
    onSaved();
  }
  return (
    <form onSubmit={form.onSubmit(submit)} noValidate aria-label={t('plan.agreeTitle')}>
      <Stack gap="xs">
        <Text fw={600}>{t('plan.agreeTitle')}</Text>
        <FormAlert message={alert} />
        <Group align="flex-start" grow>
          <DateTimeField label={t('plan.agreedAt')} required maxDate={new Date()} {...form.getInputProps('agreedAt')} />
          <TextInput label={t('plan.agreementDocument')} description={t('plan.agreementHint')} required {...form.getInputProps('document')} />
        </Group>
        <Button type="submit" loading={fetching} w="fit-content">{t('plan.agree')}</Button>
      </Stack>
    </form>
  );
}

interface ReviewValues { reviewedAt: string | null; outcomes: { key: string; outcome: string; note: string }[]; summary: string }

function ReviewForm({ plan, onSaved }: { plan: Plan; onSaved: () => void }) {
  const { t } = useTranslation();
  const [{ fetching }, review] = useMutation(ReviewPlanMutation);
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm<ReviewValues>({
    initialValues: { reviewedAt: nowLocal(), outcomes: plan.goals.map((g) => ({ key: g.key, outcome: '', note: '' })), summary: '' },
    validate: { reviewedAt: (v) => (v ? null : t('form.required')), outcomes: { outcome: (v) => (v ? null : t('rules.OUTCOME_REQUIRED')) } },
  });
  async function submit(v: ReviewValues) {
    setAlert(null);
    const r = await review({
      input: {
        planID: plan.id, reviewedAt: toInstant(v.reviewedAt)!, summary: v.summary.trim() || null,
        outcomes: v.outcomes.map((o) => ({ key: o.key, outcome: o.outcome as GoalAchievement, note: o.note.trim() || null })),
      },
    });
    if (r.error) return setAlert(showServerError(t, form, r.error));
    notify({ color: 'teal', message: t('plan.reviewed') });
    onSaved();
  }
  return (
    <form onSubmit={form.onSubmit(submit)} noValidate aria-labelledby="review-h">
      <Stack gap="xs">
        <Title order={3} size="h5" id="review-h">{t('plan.reviewTitle')}</Title>
        <FormAlert message={alert} />
        <DateTimeField label={t('plan.reviewedAt')} required maxDate={new Date()} w={240} {...form.getInputProps('reviewedAt')} />
        {plan.goals.map((g, i) => (
          <Group key={g.key} align="flex-end" wrap="wrap">
            <Select label={t('plan.outcomeFor', { goal: g.text })} required data={outcomes.map((o) => ({ value: o, label: t(`outcome.${o}`) }))}
              {...form.getInputProps(`outcomes.${i}.outcome`)} style={{ flex: 1, minWidth: 260 }} />
            <TextInput label={t('plan.outcomeNote')} {...form.getInputProps(`outcomes.${i}.note`)} style={{ flex: 1, minWidth: 200 }} />
          </Group>
        ))}
        <Textarea label={t('plan.summary')} autosize minRows={2} {...form.getInputProps('summary')} />
        <Button type="submit" loading={fetching} w="fit-content">{t('plan.review')}</Button>
      </Stack>
    </form>
  );
}

export function PlanView({ plan, orgName }: { plan: Plan; orgName: (id: string) => string }) {
  const { t, i18n } = useTranslation();
  return (
    <Stack gap="sm">
      {plan.goals.map((g, gi) => (
        <div key={g.key} className="print-section">
          <Text fw={600}>{t('plan.goal', { n: gi + 1 })}: {g.text}</Text>
          <Table.ScrollContainer minWidth={600}>
            <Table withTableBorder>
              <TableHead columns={[t('plan.action'), t('plan.responsibleOrg'), t('plan.responsiblePerson'), t('plan.due')]} />
              <Table.Tbody>
                {g.actions.map((a, ai) => (
                  <Table.Tr key={ai}>
                    <Table.Td>{a.text}</Table.Td>
                    <Table.Td>{orgName(a.responsibleOrganizationID)}</Table.Td>
                    <Table.Td>{a.responsiblePerson || '—'}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(i18n.language, a.due, true)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </div>
      ))}
    </Stack>
  );
}

export function PlanTab({ c, can, reload }: TabProps) {
  const { t, i18n } = useTranslation();
  const orgs = useOrganizations(c.communityID);
  const [editing, setEditing] = useState(false);
  const plans = [...(c.plans ?? [])].sort((a, b) => b.version - a.version);
  const plan = plans[0] ?? null;
  const orgName = (id: string) => orgs.list.find((o) => o.id === id)?.name ?? '—';
  const pending = plan && (c.approvals ?? []).some((a) => a.subjectID === plan.id && a.status === 'PENDING');
  const closed = ['CLOSED', 'REFUSED', 'TRANSFERRED'].includes(c.status);
  const done = () => { setEditing(false); reload(); };
  // A plan draft left on the device (a reload, a lost connection) opens the editor again.
  const { viewer } = useSession();
  useEffect(() => {
    let live = true;
    void drafts.load({ userID: viewer.user?.id ?? '', caseID: c.id, form: 'plan' }).then((d) => { if (live && d) setEditing(true); });
    return () => { live = false; };
  }, [viewer.user?.id, c.id]);

  if (editing) return <Card withBorder><PlanEditor c={c} base={plan} reload={reload} onSaved={done} onCancel={() => setEditing(false)} /></Card>;

  return (
    <Stack gap="lg">
      {!plan ? <><Text c="dimmed" className="no-print">{t('plan.none')}</Text><NotRecorded what={t('print.plan')} /></> : (
        <Card withBorder>
          <OfficialPrint kind="plan" id={plan.id} />
          <Stack gap="sm" className="no-print">
            <Group justify="space-between">
              <Title order={2} size="h4">{t('plan.title', { version: plan.version })}</Title>
              <Group gap="xs">
                <ApprovalBadge c={c} subjectID={plan.id} />
                {plan.agreedAt
                  ? <LightBadge color="teal">{t('plan.agreedOn', { date: formatDate(i18n.language, plan.agreedAt) })}</LightBadge>
                  : <LightBadge color="orange">{t('plan.notAgreed')}</LightBadge>}
              </Group>
            </Group>
            <Text size="sm">{t('plan.nextReview')}: {formatDate(i18n.language, plan.nextReviewAt, true)}
              {plan.agreementDocument && <> · {t('plan.agreementDocument')}: {plan.agreementDocument}</>}</Text>
            <PlanView plan={plan} orgName={orgName} />
            {(plan.reviews ?? []).length > 0 && (
              <>
                <Divider />
                <Title order={3} size="h5">{t('plan.reviews')}</Title>
                {plan.reviews!.map((r) => (
                  <div key={r.id} className="print-section">
                    <Text size="sm" fw={600}>{formatDate(i18n.language, r.reviewedAt)}{r.summary ? ` — ${r.summary}` : ''}</Text>
                    <ul>
                      {r.outcomes.map((o) => (
                        <li key={o.key}><Text size="sm">{plan.goals.find((g) => g.key === o.key)?.text ?? o.key}: <strong>{t(`outcome.${o.outcome}`, { defaultValue: o.outcome })}</strong>{o.note ? ` (${o.note})` : ''}</Text></li>
                      ))}
                    </ul>
                  </div>
                ))}
              </>
            )}
            <PdfLink kind="plan" id={plan.id} />
            {!closed && !pending && !plan.agreedAt && can('plan', 'update') && <><Divider className="no-print" /><div className="no-print"><AgreeForm plan={plan} onSaved={reload} /></div></>}
            {!closed && plan.agreedAt && can('plan_review', 'create') && <><Divider className="no-print" /><div className="no-print"><ReviewForm plan={plan} onSaved={reload} /></div></>}
          </Stack>
        </Card>
      )}
      {!closed && can('plan', 'create') && (
        <Button className="no-print" w="fit-content" onClick={() => setEditing(true)}>{plan ? t('plan.edit') : t('plan.create')}</Button>
      )}
      {plans.length > 1 && (
        <Text size="sm" c="dimmed" className="no-print">{t('plan.earlier', { versions: plans.slice(1).map((p) => p.version).join(', ') })}</Text>
      )}
    </Stack>
  );
}
