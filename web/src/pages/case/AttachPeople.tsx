import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient, useMutation, useQuery } from 'urql';
import { useForm } from '@mantine/form';
import { Alert, Button, Card, Group, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notify } from '../../notify';
import { graphql } from '../../gql';
import type { PersonSex } from '../../gql/graphql';
import { showServerError } from '../../api/forms';
import { stepErrorMessage } from '../../api/errors';
import { birthDateWithAge, personName } from '../../format';
import { DateField, toDay } from '../../components/dates';
import { FormAlert } from '../../components/FormAlert';
import type { CaseData } from './caseQuery';

const AttachMutation = graphql(`
  mutation AttachToCase($id: ID!, $input: UpdateCaseInput!) {
    updateCase(id: $id, input: $input) { id family { id name } children { id } }
  }
`);
const FindFamiliesQuery = graphql(`
  query FindFamilies($communityID: ID!, $text: String!) {
    families(first: 10, where: { communityID: $communityID, or: [{ nameContainsFold: $text }, { addressContainsFold: $text }] }, orderBy: { field: NAME, direction: ASC }) {
      edges { node { id name address } }
    }
  }
`);
const NewFamilyMutation = graphql(`
  mutation CreateCaseFamily($input: CreateFamilyInput!) { createFamily(input: $input) { id } }
`);
const ChildDuplicatesQuery = graphql(`
  query ChildDuplicates($input: DuplicateCheckInput!) {
    possibleDuplicates(input: $input) { id lastName firstName patronymic birthDate family { id name address } }
  }
`);
const NewChildMutation = graphql(`
  mutation CreateCaseChild($input: CreatePersonInput!) { createPerson(input: $input) { id } }
`);

/**
 * The family of a case without one: found by name or address among the
 * community's families (the list is the duplicate warning: a new family is
 * offered only under it), or created.
 */
export function AttachFamily({ c, onDone }: { c: CaseData; onDone: () => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [address, setAddress] = useState('');
  const [alert, setAlert] = useState<string | null>(null);
  const query = text.trim();
  const [{ data, fetching: searching }] = useQuery({ query: FindFamiliesQuery, variables: { communityID: c.communityID, text: query }, pause: query.length < 2 });
  const [{ fetching: attaching }, attach] = useMutation(AttachMutation);
  const [{ fetching: creating }, create] = useMutation(NewFamilyMutation);
  const found = query.length < 2 ? [] : (data?.families.edges ?? []).map((e) => e!.node!);

  async function link(familyID: string) {
    const r = await attach({ id: c.id, input: { familyID } });
    if (r.error) return setAlert(stepErrorMessage(t, r.error));
    notify({ color: 'teal', message: t('attach.familyAttached') });
    onDone();
  }
  async function createAndLink() {
    setAlert(null);
    const f = await create({ input: { communityID: c.communityID, name: query, address: address.trim() || null } });
    if (f.error) return setAlert(stepErrorMessage(t, f.error));
    await link(f.data!.createFamily.id);
  }

  return (
    <Card withBorder className="no-print">
      <Stack gap="xs">
        <Text fw={600} id="attach-family-h">{t('attach.familyTitle')}</Text>
        <FormAlert message={alert} />
        <TextInput label={t('attach.findFamily')} description={t('attach.findFamilyHint')} value={text} onChange={(e) => setText(e.currentTarget.value)} />
        {query.length >= 2 && !searching && (
          found.length === 0 ? <Text size="sm" c="dimmed">{t('attach.noFamilyFound')}</Text> : (
            <Alert color="orange" title={t('attach.familiesFound')} role="status">
              <Stack gap={6}>
                {found.map((f) => (
                  <Group key={f.id} justify="space-between" wrap="wrap">
                    <Text size="sm"><strong>{t('case.familyTitle', { name: f.name })}</strong>{f.address && `, ${f.address}`}</Text>
                    <Button size="compact-sm" loading={attaching} onClick={() => link(f.id)}>{t('attach.thisFamily')}</Button>
                  </Group>
                ))}
              </Stack>
            </Alert>
          )
        )}
        {query.length >= 2 && !searching && (
          <Group align="flex-end" wrap="wrap">
            <TextInput label={t('family.address')} value={address} onChange={(e) => setAddress(e.currentTarget.value)} style={{ flex: 1 }} />
            <Button variant="light" loading={creating || attaching} onClick={createAndLink}>{t('attach.createFamily', { name: query })}</Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}

interface ChildValues { lastName: string; firstName: string; patronymic: string; birthDate: string | null; sex: string | null }
type Duplicate = { id: string; lastName: string; firstName: string; patronymic?: string | null; birthDate?: string | null; family?: { id: string; name: string; address?: string | null } | null };

/**
 * A child added to the case: the community's register is searched first
 * (the duplicate warning); the worker attaches the child found or says it
 * is someone else, and the child is registered in the case's family.
 */
export function AttachChild({ c, onDone }: { c: CaseData; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const client = useClient();
  const [dups, setDups] = useState<Duplicate[] | null>(null);
  const [alert, setAlert] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [, attach] = useMutation(AttachMutation);
  const [, create] = useMutation(NewChildMutation);
  const form = useForm<ChildValues>({
    initialValues: { lastName: '', firstName: '', patronymic: '', birthDate: null, sex: null },
    validate: { lastName: (v) => (v.trim() ? null : t('form.required')), firstName: (v) => (v.trim() ? null : t('form.required')) },
  });
  const reset = () => { setDups(null); };

  async function link(d: { id: string; family?: { id: string } | null }) {
    // The child's family becomes the case's when the case has none yet.
    const familyID = !c.family && d.family ? d.family.id : undefined;
    const r = await attach({ id: c.id, input: { addChildIDs: [d.id], ...(familyID ? { familyID } : {}) } });
    if (r.error) return setAlert(showServerError(t, form, r.error));
    notify({ color: 'teal', message: t('attach.childAttached') });
    form.reset();
    setDups(null);
    onDone();
  }

  async function submit(v: ChildValues, confirmedNew: boolean) {
    setAlert(null);
    setBusy(true);
    try {
      if (!confirmedNew) {
        const r = await client.query(ChildDuplicatesQuery, {
          input: { communityID: c.communityID, lastName: v.lastName.trim(), firstName: v.firstName.trim(), patronymic: v.patronymic.trim() || null, birthDate: toDay(v.birthDate) },
        }, { requestPolicy: 'network-only' }).toPromise();
        if (r.error) return setAlert(showServerError(t, form, r.error));
        const known = new Set((c.children ?? []).map((p) => p.id));
        const found = (r.data?.possibleDuplicates ?? []).filter((d) => !known.has(d.id));
        if (found.length > 0) return setDups(found);
      }
      const p = await create({
        input: {
          communityID: c.communityID, familyID: c.family?.id ?? null, kind: 'CHILD', lastName: v.lastName.trim(), firstName: v.firstName.trim(),
          patronymic: v.patronymic.trim() || null, birthDate: toDay(v.birthDate), sex: (v.sex as PersonSex) || null,
        },
      });
      if (p.error) return setAlert(showServerError(t, form, p.error));
      await link({ id: p.data!.createPerson.id });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card withBorder className="no-print">
      <form onSubmit={form.onSubmit((v) => submit(v, false))} noValidate aria-labelledby="attach-child-h">
        <Stack gap="xs">
          <Text fw={600} id="attach-child-h">{t('attach.childTitle')}</Text>
          <Text size="sm" c="dimmed">{c.family ? t('attach.childIntoFamily', { name: c.family.name }) : t('attach.childWithoutFamily')}</Text>
          <FormAlert message={alert} />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput label={t('person.lastName')} required {...form.getInputProps('lastName')} onInput={reset} />
            <TextInput label={t('person.firstName')} required {...form.getInputProps('firstName')} onInput={reset} />
            <TextInput label={t('person.patronymic')} {...form.getInputProps('patronymic')} onInput={reset} />
          </SimpleGrid>
          <Group grow align="flex-start">
            <DateField label={t('person.birthDate')} maxDate={new Date()} {...form.getInputProps('birthDate')}
              onChange={(v) => { form.setFieldValue('birthDate', v); reset(); }} />
            <Select label={t('person.sex')} clearable data={[{ value: 'FEMALE', label: t('sex.FEMALE') }, { value: 'MALE', label: t('sex.MALE') }]} {...form.getInputProps('sex')} />
          </Group>
          {dups && (
            <Alert color="orange" title={t('report.duplicateTitle')} role="alert">
              <Text size="sm" mb="xs">{t('report.duplicateText')}</Text>
              <Stack gap={6}>
                {dups.map((d) => (
                  <Group key={d.id} justify="space-between" wrap="wrap">
                    <Text size="sm">
                      <strong>{personName(d)}</strong>
                      {d.birthDate && `, ${birthDateWithAge(t, i18n.language, d.birthDate)}`}
                      {d.family && ` · ${t('case.familyTitle', { name: d.family.name })}${d.family.address ? `, ${d.family.address}` : ''}`}
                    </Text>
                    <Button size="compact-sm" loading={busy} onClick={() => link(d)}>{t('report.useExisting')}</Button>
                  </Group>
                ))}
              </Stack>
              <Button size="compact-sm" variant="default" mt="sm" loading={busy} onClick={() => submit(form.values, true)}>{t('attach.anotherChild')}</Button>
            </Alert>
          )}
          {!dups && <Button type="submit" loading={busy} w="fit-content" variant="light">{t('attach.addChild')}</Button>}
        </Stack>
      </form>
    </Card>
  );
}
