import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { useForm } from '@mantine/form';
import { Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { showServerError } from '../../api/forms';
import { FormAlert } from '../../components/FormAlert';
import { OpenEmergencyAccessMutation, minReason } from './emergency';

export interface OpenedAccess { id: string; caseID: string; expiresAt: string }

/**
 * Breaking the glass: the reason (at least 20 characters, which the server
 * checks too; its errors show here), then the access for three hours.
 */
export function EmergencyAccessForm({ communityID, reference, onOpened, onCancel }: {
  communityID: string;
  reference: string;
  onOpened: (a: OpenedAccess) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [{ fetching }, open] = useMutation(OpenEmergencyAccessMutation);
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm({
    initialValues: { reason: '' },
    validate: { reason: (v) => (v.trim().length >= minReason ? null : t('emergency.reasonShort', { n: minReason })) },
  });
  async function submit(v: typeof form.values) {
    setAlert(null);
    const r = await open({ input: { communityID, reference, reason: v.reason.trim() } });
    if (r.error) return setAlert(showServerError(t, form, r.error, { 'input.reason': 'reason', 'input.reference': 'reason' }));
    const a = r.data!.openEmergencyAccess;
    onOpened({ id: a.id, caseID: a.caseID, expiresAt: a.expiresAt });
  }
  return (
    <form onSubmit={form.onSubmit(submit)} noValidate aria-label={t('emergency.formTitle')}>
      <Stack gap="sm">
        <Text size="sm">{t('emergency.warning')}</Text>
        <Text size="sm" ff="monospace">{t('emergency.reference')}: {reference}</Text>
        <Textarea label={t('emergency.reason')} description={t('emergency.reasonHint', { n: minReason })} autosize minRows={3} required data-autofocus
          {...form.getInputProps('reason')} />
        <Text size="xs" c="dimmed" aria-live="polite">{t('emergency.chars', { count: form.values.reason.trim().length })}</Text>
        <FormAlert message={alert} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>{t('form.cancel')}</Button>
          <Button type="submit" color="red" loading={fetching}>{t('emergency.open')}</Button>
        </Group>
      </Stack>
    </form>
  );
}
