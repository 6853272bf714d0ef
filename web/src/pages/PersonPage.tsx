import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { Link } from 'react-router';
import { useForm } from '@mantine/form';
import { Anchor, Button, Card, Checkbox, Group, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { notify } from '../notify';
import { graphql } from '../gql';
import type { IdentityDocumentKind, PersonDisability, PersonPageQuery, PersonSex } from '../gql/graphql';
import { showServerError } from '../api/forms';
import { usePermissionsIn } from '../session';
import { birthDateWithAge, formatDate, personName } from '../format';
import { institutional } from './case/PlacementsTab';
import { ParentalCareForm } from './ParentalCarePage';
import { Field } from '../components/common';
import { toDay } from '../components/dates';
import { NodePage } from '../components/NodePage';
import { FormAlert } from '../components/FormAlert';
import { CaseLinks } from '../components/CaseLinks';
import { HistoryPanel } from '../components/HistoryPanel';
import { PersonFields, personNameRules } from '../components/PersonFields';
import { SaveOrCancel } from '../components/SaveOrCancel';

const PersonQuery = graphql(`
  query PersonPage($id: ID!) {
    node(id: $id) {
      __typename
      id
      ... on Person {
        communityID kind lastName firstName patronymic birthDate sex disability parentalCareStatus parentalCareBasis parentalCareSince internallyDisplaced
        placements { id caseID form address startedAt endedAt endReason emergencyReason organization { id name } }
        identityDocuments { kind number issued }
        family { id name address }
        relationships { id kind note relative { id lastName firstName } }
        cases(first: 20) { edges { node { id status openedAt } } }
      }
    }
  }
`);
const UpdatePersonMutation = graphql(`
  mutation UpdatePerson($id: ID!, $input: UpdatePersonInput!) { updatePerson(id: $id, input: $input) { id } }
`);

type Person = Extract<NonNullable<PersonPageQuery['node']>, { __typename?: 'Person' }>;
export const documentKindsOfPerson = ['BIRTH_CERTIFICATE', 'PASSPORT', 'ID_CARD', 'RNOKPP', 'IDP_CERTIFICATE', 'OTHER'];

function EditPerson({ p, onSaved, onCancel }: { p: Person; onSaved: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [{ fetching }, update] = useMutation(UpdatePersonMutation);
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm({
    initialValues: {
      lastName: p.lastName, firstName: p.firstName, patronymic: p.patronymic ?? '', birthDate: p.birthDate?.slice(0, 10) ?? null as string | null,
      sex: (p.sex ?? null) as string | null, disability: p.disability as string,
      internallyDisplaced: p.internallyDisplaced, docKind: '', docNumber: '',
    },
    validate: personNameRules(t),
  });
  async function submit(v: typeof form.values) {
    setAlert(null);
    const r = await update({
      id: p.id,
      input: {
        lastName: v.lastName.trim(), firstName: v.firstName.trim(), patronymic: v.patronymic.trim() || null, clearPatronymic: !v.patronymic.trim(),
        birthDate: toDay(v.birthDate), clearBirthDate: !v.birthDate, sex: (v.sex as PersonSex) || null, clearSex: !v.sex,
        disability: v.disability as PersonDisability, internallyDisplaced: v.internallyDisplaced,
        appendIdentityDocuments: v.docKind && v.docNumber.trim() ? [{ kind: v.docKind as IdentityDocumentKind, number: v.docNumber.trim() }] : null,
      },
    });
    if (r.error) return setAlert(showServerError(t, form, r.error));
    notify({ color: 'teal', message: t('family.saved') });
    onSaved();
  }
  return (
    <form onSubmit={form.onSubmit(submit)} noValidate aria-label={t('person.edit')}>
      <Stack gap="sm">
        <FormAlert message={alert} />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <PersonFields form={form} />
          <Select label={t('person.disability')} allowDeselect={false} data={['NONE', 'CHILD_WITH_DISABILITY', 'GROUP_I', 'GROUP_II', 'GROUP_III'].map((d) => ({ value: d, label: t(`disability.${d}`) }))} {...form.getInputProps('disability')} />
          <Select label={t('person.docKind')} clearable data={documentKindsOfPerson.map((d) => ({ value: d, label: t(`identityDoc.${d}`) }))} {...form.getInputProps('docKind')} />
          <TextInput label={t('person.docNumber')} {...form.getInputProps('docNumber')} />
        </SimpleGrid>
        <Checkbox label={t('person.idpLong')} {...form.getInputProps('internallyDisplaced', { type: 'checkbox' })} />
        <SaveOrCancel loading={fetching} onCancel={onCancel} />
      </Stack>
    </form>
  );
}

function PersonView({ p, reload }: { p: Person; reload: () => void }) {
  const { t, i18n } = useTranslation();
  const perms = usePermissionsIn(p.communityID);
  const [editing, setEditing] = useState(false);
  const cases = (p.cases.edges ?? []).map((e) => e!.node!);
  return (
    <Stack gap="lg" maw={1000}>
      <Group justify="space-between">
        <Title order={1} size="h2">{personName(p)}</Title>
        {perms?.has('person:update') && !editing && <Button variant="default" onClick={() => setEditing(true)}>{t('person.edit')}</Button>}
      </Group>
      <Card withBorder>
        {editing ? <EditPerson p={p} onSaved={() => { setEditing(false); reload(); }} onCancel={() => setEditing(false)} /> : (
          <dl className="fields">
            <Field label={t('person.kind')}>{t(`personKind.${p.kind}`)}</Field>
            <Field label={t('person.birthDate')}>{p.birthDate ? birthDateWithAge(t, i18n.language, p.birthDate) : null}</Field>
            <Field label={t('person.sex')}>{p.sex ? t(`sex.${p.sex}`) : null}</Field>
            <Field label={t('person.disability')}>{t(`disability.${p.disability}`)}</Field>
            <Field label={t('person.parentalCare')}>
              {t(`parentalCare.${p.parentalCareStatus}`)}
              {p.parentalCareBasis && <> — {p.parentalCareBasis}{p.parentalCareSince ? `, ${formatDate(i18n.language, p.parentalCareSince, true)}` : ''}</>}
            </Field>
            <Field label={t('person.idpLong')}>{p.internallyDisplaced ? t('form.yes') : t('form.no')}</Field>
            <Field label={t('case.family')}>{p.family ? <Anchor component={Link} to={`/families/${p.family.id}`}>{p.family.name}</Anchor> : null}</Field>
            <Field label={t('person.documents')}>{(p.identityDocuments ?? []).map((d) => `${t(`identityDoc.${d.kind}`, { defaultValue: d.kind })} ${d.number}`).join('; ') || null}</Field>
          </dl>
        )}
      </Card>
      {p.kind === 'CHILD' && perms?.has('person:update') && (
        <Card withBorder><ParentalCareForm personID={p.id} status={p.parentalCareStatus} onSaved={reload} /></Card>
      )}
      {p.kind === 'CHILD' && (
        <section aria-labelledby="care-h">
          <Title order={2} size="h4" id="care-h" mb="xs">{t('placement.history')}</Title>
          {(p.placements ?? []).length === 0 ? <Text c="dimmed">—</Text> : (
            <Stack gap={4} component="ul" className="plain-list">
              {[...p.placements!].sort((a, b) => a.startedAt.localeCompare(b.startedAt)).map((pl) => (
                <li key={pl.id}>
                  <Text size="sm">
                    <strong>{formatDate(i18n.language, pl.startedAt)} – {pl.endedAt ? formatDate(i18n.language, pl.endedAt) : t('placement.current')}:</strong>{' '}
                    {t(`careForm.${pl.form}`)} ({institutional(pl.form) ? t('placement.institution') : t('placement.familyBased')}), {pl.organization?.name ?? pl.address ?? '—'}
                    {pl.endReason && <> · {t(`careEnd.${pl.endReason}`)}</>}
                    {' '}<Anchor component={Link} to={`/cases/${pl.caseID}/placements`}>{t('caseTab.placements')}</Anchor>
                  </Text>
                </li>
              ))}
            </Stack>
          )}
        </section>
      )}
      <section aria-labelledby="rel-h">
        <Title order={2} size="h4" id="rel-h" mb="xs">{t('family.relations')}</Title>
        {(p.relationships ?? []).length === 0 ? <Text c="dimmed">—</Text> : (
          <Stack gap={4} component="ul" className="plain-list">
            {p.relationships!.map((r) => (
              <li key={r.id}><Text size="sm">{t('family.relationOf', { kind: t(`relationship.${r.kind}`), name: '' })}
                <Anchor component={Link} to={`/persons/${r.relative.id}`}>{r.relative.lastName} {r.relative.firstName}</Anchor></Text></li>
            ))}
          </Stack>
        )}
      </section>
      <CaseLinks headingId="pcases-h" cases={cases} />
      <HistoryPanel record={p.id} />
    </Stack>
  );
}

export default function PersonPage() {
  return <NodePage query={PersonQuery} typename="Person">{(p, reload) => <PersonView p={p} reload={reload} />}</NodePage>;
}
