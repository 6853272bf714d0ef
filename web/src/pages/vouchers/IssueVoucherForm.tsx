import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { useForm } from '@mantine/form';
import { Button, Group, Select, Stack, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { showServerError } from '../../api/forms';
import { FormAlert } from '../../components/FormAlert';
import { DateField, dayToInstant, todayLocal } from '../../components/dates';
import { notify } from '../../notify';
import { FamilySearchQuery, IssueVoucherMutation } from './queries';

/** A family of the community found by its name as one types. */
function FamilyPicker({ communityID, error, value, onChange }: { communityID: string; error?: React.ReactNode; value: string | null; onChange: (id: string | null) => void }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [text] = useDebouncedValue(search.trim(), 250);
  const [picked, setPicked] = useState<{ value: string; label: string } | null>(null);
  const [{ data, fetching }] = useQuery({ query: FamilySearchQuery, variables: { communityID, text }, pause: text.length < 2 || text === picked?.label });
  const found = (data?.families.edges ?? []).map((e) => ({ value: e!.node!.id, label: e!.node!.name + (e!.node!.address ? ` — ${e!.node!.address}` : '') }));
  const options = picked && !found.some((o) => o.value === picked.value) ? [picked, ...found] : found;
  return (
    <Select label={t('vouchers.family')} description={t('vouchers.familyHint')} required searchable value={value} error={error}
      searchValue={search} onSearchChange={setSearch} filter={({ options: o }) => o} data={options}
      nothingFoundMessage={text.length < 2 ? t('vouchers.typeToSearch') : fetching ? t('loading') : t('indicators.nothingFound')}
      onChange={(v, o) => { setPicked(o ? { value: o.value, label: o.label } : null); onChange(v); }} />
  );
}

/**
 * Issues a voucher: of a programme to a family. Either side may be fixed
 * (the programme's page picks the family, the family's page the programme).
 * The server refuses a spent budget or a second live voucher; that shows here.
 */
export function IssueVoucherForm({ communityID, programmeID, programmes, familyID, onIssued }: {
  communityID: string;
  programmeID?: string;
  programmes?: { value: string; label: string }[];
  familyID?: string;
  onIssued: () => void;
}) {
  const { t } = useTranslation();
  const [{ fetching }, issue] = useMutation(IssueVoucherMutation);
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm({
    initialValues: { programmeID: programmeID ?? '', familyID: familyID ?? '', number: '', issuedAt: todayLocal() as string | null },
    validate: {
      programmeID: (v) => (v ? null : t('form.required')),
      familyID: (v) => (v ? null : t('form.required')),
      issuedAt: (v) => (v ? null : t('form.required')),
    },
  });
  async function submit(v: typeof form.values) {
    setAlert(null);
    const r = await issue({ input: { programmeID: v.programmeID, familyID: v.familyID, number: v.number.trim() || null, issuedAt: dayToInstant(v.issuedAt)! } });
    if (r.error) return setAlert(showServerError(t, form, r.error, { 'input.number': 'number', 'input.issuedAt': 'issuedAt', 'input.familyID': 'familyID', 'input.programmeID': 'programmeID' }));
    notify({ color: 'teal', message: t('vouchers.issued', { number: r.data!.issueVoucher.number }) });
    form.setValues({ programmeID: programmeID ?? '', familyID: familyID ?? '', number: '', issuedAt: todayLocal() });
    onIssued();
  }
  return (
    <form onSubmit={form.onSubmit(submit)} noValidate aria-label={t('vouchers.issueTitle')}>
      <Stack gap="sm">
        <Group align="flex-start" wrap="wrap" gap="sm" grow>
          {!programmeID && (
            <Select label={t('vouchers.programme')} required data={programmes ?? []} allowDeselect={false}
              nothingFoundMessage={t('vouchers.noActive')} {...form.getInputProps('programmeID')} />
          )}
          {!familyID && (
            <FamilyPicker communityID={communityID} value={form.values.familyID || null} error={form.errors.familyID}
              onChange={(id) => form.setFieldValue('familyID', id ?? '')} />
          )}
          <TextInput label={t('vouchers.number')} description={t('vouchers.numberHint')} {...form.getInputProps('number')} />
          <DateField label={t('vouchers.issuedAt')} required {...form.getInputProps('issuedAt')} />
        </Group>
        <FormAlert message={alert} />
        <Group justify="flex-end"><Button type="submit" loading={fetching}>{t('vouchers.issue')}</Button></Group>
      </Stack>
    </form>
  );
}
