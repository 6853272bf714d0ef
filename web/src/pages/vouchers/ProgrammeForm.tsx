import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { useForm } from '@mantine/form';
import { Button, Checkbox, Group, NumberInput, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { showServerError } from '../../api/forms';
import { FormAlert } from '../../components/FormAlert';
import { DateField, toDay, todayLocal } from '../../components/dates';
import { CreateProgrammeMutation, ServiceTypesQuery, UpdateProgrammeMutation, serviceTypeName } from './queries';

export interface ProgrammeValues {
  id?: string;
  name: string;
  serviceTypeID: string | null;
  valueUah: number | string;
  vouchers: number | string;
  eligibility: string;
  startsOn: string | null;
  endsOn: string | null;
  active: boolean;
}

/**
 * A programme's terms. The service type, value and start are fixed once it
 * is opened (the server changes only the name, budget, eligibility, end and
 * whether it is active); its errors show by their fields.
 */
export function ProgrammeForm({ communityID, initial, onSaved, onCancel }: {
  communityID: string;
  initial?: ProgrammeValues;
  onSaved: (id: string) => void;
  onCancel?: () => void;
}) {
  const { t, i18n } = useTranslation();
  const editing = !!initial?.id;
  const [{ data: types }] = useQuery({ query: ServiceTypesQuery, pause: editing });
  const [{ fetching: creating }, create] = useMutation(CreateProgrammeMutation);
  const [{ fetching: updating }, update] = useMutation(UpdateProgrammeMutation);
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm<ProgrammeValues>({
    initialValues: initial ?? { name: '', serviceTypeID: null, valueUah: '', vouchers: '', eligibility: '', startsOn: todayLocal(), endsOn: null, active: true },
    validate: {
      name: (v) => (v.trim() ? null : t('form.required')),
      valueUah: (v) => (Number(v) > 0 ? null : t('vouchers.positive')),
      vouchers: (v) => (Number(v) > 0 ? null : t('vouchers.positive')),
      eligibility: (v) => (v.trim() ? null : t('form.required')),
      startsOn: (v) => (v ? null : t('form.required')),
      endsOn: (v, all) => (v && all.startsOn && v < all.startsOn ? t('vouchers.endsBeforeStart') : null),
    },
  });
  async function submit(v: ProgrammeValues) {
    setAlert(null);
    const fields = { 'input.name': 'name', 'input.valueUah': 'valueUah', 'input.vouchers': 'vouchers', 'input.eligibility': 'eligibility', 'input.startsOn': 'startsOn', 'input.endsOn': 'endsOn', valueUah: 'valueUah' };
    if (editing) {
      const r = await update({
        id: initial!.id!,
        input: { name: v.name.trim(), vouchers: Number(v.vouchers), eligibility: v.eligibility.trim(), endsOn: toDay(v.endsOn), clearEndsOn: !v.endsOn, active: v.active },
      });
      if (r.error) return setAlert(showServerError(t, form, r.error, fields));
      onSaved(initial!.id!);
    } else {
      const r = await create({
        input: {
          communityID, name: v.name.trim(), serviceTypeID: v.serviceTypeID || null, valueUah: Number(v.valueUah), vouchers: Number(v.vouchers),
          eligibility: v.eligibility.trim(), startsOn: toDay(v.startsOn)!, endsOn: toDay(v.endsOn), active: v.active,
        },
      });
      if (r.error) return setAlert(showServerError(t, form, r.error, fields));
      onSaved(r.data!.createVoucherProgramme.id);
    }
  }
  return (
    <form onSubmit={form.onSubmit(submit)} noValidate aria-label={editing ? t('vouchers.editProgramme') : t('vouchers.newProgramme')}>
      <Stack gap="sm">
        <TextInput label={t('vouchers.name')} required {...form.getInputProps('name')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {!editing && (
            <Select label={t('vouchers.serviceType')} searchable clearable clearButtonProps={{ 'aria-label': t('form.clear') }} description={t('vouchers.serviceTypeHint')}
              data={(types?.serviceTypes.edges ?? []).map((e) => ({ value: e!.node!.id, label: serviceTypeName(i18n.language, e!.node!) }))}
              {...form.getInputProps('serviceTypeID')} />
          )}
          {!editing && (
            <NumberInput label={t('vouchers.value')} required min={1} allowDecimal={false} thousandSeparator=" " suffix=" ₴" {...form.getInputProps('valueUah')} />
          )}
          <NumberInput label={t('vouchers.budget')} description={t('vouchers.budgetHint')} required min={1} allowDecimal={false} {...form.getInputProps('vouchers')} />
          {!editing && <DateField label={t('vouchers.startsOn')} required {...form.getInputProps('startsOn')} />}
          <DateField label={t('vouchers.endsOn')} {...form.getInputProps('endsOn')} />
        </SimpleGrid>
        <Textarea label={t('vouchers.eligibility')} description={t('vouchers.eligibilityHint')} required autosize minRows={2} {...form.getInputProps('eligibility')} />
        <Checkbox label={t('vouchers.active')} {...form.getInputProps('active', { type: 'checkbox' })} />
        <FormAlert message={alert} />
        <Group justify="flex-end">
          {onCancel && <Button variant="default" onClick={onCancel}>{t('form.cancel')}</Button>}
          <Button type="submit" loading={creating || updating}>{editing ? t('form.save') : t('vouchers.create')}</Button>
        </Group>
      </Stack>
    </form>
  );
}
