import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { useForm } from '@mantine/form';
import { Button, Group, Modal, Select, Stack, Textarea } from '@mantine/core';
import { showServerError } from '../../api/forms';
import { errorRule } from '../../api/errors';
import { FormAlert } from '../../components/FormAlert';
import { DateField, dayToInstant, todayLocal } from '../../components/dates';
import { notify } from '../../notify';
import { providerKinds, useOrganizations } from '../../api/hooks';
import { useSession } from '../../session';
import { CancelVoucherMutation, RedeemVoucherMutation } from './queries';
import type { CombinedError } from 'urql';
import type { TFunction } from 'i18next';

/** A voucher already redeemed or cancelled is named as such, not as an ended service. */
function voucherError(t: TFunction, form: Parameters<typeof showServerError>[1], error: CombinedError, fields: Record<string, string>) {
  if (errorRule(error) === 'ALREADY_ENDED') return t('vouchers.alreadyEnded');
  return showServerError(t, form, error, fields);
}

/** The viewer's own providers: staff of a provider redeem vouchers for their organisation only. */
export function useOwnProviders() {
  return useSession().organizations.filter((o) => providerKinds.includes(o.kind));
}

/**
 * Who may be named as the provider: any provider of the community for those
 * who run the programme, else the viewer's own (as the server rules).
 */
function RedeemForm({ id, communityID, anyProvider, onDone, onCancel }: { id: string; communityID: string; anyProvider: boolean; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const own = useOwnProviders();
  const all = useOrganizations(anyProvider ? communityID : undefined).list.filter((o) => providerKinds.includes(o.kind));
  const providers = anyProvider ? all : own;
  const [{ fetching }, redeem] = useMutation(RedeemVoucherMutation);
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm({
    initialValues: { providerID: !anyProvider && own.length === 1 ? own[0].id : '', redeemedAt: todayLocal() as string | null },
    validate: { providerID: (v) => (v ? null : t('form.required')), redeemedAt: (v) => (v ? null : t('form.required')) },
  });
  async function submit(v: typeof form.values) {
    setAlert(null);
    const r = await redeem({ id, providerID: v.providerID, redeemedAt: dayToInstant(v.redeemedAt)! });
    if (r.error) return setAlert(voucherError(t, form, r.error, { providerID: 'providerID', redeemedAt: 'redeemedAt' }));
    notify({ color: 'teal', message: t('vouchers.redeemed') });
    onDone();
  }
  return (
    <form onSubmit={form.onSubmit(submit)} noValidate aria-label={t('vouchers.redeemTitle')}>
      <Stack gap="sm">
        <Select label={t('vouchers.provider')} required data={providers.map((o) => ({ value: o.id, label: o.name }))} data-autofocus {...form.getInputProps('providerID')} />
        <DateField label={t('vouchers.redeemedAt')} required {...form.getInputProps('redeemedAt')} />
        <FormAlert message={alert} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>{t('form.cancel')}</Button>
          <Button type="submit" loading={fetching}>{t('vouchers.redeem')}</Button>
        </Group>
      </Stack>
    </form>
  );
}

function CancelForm({ id, onDone, onCancel }: { id: string; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [{ fetching }, cancel] = useMutation(CancelVoucherMutation);
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm({ initialValues: { reason: '' }, validate: { reason: (v) => (v.trim() ? null : t('form.required')) } });
  async function submit(v: typeof form.values) {
    setAlert(null);
    const r = await cancel({ id, reason: v.reason.trim() });
    if (r.error) return setAlert(voucherError(t, form, r.error, {}));
    notify({ color: 'teal', message: t('vouchers.cancelled') });
    onDone();
  }
  return (
    <form onSubmit={form.onSubmit(submit)} noValidate aria-label={t('vouchers.cancelTitle')}>
      <Stack gap="sm">
        <Textarea label={t('vouchers.cancelReason')} required autosize minRows={2} data-autofocus {...form.getInputProps('reason')} />
        <FormAlert message={alert} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>{t('form.cancel')}</Button>
          <Button type="submit" color="red" loading={fetching}>{t('vouchers.cancelVoucher')}</Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Redeem and cancel buttons of a voucher still issued, each opening its form. */
export function VoucherActions({ id, number, communityID, canRedeem, anyProvider, canCancel, onChanged }: {
  id: string; number: string; communityID: string; canRedeem: boolean; anyProvider: boolean; canCancel: boolean; onChanged: () => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<'redeem' | 'cancel' | null>(null);
  const done = () => { setOpen(null); onChanged(); };
  return (
    <>
      <Group gap="xs" wrap="nowrap">
        {canRedeem && <Button size="xs" variant="light" onClick={() => setOpen('redeem')} aria-label={t('vouchers.redeemN', { number })}>{t('vouchers.redeem')}</Button>}
        {canCancel && <Button size="xs" variant="default" onClick={() => setOpen('cancel')} aria-label={t('vouchers.cancelN', { number })}>{t('vouchers.cancelVoucher')}</Button>}
      </Group>
      <Modal closeButtonProps={{ 'aria-label': t('form.close') }} opened={open === 'redeem'} onClose={() => setOpen(null)} title={t('vouchers.redeemN', { number })}>
        {open === 'redeem' && <RedeemForm id={id} communityID={communityID} anyProvider={anyProvider} onDone={done} onCancel={() => setOpen(null)} />}
      </Modal>
      <Modal closeButtonProps={{ 'aria-label': t('form.close') }} opened={open === 'cancel'} onClose={() => setOpen(null)} title={t('vouchers.cancelN', { number })}>
        {open === 'cancel' && <CancelForm id={id} onDone={done} onCancel={() => setOpen(null)} />}
      </Modal>
    </>
  );
}
