import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient, useMutation } from 'urql';
import { Link, useNavigate } from 'react-router';
import { useForm } from '@mantine/form';
import { Alert, Anchor, Button, Card, Checkbox, Group, Radio, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { graphql } from '../gql';
import type { PersonSex, ReportCategory, ReportSource, ReportUrgency } from '../gql/graphql';
import { showServerError } from '../api/forms';
import { useSession } from '../session';
import { birthDateWithAge, formatDate, formatDateTime, personName } from '../format';
import { DateField, DateTimeField, Dates, nowLocal, toDay, toInstant } from '../components/dates';
import { FormAlert } from '../components/FormAlert';

const DuplicatesQuery = graphql(`
  query PossibleDuplicates($input: DuplicateCheckInput!) {
    possibleDuplicates(input: $input) { id lastName firstName patronymic birthDate family { id name address } }
  }
`);
const CreateFamilyMutation = graphql(`
  mutation CreateFamily($input: CreateFamilyInput!) { createFamily(input: $input) { id } }
`);
const CreatePersonMutation = graphql(`
  mutation CreatePerson($input: CreatePersonInput!) { createPerson(input: $input) { id } }
`);
const SubmitReportMutation = graphql(`
  mutation SubmitReport($input: CreateReportInput!) {
    submitReport(input: $input) { id receivedAt case { id } }
  }
`);

export const categories: ReportCategory[] = ['NEGLECT', 'PHYSICAL_VIOLENCE', 'PSYCHOLOGICAL_VIOLENCE', 'SEXUAL_VIOLENCE', 'DOMESTIC_VIOLENCE',
  'PARENTS_EVADING_DUTIES', 'ADDICTION', 'DISABILITY_WITHOUT_SUPPORT', 'POVERTY', 'DISPLACEMENT', 'OTHER'];
export const sources: ReportSource[] = ['SCHOOL', 'HEALTH_FACILITY', 'POLICE', 'NEIGHBOUR', 'HOTLINE', 'FAMILY', 'OTHER'];
export const urgencies: ReportUrgency[] = ['ROUTINE', 'URGENT', 'IMMEDIATE'];

type Duplicate = { id: string; lastName: string; firstName: string; patronymic?: string | null; birthDate?: string | null; family?: { id: string; name: string; address?: string | null } | null };

interface ChildValues {
  lastName: string; firstName: string; patronymic: string; birthDate: string | null; sex: string | null;
  /** An existing person chosen after the duplicate warning. */
  existingID: string | null;
  existingFamilyID: string | null;
  existingLabel: string;
  /** The duplicate check ran for these names and the worker said it is someone else. */
  confirmedNew: boolean;
}

interface Values {
  receivedAt: string | null;
  source: string;
  urgency: ReportUrgency;
  categories: string[];
  summary: string;
  reporterContact: string;
  children: ChildValues[];
  familyName: string;
  address: string;
}

const emptyChild = (): ChildValues => ({
  lastName: '', firstName: '', patronymic: '', birthDate: null, sex: null, existingID: null, existingFamilyID: null, existingLabel: '', confirmedNew: false,
});

/** The shared part of both forms: what happened, how urgent, who tells. */
function AboutReport({ form, full }: { form: ReturnType<typeof useForm<Values>>; full: boolean }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      <Group grow align="flex-start">
        {full && <DateTimeField label={t('report.receivedAt')} required maxDate={new Date()} {...form.getInputProps('receivedAt')} />}
        <Select label={t('report.source')} required allowDeselect={false} data={sources.map((s) => ({ value: s, label: t(`source.${s}`) }))} {...form.getInputProps('source')} />
      </Group>
      <Radio.Group label={t('report.urgency')} required {...form.getInputProps('urgency')}>
        <Group mt={4}>{urgencies.map((u) => <Radio key={u} value={u} label={t(`urgency.${u}`)} />)}</Group>
      </Radio.Group>
      <Checkbox.Group label={t('report.categories')} description={t('report.categoriesHint')} {...form.getInputProps('categories')}>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} mt={4} spacing={6}>
          {categories.map((c) => <Checkbox key={c} value={c} label={t(`category.${c}`)} />)}
        </SimpleGrid>
      </Checkbox.Group>
      <Textarea label={t('report.summary')} description={full ? t('report.summaryHint') : t('report.summaryHintShort')} required autosize minRows={4} {...form.getInputProps('summary')} />
      <TextInput label={t('report.contact')} description={t('report.contactHint')} {...form.getInputProps('reporterContact')} />
    </Stack>
  );
}

function ChildEntry({ form, i, communityID }: { form: ReturnType<typeof useForm<Values>>; i: number; communityID: string }) {
  const { t, i18n } = useTranslation();
  const client = useClient();
  const child = form.values.children[i];
  const [dups, setDups] = useState<Duplicate[] | null>(null);
  const path = `children.${i}`;

  async function check() {
    const c = form.values.children[i];
    if (c.existingID || !c.lastName.trim() || !c.firstName.trim()) return;
    const r = await client.query(DuplicatesQuery, {
      input: { communityID, lastName: c.lastName.trim(), firstName: c.firstName.trim(), patronymic: c.patronymic.trim() || null, birthDate: toDay(c.birthDate) },
    }, { requestPolicy: 'network-only' }).toPromise();
    const found = r.data?.possibleDuplicates ?? [];
    setDups(found);
    form.setFieldValue(`${path}.confirmedNew`, found.length === 0);
  }

  function pickExisting(d: Duplicate) {
    form.setFieldValue(`${path}.existingID`, d.id);
    form.setFieldValue(`${path}.existingFamilyID`, d.family?.id ?? null);
    form.setFieldValue(`${path}.existingLabel`, `${personName(d)}${d.birthDate ? `, ${formatDate(i18n.language, d.birthDate, true)}` : ''}`);
    if (d.family && !form.values.familyName) form.setFieldValue('familyName', d.family.name);
    setDups(null);
  }

  if (child.existingID) {
    return (
      <Card withBorder padding="sm">
        <Group justify="space-between">
          <Text size="sm">{t('report.existingChild')}: <strong>{child.existingLabel}</strong></Text>
          <Button size="compact-sm" variant="subtle" onClick={() => form.setFieldValue(path, emptyChild())}>{t('report.changeChild')}</Button>
        </Group>
      </Card>
    );
  }
  return (
    <Card withBorder padding="sm">
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={600} size="sm">{t('report.child', { n: i + 1 })}</Text>
          <Button size="compact-sm" variant="subtle" color="red" onClick={() => form.removeListItem('children', i)}>{t('form.remove')}</Button>
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput label={t('person.lastName')} required {...form.getInputProps(`${path}.lastName`)} onBlur={check} />
          <TextInput label={t('person.firstName')} required {...form.getInputProps(`${path}.firstName`)} onBlur={check} />
          <TextInput label={t('person.patronymic')} {...form.getInputProps(`${path}.patronymic`)} onBlur={check} />
        </SimpleGrid>
        <Group grow align="flex-start">
          <DateField label={t('person.birthDate')} maxDate={new Date()} {...form.getInputProps(`${path}.birthDate`)}
            onChange={(v) => { form.setFieldValue(`${path}.birthDate`, v); form.setFieldValue(`${path}.confirmedNew`, false); }} onBlur={check} />
          <Select label={t('person.sex')} clearable data={[{ value: 'FEMALE', label: t('sex.FEMALE') }, { value: 'MALE', label: t('sex.MALE') }]} {...form.getInputProps(`${path}.sex`)} />
        </Group>
        {dups && dups.length > 0 && (
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
                  <Button size="compact-sm" onClick={() => pickExisting(d)}>{t('report.useExisting')}</Button>
                </Group>
              ))}
            </Stack>
            <Button size="compact-sm" variant="default" mt="sm" onClick={() => { setDups(null); form.setFieldValue(`${path}.confirmedNew`, true); }}>
              {t('report.notTheSame')}
            </Button>
          </Alert>
        )}
      </Stack>
    </Card>
  );
}

/**
 * The name of a family the report registers: as typed; else, with only an
 * address known, the surname of the first new child, or a name that says
 * it is not known yet (the family page renames it). The address typed is
 * never dropped for want of a name.
 */
export function familyName(t: (k: string) => string, v: Pick<Values, 'familyName' | 'children'>): string {
  const typed = v.familyName.trim();
  if (typed) return typed;
  const child = v.children.find((c) => !c.existingID && c.lastName.trim());
  return child ? child.lastName.trim() : t('report.unknownFamilyName');
}

/** Full intake for services that register people: children, family, duplicate check. */
function FullReportForm({ communityID }: { communityID: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [, createFamily] = useMutation(CreateFamilyMutation);
  const [, createPerson] = useMutation(CreatePersonMutation);
  const [, submitReport] = useMutation(SubmitReportMutation);
  const [busy, setBusy] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);
  // Records already created by an attempt that failed later: a retry reuses them.
  const [made, setMade] = useState<{ family?: string; people: Record<number, string> }>({ people: {} });
  const form = useForm<Values>({
    initialValues: {
      receivedAt: nowLocal(), source: '', urgency: 'ROUTINE', categories: [], summary: '', reporterContact: '',
      children: [emptyChild()], familyName: '', address: '',
    },
    validate: {
      receivedAt: (v) => (v ? null : t('form.required')),
      source: (v) => (v ? null : t('form.required')),
      summary: (v) => (v.trim().length >= 10 ? null : t('report.summaryShort')),
      children: {
        lastName: (v, all, p) => (all.children[Number(p.split('.')[1])].existingID || v.trim() ? null : t('form.required')),
        firstName: (v, all, p) => (all.children[Number(p.split('.')[1])].existingID || v.trim() ? null : t('form.required')),
      },
    },
  });

  async function submit(v: Values) {
    setAlert(null);
    setBusy(true);
    try {
      const linkedFamily = v.children.find((c) => c.existingFamilyID)?.existingFamilyID ?? null;
      let familyID = linkedFamily ?? made.family ?? null;
      const newChildren = v.children.map((c, i) => ({ c, i })).filter(({ c }) => !c.existingID);
      if (!familyID && (v.familyName.trim() || v.address.trim())) {
        const f = await createFamily({ input: { communityID, name: familyName(t, v), address: v.address.trim() || null } });
        if (f.error) return setAlert(showServerError(t, form, f.error, { name: 'familyName', address: 'address' }));
        familyID = f.data!.createFamily.id;
        setMade((m) => ({ ...m, family: familyID! }));
      }
      const childIDs: string[] = v.children.filter((c) => c.existingID).map((c) => c.existingID!);
      const people = { ...made.people };
      for (const { c, i } of newChildren) {
        if (!people[i]) {
          const p = await createPerson({
            input: {
              communityID, familyID, kind: 'CHILD', lastName: c.lastName.trim(), firstName: c.firstName.trim(), patronymic: c.patronymic.trim() || null,
              birthDate: toDay(c.birthDate), sex: (c.sex as PersonSex) || null,
            },
          });
          if (p.error) {
            setMade((m) => ({ ...m, people }));
            return setAlert(showServerError(t, form, p.error, { lastName: `children.${i}.lastName`, firstName: `children.${i}.firstName`, birthDate: `children.${i}.birthDate` }));
          }
          people[i] = p.data!.createPerson.id;
        }
        childIDs.push(people[i]);
      }
      setMade((m) => ({ ...m, people }));
      const r = await submitReport({
        input: {
          communityID, receivedAt: toInstant(v.receivedAt), source: v.source as ReportSource, urgency: v.urgency,
          categories: v.categories as ReportCategory[], summary: v.summary.trim(), reporterContact: v.reporterContact.trim() || null,
          familyID, childIDs,
        },
      });
      if (r.error) return setAlert(showServerError(t, form, r.error));
      const caseID = r.data?.submitReport.case?.id;
      navigate(caseID ? `/cases/${caseID}` : '/', { replace: true, state: { registered: true } });
    } finally {
      setBusy(false);
    }
  }

  const linkedFamily = form.values.children.find((c) => c.existingFamilyID);
  return (
    <form onSubmit={form.onSubmit(submit)} noValidate aria-label={t('report.title')}>
      <Stack gap="lg">
        <FormAlert message={alert} />
        <Card withBorder>
          <Title order={2} size="h4" mb="sm">{t('report.about')}</Title>
          <AboutReport form={form} full />
        </Card>
        <Card withBorder>
          <Title order={2} size="h4" mb="xs">{t('report.children')}</Title>
          <Text size="sm" c="dimmed" mb="sm">{t('report.childrenHint')}</Text>
          <Stack gap="sm">
            {form.values.children.map((_, i) => <ChildEntry key={i} form={form} i={i} communityID={communityID} />)}
            <Button variant="light" w="fit-content" onClick={() => form.insertListItem('children', emptyChild())}>{t('report.addChild')}</Button>
          </Stack>
        </Card>
        <Card withBorder>
          <Title order={2} size="h4" mb="sm">{t('report.family')}</Title>
          {linkedFamily ? <Text size="sm">{t('report.familyFromChild', { name: form.values.familyName })}</Text> : (
            <Group grow align="flex-start">
              <TextInput label={t('family.name')} description={t('report.familyNameHint')} {...form.getInputProps('familyName')} />
              <TextInput label={t('family.address')} {...form.getInputProps('address')} />
            </Group>
          )}
        </Card>
        <Group>
          <Button type="submit" loading={busy} size="md">{t('report.submit')}</Button>
          <Button component={Link} to="/" variant="default" size="md">{t('form.cancel')}</Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The short form for partners (schools, doctors, police): no access to people or case files. */
function ShortReportForm({ communityID }: { communityID: string }) {
  const { t, i18n } = useTranslation();
  const [{ fetching }, submitReport] = useMutation(SubmitReportMutation);
  const [alert, setAlert] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: { receivedAt: null, source: '', urgency: 'ROUTINE', categories: [], summary: '', reporterContact: '', children: [], familyName: '', address: '' },
    validate: { source: (v) => (v ? null : t('form.required')), summary: (v) => (v.trim().length >= 10 ? null : t('report.summaryShort')) },
  });
  async function submit(v: Values) {
    setAlert(null);
    const r = await submitReport({
      input: { communityID, source: v.source as ReportSource, urgency: v.urgency, categories: v.categories as ReportCategory[], summary: v.summary.trim(), reporterContact: v.reporterContact.trim() || null },
    });
    if (r.error) return setAlert(showServerError(t, form, r.error));
    setDone(r.data!.submitReport.receivedAt);
    form.reset();
  }
  if (done) {
    return (
      <Alert color="teal" title={t('report.thanks')} role="status">
        <Text size="sm">{t('report.registeredAt', { date: formatDateTime(i18n.language, done) })}</Text>
        <Group mt="sm">
          <Button onClick={() => setDone(null)}>{t('report.another')}</Button>
          <Anchor component={Link} to="/reports">{t('reports.mine')}</Anchor>
        </Group>
      </Alert>
    );
  }
  return (
    <form onSubmit={form.onSubmit(submit)} noValidate aria-label={t('report.title')}>
      <Stack gap="md">
        <Text size="sm">{t('report.shortIntro')}</Text>
        <Alert color="red" variant="light">{t('report.emergency')}</Alert>
        <FormAlert message={alert} />
        <AboutReport form={form} full={false} />
        <Button type="submit" loading={fetching} w="fit-content" size="md">{t('report.submit')}</Button>
      </Stack>
    </form>
  );
}

export default function ReportPage() {
  const { t } = useTranslation();
  const { community, can } = useSession();
  if (!community || !can('report', 'create')) return null;
  const full = can('person', 'create') && can('family', 'create');
  return (
    <Dates>
      <Stack maw={960}>
        <Title order={1} size="h2">{t('report.title')}</Title>
        {full ? <FullReportForm communityID={community.id} /> : <ShortReportForm communityID={community.id} />}
      </Stack>
    </Dates>
  );
}
