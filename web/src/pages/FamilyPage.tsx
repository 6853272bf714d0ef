import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { useForm } from '@mantine/form';
import { Button, Card, Group, MultiSelect, Select, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notify } from '../notify';
import { graphql } from '../gql';
import type { FamilyDisplacementStatus, FamilyPageQuery, PersonKind, PersonSex, RelationshipKind } from '../gql/graphql';
import { showServerError } from '../api/forms';
import { usePermissionsIn } from '../session';
import { birthDateWithAge, personName } from '../format';
import { Field } from '../components/common';
import { toDay } from '../components/dates';
import { NodePage } from '../components/NodePage';
import { FormAlert } from '../components/FormAlert';
import { CaseLinks } from '../components/CaseLinks';
import { HistoryPanel } from '../components/HistoryPanel';
import { PersonFields, personNameRules } from '../components/PersonFields';
import { PersonLink } from '../components/PersonLink';
import { FamilyVouchers } from './vouchers/FamilyVouchers';
import { TableHead } from '../components/TableHead';
import { PersonNotes } from '../components/PersonNotes';
import { AddForm } from '../components/AddForm';
import { SaveOrCancel } from '../components/SaveOrCancel';
import { TransferDialog } from '../components/TransferDialog';

const FamilyQuery = graphql(`
  query FamilyPage($id: ID!) {
    node(id: $id) {
      __typename
      id
      ... on Family {
        communityID name address starostaDistrict livingConditions incomeSources displacementStatus notes
        consents { id givenBy givenAt document withdrawnAt }
        members(first: 50, orderBy: { field: BIRTH_DATE, direction: ASC }) {
          edges {
            node {
              id kind lastName firstName patronymic birthDate sex disability parentalCareStatus internallyDisplaced
              relationships { id kind relative { id lastName firstName } }
              cases(first: 10) { edges { node { id status openedAt } } }
            }
          }
        }
        reports(first: 20, orderBy: { field: RECEIVED_AT, direction: DESC }) { edges { node { id receivedAt urgency status summary } } }
      }
    }
  }
`);
const UpdateFamilyMutation = graphql(`
  mutation UpdateFamily($id: ID!, $input: UpdateFamilyInput!) { updateFamily(id: $id, input: $input) { id } }
`);
const AddMemberMutation = graphql(`
  mutation AddFamilyMember($input: CreatePersonInput!) { createPerson(input: $input) { id } }
`);
const RelationshipMutation = graphql(`
  mutation CreateRelationship($input: CreateRelationshipInput!) { createRelationship(input: $input) { id } }
`);

type Family = Extract<NonNullable<FamilyPageQuery['node']>, { __typename?: 'Family' }>;
export const incomeSources = ['SALARY', 'PENSION', 'SOCIAL_ASSISTANCE', 'IDP_ALLOWANCE', 'DISABILITY_BENEFIT', 'CHILD_BENEFIT', 'INFORMAL_WORK', 'NONE', 'OTHER'];
export const relationshipKinds: RelationshipKind[] = ['MOTHER', 'FATHER', 'STEPMOTHER', 'STEPFATHER', 'GUARDIAN', 'CUSTODIAN', 'FOSTER_PARENT', 'ADOPTIVE_PARENT', 'GRANDPARENT', 'SIBLING', 'OTHER_RELATIVE', 'OTHER'];

function EditFamily({ f, onSaved, onCancel }: { f: Family; onSaved: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [{ fetching }, update] = useMutation(UpdateFamilyMutation);
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm({
    initialValues: {
      name: f.name, address: f.address ?? '', starostaDistrict: f.starostaDistrict ?? '', livingConditions: f.livingConditions ?? '',
      incomeSources: f.incomeSources ?? [], displacementStatus: f.displacementStatus as string, notes: f.notes ?? '',
    },
    validate: { name: (v) => (v.trim() ? null : t('form.required')) },
  });
  async function submit(v: typeof form.values) {
    setAlert(null);
    const r = await update({
      id: f.id,
      input: {
        name: v.name.trim(), address: v.address.trim() || null, clearAddress: !v.address.trim(), starostaDistrict: v.starostaDistrict.trim() || null,
        clearStarostaDistrict: !v.starostaDistrict.trim(), livingConditions: v.livingConditions.trim() || null, clearLivingConditions: !v.livingConditions.trim(),
        incomeSources: v.incomeSources, displacementStatus: v.displacementStatus as FamilyDisplacementStatus, notes: v.notes.trim() || null, clearNotes: !v.notes.trim(),
      },
    });
    if (r.error) return setAlert(showServerError(t, form, r.error));
    notify({ color: 'teal', message: t('family.saved') });
    onSaved();
  }
  return (
    <form onSubmit={form.onSubmit(submit)} noValidate aria-label={t('family.edit')}>
      <Stack gap="sm">
        <FormAlert message={alert} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('family.name')} required {...form.getInputProps('name')} />
          <TextInput label={t('family.address')} {...form.getInputProps('address')} />
          <TextInput label={t('family.starostaDistrict')} {...form.getInputProps('starostaDistrict')} />
          <Select label={t('family.displacement')} allowDeselect={false} data={['NOT_DISPLACED', 'INTERNALLY_DISPLACED', 'RETURNED'].map((d) => ({ value: d, label: t(`displacement.${d}`) }))}
            {...form.getInputProps('displacementStatus')} />
        </SimpleGrid>
        <MultiSelect label={t('family.income')} data={incomeSources.map((s) => ({ value: s, label: t(`income.${s}`) }))} {...form.getInputProps('incomeSources')} />
        <Textarea label={t('family.living')} autosize minRows={2} {...form.getInputProps('livingConditions')} />
        <Textarea label={t('family.notes')} autosize minRows={2} {...form.getInputProps('notes')} />
        <SaveOrCancel loading={fetching} onCancel={onCancel} />
      </Stack>
    </form>
  );
}

function AddMember({ f, onSaved }: { f: Family; onSaved: () => void }) {
  const { t } = useTranslation();
  const [{ fetching }, add] = useMutation(AddMemberMutation);
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm({
    initialValues: { kind: 'ADULT' as string, lastName: f.name, firstName: '', patronymic: '', birthDate: null as string | null, sex: null as string | null },
    validate: personNameRules(t),
  });
  async function submit(v: typeof form.values) {
    setAlert(null);
    const r = await add({
      input: {
        communityID: f.communityID, familyID: f.id, kind: v.kind as PersonKind, lastName: v.lastName.trim(), firstName: v.firstName.trim(),
        patronymic: v.patronymic.trim() || null, birthDate: toDay(v.birthDate), sex: (v.sex as PersonSex) || null,
      },
    });
    if (r.error) return setAlert(showServerError(t, form, r.error));
    notify({ color: 'teal', message: t('family.memberAdded') });
    form.reset();
    onSaved();
  }
  return (
    <AddForm id="add-member-h" title={t('family.addMember')} alert={alert} onSubmit={form.onSubmit(submit)}
      submitLabel={t('family.addMemberButton')} loading={fetching}>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Select label={t('person.kind')} allowDeselect={false} data={['ADULT', 'CHILD'].map((k) => ({ value: k, label: t(`personKind.${k}`) }))} {...form.getInputProps('kind')} />
        <PersonFields form={form} />
      </SimpleGrid>
    </AddForm>
  );
}

function AddRelationship({ f, onSaved }: { f: Family; onSaved: () => void }) {
  const { t } = useTranslation();
  const [{ fetching }, add] = useMutation(RelationshipMutation);
  const [alert, setAlert] = useState<string | null>(null);
  const members = (f.members.edges ?? []).map((e) => e!.node!);
  const options = members.map((m) => ({ value: m.id, label: personName(m) }));
  const form = useForm({
    initialValues: { relativeID: '', kind: '', personID: '' },
    validate: {
      relativeID: (v) => (v ? null : t('form.required')), kind: (v) => (v ? null : t('form.required')),
      personID: (v, all) => (!v ? t('form.required') : v === all.relativeID ? t('family.samePerson') : null),
    },
  });
  if (members.length < 2) return null;
  async function submit(v: typeof form.values) {
    setAlert(null);
    const r = await add({ input: { communityID: f.communityID, personID: v.personID, relativeID: v.relativeID, kind: v.kind as RelationshipKind } });
    if (r.error) return setAlert(showServerError(t, form, r.error));
    form.reset();
    onSaved();
  }
  return (
    <AddForm id="rel-h" title={t('family.addRelationship')} alert={alert} onSubmit={form.onSubmit(submit)}
      submitLabel={t('family.addRelationshipButton')} loading={fetching}>
      <Group grow align="flex-start">
        <Select label={t('family.relative')} data={options} {...form.getInputProps('personID')} />
        <Select label={t('family.is')} data={relationshipKinds.map((k) => ({ value: k, label: t(`relationship.${k}`) }))} {...form.getInputProps('kind')} />
        <Select label={t('family.of')} data={options} {...form.getInputProps('relativeID')} />
      </Group>
    </AddForm>
  );
}

function FamilyView({ f, reload }: { f: Family; reload: () => void }) {
  const { t, i18n } = useTranslation();
  const perms = usePermissionsIn(f.communityID);
  const can = (o: string, a: string) => !!perms?.has(`${o}:${a}`);
  const [editing, setEditing] = useState(false);
  const members = (f.members.edges ?? []).map((e) => e!.node!);
  const cases = members.flatMap((m) => (m.cases.edges ?? []).map((e) => e!.node!)).filter((c, i, all) => all.findIndex((x) => x.id === c.id) === i);
  return (
    <Stack gap="lg" maw={1100}>
      <Group justify="space-between">
        <Title order={1} size="h2">{t('case.familyTitle', { name: f.name })}</Title>
        <Group gap="xs">
          <TransferFamily f={f} cases={cases} can={can} reload={reload} />
          {can('family', 'update') && !editing && <Button variant="default" onClick={() => setEditing(true)}>{t('family.edit')}</Button>}
        </Group>
      </Group>
      <Card withBorder>
        {editing ? <EditFamily f={f} onSaved={() => { setEditing(false); reload(); }} onCancel={() => setEditing(false)} /> : (
          <>
            <dl className="fields">
              <Field label={t('family.address')}>{f.address}</Field>
              <Field label={t('family.starostaDistrict')}>{f.starostaDistrict}</Field>
              <Field label={t('family.displacement')}>{t(`displacement.${f.displacementStatus}`)}</Field>
              <Field label={t('family.income')}>{f.incomeSources?.map((s) => t(`income.${s}`, { defaultValue: s })).join(', ') || null}</Field>
              <Field label={t('family.living')}>{f.livingConditions}</Field>
              <Field label={t('consent.title')}>{(f.consents ?? []).some((c) => !c.withdrawnAt) ? t('consent.active') : t('consent.none')}</Field>
            </dl>
            {f.notes && <Text size="sm" mt="sm">{f.notes}</Text>}
          </>
        )}
      </Card>

      <section aria-labelledby="members-h">
        <Title order={2} size="h4" id="members-h" mb="xs">{t('family.members')}</Title>
        <Table.ScrollContainer minWidth={700}>
          <Table striped>
            <TableHead columns={[t('person.name'), t('person.birthDate'), t('family.relations'), t('people.notes')]} />
            <Table.Tbody>
              {members.map((m) => (
                <Table.Tr key={m.id}>
                  <Table.Td><PersonLink p={m} /></Table.Td>
                  <Table.Td>{birthDateWithAge(t, i18n.language, m.birthDate)}</Table.Td>
                  <Table.Td><Text size="sm">{(m.relationships ?? []).map((r) => t('family.relationOf', { kind: t(`relationship.${r.kind}`), name: `${r.relative.firstName} ${r.relative.lastName}` })).join('; ') || '—'}</Text></Table.Td>
                  <Table.Td><PersonNotes kind={m.kind} disability={m.disability} internallyDisplaced={m.internallyDisplaced} /></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {can('relationship', 'create') && <Card withBorder mt="sm"><AddRelationship f={f} onSaved={reload} /></Card>}
        {can('person', 'create') && <Card withBorder mt="sm"><AddMember f={f} onSaved={reload} /></Card>}
      </section>

      {can('voucher', 'read') && <FamilyVouchers familyID={f.id} communityID={f.communityID} can={can} />}

      <CaseLinks headingId="fcases-h" cases={cases} />
      <HistoryPanel record={f.id} />
    </Stack>
  );
}

const RequestFamilyTransferMutation = graphql(`
  mutation RequestFamilyTransfer($input: RequestFamilyTransferInput!) {
    requestFamilyTransfer(input: $input) { id status toCommunity { id name } }
  }
`);

/** A family with no open case moves to another community (with its consent to the transfer). */
function TransferFamily({ f, cases, can, reload }: { f: Family; cases: { status: string }[]; can: (o: string, a: string) => boolean; reload: () => void }) {
  const { t } = useTranslation();
  const [, request] = useMutation(RequestFamilyTransferMutation);
  if (!can('case_transfer', 'create') || cases.some((c) => !['CLOSED', 'REFUSED', 'TRANSFERRED'].includes(c.status))) return null;
  return (
    <TransferDialog title={t('transfer.familyTitle')} hint={t('transfer.familyHint')} fromCommunityID={f.communityID} canOverride={false}
      onSent={reload} send={(v) => request({ input: { familyID: f.id, toCommunityID: v.toCommunityID, reason: v.reason } })} />
  );
}

export default function FamilyPage() {
  return <NodePage query={FamilyQuery} typename="Family">{(f, reload) => <FamilyView f={f} reload={reload} />}</NodePage>;
}
