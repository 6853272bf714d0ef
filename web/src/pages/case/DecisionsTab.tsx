import { useState } from 'react';
import { PdfLink } from './print';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { useForm } from '@mantine/form';
import { Badge, Button, Card, Checkbox, Group, MultiSelect, Select, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notify } from '../../notify';
import { graphql } from '../../gql';
import type { CareForm, DecisionBody, DecisionKind } from '../../gql/graphql';
import { showServerError } from '../../api/forms';
import { providerKinds, useOrganizations } from '../../api/hooks';
import { useSession } from '../../session';
import { formatDate, personName } from '../../format';
import { careForms, institutional } from './PlacementsTab';
import { DateTimeField, nowLocal, toInstant } from '../../components/dates';
import { FormAlert } from '../../components/FormAlert';
import type { CaseData } from './caseQuery';
import type { TabProps } from './CasePage';
import { TableHead } from '../../components/TableHead';

const RecordDecisionMutation = graphql(`
  mutation RecordDecision($input: RecordDecisionInput!) {
    recordDecision(input: $input) { id }
  }
`);

const SessionsQuery = graphql(`
  query CommissionSessionsForDecision($communityID: ID!) {
    commissionSessions(first: 30, where: { communityID: $communityID }, orderBy: { field: HELD_AT, direction: DESC }) {
      edges { node { id heldAt protocolNumber } }
    }
  }
`);

export const kindsOf: Record<DecisionBody, DecisionKind[]> = {
  SOCIAL_PROTECTION: ['PROVIDE_SERVICES', 'REFUSE_SERVICES'],
  GUARDIANSHIP_BODY: ['REGISTER_IN_DIFFICULT_CIRCUMSTANCES', 'PLACEMENT', 'REMOVAL', 'APPROVE_PLAN', 'EXTEND_ACCOMPANIMENT', 'OTHER'],
};

interface Values {
  body: DecisionBody;
  kind: string;
  number: string;
  decidedAt: string | null;
  legalBasis: string;
  reason: string;
  providerID: string | null;
  crisis: boolean;
  sessionID: string | null;
  children: string[];
  careForm: string | null;
  address: string;
  emergencyReason: string;
}

/** The bodies the viewer decides for, by the organisations they work in. */
export function useBodies(): DecisionBody[] {
  const { organizations } = useSession();
  const kinds = new Set(organizations.map((o) => o.kind));
  const out: DecisionBody[] = [];
  if (kinds.has('SOCIAL_PROTECTION')) out.push('SOCIAL_PROTECTION');
  if (kinds.has('GUARDIANSHIP_BODY')) out.push('GUARDIANSHIP_BODY');
  return out;
}

export function DecisionForm({ c, bodies, onSaved }: { c: CaseData; bodies: DecisionBody[]; onSaved: () => void }) {
  const { t } = useTranslation();
  const orgs = useOrganizations(c.communityID);
  const [{ data: sessions }] = useQuery({ query: SessionsQuery, variables: { communityID: c.communityID }, pause: !bodies.includes('GUARDIANSHIP_BODY') });
  const [{ fetching }, record] = useMutation(RecordDecisionMutation);
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: {
      body: bodies[0], kind: kindsOf[bodies[0]][0], number: '', decidedAt: nowLocal(), legalBasis: '', reason: '',
      providerID: null, crisis: false, sessionID: null, children: [], careForm: null, address: '', emergencyReason: '',
    },
    validate: {
      kind: (v) => (v ? null : t('form.required')),
      number: (v) => (v.trim() ? null : t('form.required')),
      decidedAt: (v) => (v ? null : t('form.required')),
      legalBasis: (v) => (v.trim() ? null : t('form.required')),
      reason: (v, all) => (all.kind === 'REFUSE_SERVICES' && !v.trim() ? t('decision.reasonRequired') : null),
      providerID: (v, all) => (all.kind === 'PROVIDE_SERVICES' && !v ? t('decision.providerRequired') : null),
      children: (v, all) => ((all.kind === 'REMOVAL' || all.kind === 'PLACEMENT') && v.length === 0 ? t('form.required') : null),
      careForm: (v, all) => (all.kind === 'PLACEMENT' && !v ? t('form.required') : null),
      address: (v, all) => (all.kind === 'PLACEMENT' && !v.trim() ? t('placement.whereRequired') : null),
    },
  });
  const v = form.values;
  const providers = orgs.list.filter((o) => providerKinds.includes(o.kind));

  async function submit(values: Values) {
    setAlert(null);
    const r = await record({
      input: {
        caseID: c.id, body: values.body, kind: values.kind as DecisionKind, number: values.number.trim(), decidedAt: toInstant(values.decidedAt)!,
        legalBasis: values.legalBasis.trim(), reason: values.reason.trim() || null, providerID: values.providerID || null,
        crisis: values.crisis, sessionID: values.sessionID || null,
        children: values.kind === 'REMOVAL' ? values.children : null,
        placements: values.kind === 'PLACEMENT' ? values.children.map((childID) => ({
          childID, form: values.careForm as CareForm, address: values.address.trim(),
          emergencyReason: values.careForm && institutional(values.careForm) ? values.emergencyReason.trim() || null : null,
        })) : null,
      },
    });
    if (r.error) return setAlert(showServerError(t, form, r.error));
    notify({ color: 'teal', message: t('decision.saved') });
    form.reset();
    onSaved();
  }

  return (
    <form onSubmit={form.onSubmit(submit)} noValidate aria-labelledby="decision-form-h">
      <Stack>
        <Title order={2} size="h4" id="decision-form-h">{t('decision.new')}</Title>
        <FormAlert message={alert} />
        <Group grow align="flex-start">
          {bodies.length > 1 && (
            <Select label={t('decision.body')} data={bodies.map((b) => ({ value: b, label: t(`decisionBody.${b}`) }))}
              {...form.getInputProps('body')} onChange={(b) => { form.setFieldValue('body', b as DecisionBody); form.setFieldValue('kind', kindsOf[b as DecisionBody][0]); }} allowDeselect={false} />
          )}
          <Select label={t('decision.kind')} required data={kindsOf[v.body].map((k) => ({ value: k, label: t(`decisionKind.${k}`) }))} allowDeselect={false}
            {...form.getInputProps('kind')} />
        </Group>
        <Group grow align="flex-start">
          <TextInput label={t('decision.number')} required {...form.getInputProps('number')} />
          <DateTimeField label={t('decision.decidedAt')} required maxDate={new Date()} {...form.getInputProps('decidedAt')} />
        </Group>
        <TextInput label={t('decision.legalBasis')} required description={t('decision.legalBasisHint')} {...form.getInputProps('legalBasis')} />
        {(v.kind === 'REMOVAL' || v.kind === 'PLACEMENT') && (
          <MultiSelect label={t('placement.children')} required data={(c.children ?? []).map((p) => ({ value: p.id, label: personName(p) }))}
            {...form.getInputProps('children')} />
        )}
        {v.kind === 'PLACEMENT' && (
          <Group grow align="flex-start">
            <Select label={t('placement.form')} required data={careForms.map((f) => ({ value: f, label: t(`careForm.${f}`) }))} {...form.getInputProps('careForm')} />
            <TextInput label={t('placement.address')} required {...form.getInputProps('address')} />
          </Group>
        )}
        {v.kind === 'PLACEMENT' && v.careForm && institutional(v.careForm) && (
          <Textarea label={t('placement.emergencyReason')} description={t('placement.emergencyHint')} autosize minRows={2} {...form.getInputProps('emergencyReason')} />
        )}
        {v.kind === 'REFUSE_SERVICES' && <Textarea label={t('decision.reason')} required autosize minRows={2} {...form.getInputProps('reason')} />}
        {v.body === 'SOCIAL_PROTECTION' && (
          <Group grow align="flex-end">
            <Select label={t('decision.provider')} required={v.kind === 'PROVIDE_SERVICES'} clearable data={providers.map((o) => ({ value: o.id, label: o.name }))}
              {...form.getInputProps('providerID')} />
            <Checkbox label={t('decision.crisis')} {...form.getInputProps('crisis', { type: 'checkbox' })} mb={8} />
          </Group>
        )}
        {v.body === 'GUARDIANSHIP_BODY' && (
          <Select label={t('decision.session')} clearable
            data={(sessions?.commissionSessions.edges ?? []).map((e) => e!.node!).map((s) => ({ value: s.id, label: `${formatDate('uk', s.heldAt)}${s.protocolNumber ? ` · № ${s.protocolNumber}` : ''}` }))}
            {...form.getInputProps('sessionID')} />
        )}
        <Button type="submit" loading={fetching} w="fit-content">{t('decision.save')}</Button>
      </Stack>
    </form>
  );
}

export function DecisionsTab({ c, can, reload }: TabProps) {
  const { t, i18n } = useTranslation();
  const bodies = useBodies();
  const list = [...(c.decisions ?? [])].sort((a, b) => b.decidedAt.localeCompare(a.decidedAt));
  return (
    <Stack gap="lg">
      {list.length === 0 ? <Text c="dimmed">{t('decision.none')}</Text> : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped className="print-section">
            <TableHead columns={[t('decision.number'), t('decision.kind'), t('decision.body'), t('decision.decidedAt'), t('decision.legalBasis'), t('decision.details')]} />
            <Table.Tbody>
              {list.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td>№ {d.number}<br /><PdfLink kind="decision" id={d.id} /></Table.Td>
                  <Table.Td>{t(`decisionKind.${d.kind}`)}{d.crisis && <Badge ml={4} color="red" size="xs" className="screen-badge">{t('decision.crisisShort')}</Badge>}</Table.Td>
                  <Table.Td>{t(`decisionBody.${d.body}`)}</Table.Td>
                  <Table.Td>
                    {formatDate(i18n.language, d.decidedAt)}
                    {d.onTime === false && <Text size="xs" c="red">{t('safety.late')}</Text>}
                  </Table.Td>
                  <Table.Td><Text size="sm">{d.legalBasis}</Text></Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {d.provider && <>{t('decision.provider')}: {d.provider.name}<br /></>}
                      {d.reason && <>{t('decision.reason')}: {d.reason}<br /></>}
                      {d.session && <>{t('decision.session')}: {formatDate(i18n.language, d.session.heldAt)}{d.session.protocolNumber ? `, № ${d.session.protocolNumber}` : ''}</>}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {can('decision', 'create') && bodies.length > 0 && !['CLOSED', 'TRANSFERRED'].includes(c.status) && (
        <Card withBorder className="no-print"><DecisionForm c={c} bodies={bodies} onSaved={reload} /></Card>
      )}
    </Stack>
  );
}
