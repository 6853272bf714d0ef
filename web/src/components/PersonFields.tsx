import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { GetInputProps } from '@mantine/form';
import { Select, TextInput } from '@mantine/core';
import { DateField } from './dates';

/** The values behind PersonFields, a part of a larger form's values. */
export interface PersonFieldValues {
  lastName: string;
  firstName: string;
  patronymic: string;
  birthDate: string | null;
  sex: string | null;
}

/** The last and first name are required. */
export function personNameRules(t: TFunction) {
  return {
    lastName: (v: string) => (v.trim() ? null : t('form.required')),
    firstName: (v: string) => (v.trim() ? null : t('form.required')),
  };
}

/**
 * A person's name, date of birth and sex: the inputs of a new family member
 * and of editing a person, laid out by the grid they are put in.
 */
export function PersonFields({ form }: { form: { getInputProps: GetInputProps<PersonFieldValues> } }) {
  const { t } = useTranslation();
  return (
    <>
      <TextInput label={t('person.lastName')} required {...form.getInputProps('lastName')} />
      <TextInput label={t('person.firstName')} required {...form.getInputProps('firstName')} />
      <TextInput label={t('person.patronymic')} {...form.getInputProps('patronymic')} />
      <DateField label={t('person.birthDate')} maxDate={new Date()} {...form.getInputProps('birthDate')} />
      <Select label={t('person.sex')} clearable data={[{ value: 'FEMALE', label: t('sex.FEMALE') }, { value: 'MALE', label: t('sex.MALE') }]} {...form.getInputProps('sex')} />
    </>
  );
}
