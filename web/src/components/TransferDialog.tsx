import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import type { CombinedError } from 'urql';
import { Button, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { notify } from '../notify';
import { graphql } from '../gql';
import { errorRule } from '../api/errors';
import { showServerError } from '../api/forms';
import { FormAlert } from './FormAlert';

const CommunitySearchQuery = graphql(`
  query TransferCommunitySearch($text: String!) {
    communities(first: 20, where: { nameContainsFold: $text }, orderBy: { field: NAME }) {
      edges { node { id name katottgCode region { name } } }
    }
  }
`);

export interface TransferValues { toCommunityID: string; reason: string; overrideReason: string }

/**
 * «Передати в іншу громаду»: the receiving community found by name (with its
 * region and KATOTTG code), the grounds, and, where the sender may give one,
 * the legal basis without the family's consent.
 */
export function TransferDialog({ title, hint, fromCommunityID, canOverride, send, onSent }: {
  title: string;
  hint: string;
  fromCommunityID: string;
  canOverride: boolean;
  send: (v: TransferValues) => Promise<{ error?: CombinedError }>;
  onSent: () => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState('');
  const [text] = useDebouncedValue(search.trim(), 250);
  const [{ data }] = useQuery({ query: CommunitySearchQuery, variables: { text }, pause: !open || text.length < 2 });
  const [sending, setSending] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);
  const [needBasis, setNeedBasis] = useState(false);
  const form = useForm<TransferValues>({
    initialValues: { toCommunityID: '', reason: '', overrideReason: '' },
    validate: {
      toCommunityID: (v) => (v ? null : t('form.required')),
      reason: (v) => (v.trim() ? null : t('form.required')),
    },
  });
  const options = (data?.communities.edges ?? []).map((e) => e!.node!).filter((n) => n && n.id !== fromCommunityID)
    .map((n) => ({ value: n.id, label: `${n.name} (${n.region.name}, ${n.katottgCode})` }));

  async function submit(v: TransferValues) {
    setAlert(null);
    setSending(true);
    const r = await send({ ...v, reason: v.reason.trim(), overrideReason: v.overrideReason.trim() });
    setSending(false);
    if (r.error) {
      if (errorRule(r.error) === 'CONSENT_REQUIRED' && canOverride) setNeedBasis(true);
      return setAlert(showServerError(t, form, r.error));
    }
    notify({ color: 'teal', message: t('transfer.sent') });
    form.reset();
    setOpen(false);
    onSent();
  }

  return (
    <>
      <Button size="xs" variant="default" className="no-print" onClick={() => setOpen(true)}>{t('transfer.action')}</Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={title} size="lg">
        <form onSubmit={form.onSubmit(submit)} noValidate>
          <Stack gap="sm">
            <Text size="sm" c="dimmed">{hint}</Text>
            <FormAlert message={alert} />
            <Select label={t('transfer.community')} placeholder={t('transfer.communitySearch')} required searchable
              searchValue={search} onSearchChange={setSearch} data={options} filter={({ options: o }) => o}
              nothingFoundMessage={text.length >= 2 ? '—' : undefined} comboboxProps={{ withinPortal: false }}
              {...form.getInputProps('toCommunityID')} />
            <Textarea label={t('transfer.reason')} description={t('transfer.reasonHint')} required autosize minRows={2} {...form.getInputProps('reason')} />
            {(needBasis || canOverride) && (
              <Textarea label={t('transfer.basis')} description={t('transfer.basisHint')} autosize minRows={2} {...form.getInputProps('overrideReason')} />
            )}
            <Button type="submit" loading={sending} w="fit-content">{t('transfer.send')}</Button>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
