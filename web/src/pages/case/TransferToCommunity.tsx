import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { Button, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { notify } from '../../notify';
import { graphql } from '../../gql';
import { errorRule } from '../../api/errors';
import { showServerError } from '../../api/forms';
import { FormAlert } from '../../components/FormAlert';
import type { TabProps } from './CasePage';

const CommunitySearchQuery = graphql(`
  query TransferCommunitySearch($text: String!) {
    communities(first: 20, where: { nameContainsFold: $text }, orderBy: { field: NAME }) {
      edges { node { id name katottgCode region { name } } }
    }
  }
`);

const RequestTransferMutation = graphql(`
  mutation RequestCaseTransfer($input: RequestCaseTransferInput!) {
    requestCaseTransfer(input: $input) { id status toCommunity { id name } }
  }
`);

/** States from which the procedure lets a case go to another community. */
const transferable = new Set(['REPORTED', 'ASSESSING_SAFETY', 'ASSESSING_NEEDS', 'OPEN']);

/** Whether the case page offers the transfer: the viewer's role may ask, and the case may go. */
export function canTransfer({ c, can }: Pick<TabProps, 'c' | 'can'>): boolean {
  return can('case_transfer', 'create') && transferable.has(c.status);
}

/** «Передати в іншу громаду»: the receiving community found by name, the grounds, and the basis without consent. */
export function TransferToCommunity({ c, can, reload }: TabProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState('');
  const [text] = useDebouncedValue(search.trim(), 250);
  const [{ data }] = useQuery({ query: CommunitySearchQuery, variables: { text }, pause: text.length < 2 });
  const [{ fetching }, request] = useMutation(RequestTransferMutation);
  const [alert, setAlert] = useState<string | null>(null);
  const [needBasis, setNeedBasis] = useState(false);
  const form = useForm({
    initialValues: { toCommunityID: '', reason: '', overrideReason: '' },
    validate: {
      toCommunityID: (v) => (v ? null : t('form.required')),
      reason: (v) => (v.trim() ? null : t('form.required')),
    },
  });
  if (!canTransfer({ c, can })) return null;
  const options = (data?.communities.edges ?? []).map((e) => e!.node!).filter((n) => n && n.id !== c.communityID)
    .map((n) => ({ value: n.id, label: `${n.name} (${n.region.name}, ${n.katottgCode})` }));

  async function submit(v: typeof form.values) {
    setAlert(null);
    const r = await request({ input: { caseID: c.id, toCommunityID: v.toCommunityID, reason: v.reason.trim(), overrideReason: v.overrideReason.trim() || null } });
    if (r.error) {
      if (errorRule(r.error) === 'CONSENT_REQUIRED') setNeedBasis(true);
      return setAlert(showServerError(t, form, r.error));
    }
    notify({ color: 'teal', message: t('transfer.sent') });
    form.reset();
    setOpen(false);
    reload();
  }

  return (
    <>
      <Button size="xs" variant="default" className="no-print" onClick={() => setOpen(true)}>{t('transfer.action')}</Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('transfer.title')} size="lg">
        <form onSubmit={form.onSubmit(submit)} noValidate>
          <Stack gap="sm">
            <Text size="sm" c="dimmed">{t('transfer.hint')}</Text>
            <FormAlert message={alert} />
            <Select label={t('transfer.community')} placeholder={t('transfer.communitySearch')} required searchable
              searchValue={search} onSearchChange={setSearch} data={options} filter={({ options: o }) => o}
              nothingFoundMessage={text.length >= 2 ? '—' : undefined} comboboxProps={{ withinPortal: false }}
              {...form.getInputProps('toCommunityID')} />
            <Textarea label={t('transfer.reason')} description={t('transfer.reasonHint')} required autosize minRows={2} {...form.getInputProps('reason')} />
            {(needBasis || can('referral_override', 'create')) && (
              <Textarea label={t('transfer.basis')} description={t('transfer.basisHint')} autosize minRows={2} {...form.getInputProps('overrideReason')} />
            )}
            <Button type="submit" loading={fetching} w="fit-content">{t('transfer.send')}</Button>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
