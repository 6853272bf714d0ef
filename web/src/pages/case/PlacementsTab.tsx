import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { useForm } from '@mantine/form';
import { Badge, Button, Card, Group, Modal, Select, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notify } from '../../notify';
import { graphql } from '../../gql';
import type { CareEndReason, CareForm } from '../../gql/graphql';
import { showServerError } from '../../api/forms';
import { stepErrorMessage } from '../../api/errors';
import { useOrganizations } from '../../api/hooks';
import { formatDate, personName } from '../../format';
import { DateTimeField, nowLocal, toInstant } from '../../components/dates';
import { FormAlert } from '../../components/FormAlert';
import { TableHead } from '../../components/TableHead';
import type { CaseData } from './caseQuery';
import type { TabProps } from './CasePage';

/** The forms of care in the law's order of preference: family-based first, institutions last. */
export const careForms: CareForm[] = [
  'KIN_CARE', 'GUARDIANSHIP', 'FOSTER_FAMILY', 'FAMILY_TYPE_HOME', 'PATRONAGE', 'ADOPTION',
  'INSTITUTION_SHELTER', 'INSTITUTION_HEALTH', 'INSTITUTION_BOARDING', 'INSTITUTION_SOCIAL_CARE', 'INSTITUTION_OTHER',
];
export const careEnds: CareEndReason[] = ['RETURNED_TO_FAMILY', 'ADOPTED', 'MOVED_TO_OTHER_CARE', 'CAME_OF_AGE', 'OTHER'];

/** An institution: the last resort gatekeeping guards. */
export function institutional(form: string): boolean {
  return form.startsWith('INSTITUTION_');
}

const RecordPlacementMutation = graphql(`
  mutation RecordPlacement($input: RecordPlacementInput!) {
    recordPlacement(input: $input) { id reviewDue }
  }
`);

const EndPlacementMutation = graphql(`
  mutation EndPlacement($input: EndPlacementInput!) {
    endPlacement(input: $input) { id endedAt endReason }
  }
`);

interface Values {
  childID: string | null;
  form: string | null;
  organizationID: string | null;
  address: string;
  startedAt: string | null;
  decisionID: string | null;
  emergencyReason: string;
}

function PlacementForm({ c, onSaved }: { c: CaseData; onSaved: () => void }) {
  const { t, i18n } = useTranslation();
  const orgs = useOrganizations(c.communityID);
  const [{ fetching }, record] = useMutation(RecordPlacementMutation);
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: { childID: c.children?.length === 1 ? c.children[0].id : null, form: null, organizationID: null, address: '', startedAt: nowLocal(), decisionID: null, emergencyReason: '' },
    validate: {
      childID: (v) => (v ? null : t('form.required')),
      form: (v) => (v ? null : t('form.required')),
      startedAt: (v) => (v ? null : t('form.required')),
      address: (v, all) => (!v.trim() && !all.organizationID ? t('placement.whereRequired') : null),
    },
  });
  const v = form.values;
  const decisions = (c.decisions ?? []).filter((d) => d.kind === 'PLACEMENT');

  async function submit(values: Values) {
    setAlert(null);
    const r = await record({
      input: {
        caseID: c.id, childID: values.childID!, form: values.form as CareForm, organizationID: values.organizationID || null,
        address: values.address.trim() || null, startedAt: toInstant(values.startedAt)!, decisionID: values.decisionID || null,
        emergencyReason: values.form && institutional(values.form) ? values.emergencyReason.trim() || null : null,
      },
    });
    if (r.error) return setAlert(showServerError(t, form, r.error));
    notify({ color: 'teal', message: t('placement.saved') });
    form.reset();
    onSaved();
  }

  return (
    <form onSubmit={form.onSubmit(submit)} noValidate aria-labelledby="placement-form-h">
      <Stack>
        <Title order={2} size="h4" id="placement-form-h">{t('placement.new')}</Title>
        <FormAlert message={alert} />
        <Group grow align="flex-start">
          <Select label={t('placement.child')} required data={(c.children ?? []).map((p) => ({ value: p.id, label: personName(p) }))} {...form.getInputProps('childID')} />
          <Select label={t('placement.form')} required
            data={careForms.map((f) => ({ value: f, label: t(`careForm.${f}`) }))} {...form.getInputProps('form')} />
        </Group>
        <Group grow align="flex-start">
          <Select label={t('placement.organization')} clearable searchable data={orgs.list.map((o) => ({ value: o.id, label: o.name }))} {...form.getInputProps('organizationID')} />
          <TextInput label={t('placement.address')} {...form.getInputProps('address')} />
        </Group>
        <Group grow align="flex-start">
          <DateTimeField label={t('placement.startedAt')} required maxDate={new Date()} {...form.getInputProps('startedAt')} />
          <Select label={t('placement.decision')} clearable
            data={decisions.map((d) => ({ value: d.id, label: `№ ${d.number}, ${formatDate(i18n.language, d.decidedAt)}` }))} {...form.getInputProps('decisionID')} />
        </Group>
        {v.form && institutional(v.form) && (
          <Textarea label={t('placement.emergencyReason')} description={t('placement.emergencyHint')} autosize minRows={2} {...form.getInputProps('emergencyReason')} />
        )}
        <Button type="submit" loading={fetching} w="fit-content">{t('placement.save')}</Button>
      </Stack>
    </form>
  );
}

function EndPlacement({ id, onDone }: { id: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<string | null>('RETURNED_TO_FAMILY');
  const [endedAt, setEndedAt] = useState<string | null>(nowLocal());
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [{ fetching }, end] = useMutation(EndPlacementMutation);
  async function submit() {
    if (!reason || !endedAt) return setError(t('form.required'));
    const r = await end({ input: { id, endedAt: toInstant(endedAt)!, reason: reason as CareEndReason, note: note.trim() || null } });
    if (r.error) return setError(stepErrorMessage(t, r.error));
    notify({ color: 'teal', message: t('placement.ended') });
    setOpen(false);
    onDone();
  }
  return (
    <>
      <Button size="xs" variant="default" onClick={() => setOpen(true)}>{t('placement.end')}</Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('placement.end')}>
        <Stack>
          {error && <Text c="red" role="alert">{error}</Text>}
          <Select label={t('placement.endReason')} required allowDeselect={false} comboboxProps={{ withinPortal: false }}
            data={careEnds.map((e) => ({ value: e, label: t(`careEnd.${e}`) }))} value={reason} onChange={setReason} />
          <DateTimeField label={t('placement.endedAt')} required maxDate={new Date()} value={endedAt} onChange={setEndedAt} />
          <Textarea label={t('placement.endNote')} required={reason === 'OTHER'} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={2} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>{t('form.cancel')}</Button>
            <Button onClick={submit} loading={fetching}>{t('placement.end')}</Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

/** The children's placements on this case, child by child, and the form to record one. */
export function PlacementsTab({ c, can, reload }: TabProps) {
  const { t, i18n } = useTranslation();
  const list = [...(c.placements ?? [])].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  const childName = (id: string) => {
    const ch = (c.children ?? []).find((p) => p.id === id);
    return ch ? personName(ch) : '—';
  };
  const decision = (id?: string | null) => (c.decisions ?? []).find((d) => d.id === id);
  return (
    <Stack gap="lg">
      <Title order={2} size="h4">{t('placement.title')}</Title>
      {list.length === 0 ? <Text c="dimmed">{t('placement.none')}</Text> : (
        <Table.ScrollContainer minWidth={820}>
          <Table striped className="print-section">
            <TableHead columns={[t('placement.child'), t('placement.form'), t('placement.where'), t('placement.startedAt'), t('placement.endedAt'), t('placement.basis'), '']} />
            <Table.Tbody>
              {list.map((p) => {
                const d = decision(p.decisionID);
                return (
                  <Table.Tr key={p.id}>
                    <Table.Td>{childName(p.childID)}</Table.Td>
                    <Table.Td>
                      {t(`careForm.${p.form}`)}{' '}
                      <Badge size="xs" color={institutional(p.form) ? 'orange' : 'teal'}>{institutional(p.form) ? t('placement.institution') : t('placement.familyBased')}</Badge>
                    </Table.Td>
                    <Table.Td>{p.organization?.name ?? p.address ?? '—'}</Table.Td>
                    <Table.Td>{formatDate(i18n.language, p.startedAt)}</Table.Td>
                    <Table.Td>
                      {p.endedAt ? <>{formatDate(i18n.language, p.endedAt)}{p.endReason && <Text size="xs">{t(`careEnd.${p.endReason}`)}{p.endNote ? `: ${p.endNote}` : ''}</Text>}</> : <Badge size="xs">{t('placement.current')}</Badge>}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        {d ? <>{t('placement.decision')} № {d.number}</> : p.safetyAssessmentID ? t('placement.urgent') : '—'}
                        {p.emergencyReason && <><br />{t('placement.emergencyReason')}: {p.emergencyReason}</>}
                        {p.reviewDue && <><br />{t('placement.reviewDue')}: {formatDate(i18n.language, p.reviewDue)}</>}
                      </Text>
                    </Table.Td>
                    <Table.Td>{!p.endedAt && can('placement', 'update') && <EndPlacement id={p.id} onDone={reload} />}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {can('placement', 'create') && (c.children ?? []).length > 0 && !['CLOSED', 'TRANSFERRED'].includes(c.status) && (
        <Card withBorder className="no-print"><PlacementForm c={c} onSaved={reload} /></Card>
      )}
    </Stack>
  );
}
