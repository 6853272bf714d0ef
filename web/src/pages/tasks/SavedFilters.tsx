import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { Button, Group, NativeSelect, TextInput } from '@mantine/core';
import { graphql } from '../../gql';
import { notify } from '../../notify';
import { stepErrorMessage } from '../../api/errors';
import { fromSavedFilter, toSavedFilter, type CaseListFilter } from './workItems';

const SavedFiltersQuery = graphql(`
  query SavedFilters { savedFilters { id name communityID mine unassigned caseStatuses familyName statuses } }
`);
const CreateMutation = graphql(`
  mutation CreateSavedFilter($input: CreateSavedFilterInput!) { createSavedFilter(input: $input) { id name } }
`);
const RenameMutation = graphql(`
  mutation RenameSavedFilter($id: ID!, $name: String!) { updateSavedFilter(id: $id, input: { name: $name }) { id name } }
`);
const DeleteMutation = graphql(`
  mutation DeleteSavedFilter($id: ID!) { deleteSavedFilter(id: $id) }
`);

/**
 * The viewer's saved filters of the case list: choosing one applies it
 * (the server filters by it), the current filter can be saved under a
 * name, and the chosen one renamed or deleted.
 */
export function SavedFilters({ communityID, current, chosen, onApply }: {
  communityID: string;
  current: CaseListFilter;
  chosen: string | null;
  onApply: (id: string | null, f: CaseListFilter | null) => void;
}) {
  const { t } = useTranslation();
  const [{ data }, reload] = useQuery({ query: SavedFiltersQuery, requestPolicy: 'cache-and-network' });
  const [, create] = useMutation(CreateMutation);
  const [, rename] = useMutation(RenameMutation);
  const [, remove] = useMutation(DeleteMutation);
  const [editing, setEditing] = useState<'new' | 'rename' | null>(null);
  const [name, setName] = useState('');
  const mine = (data?.savedFilters ?? []).filter((f) => f.communityID === communityID);
  const selected = mine.find((f) => f.id === chosen);

  const done = (error: Parameters<typeof stepErrorMessage>[1] | undefined, message: string) => {
    if (error) { notify({ color: 'red', message: stepErrorMessage(t, error) }); return false; }
    notify({ color: 'teal', message });
    reload({ requestPolicy: 'network-only' });
    return true;
  };

  async function save() {
    const n = name.trim();
    if (!n) return;
    if (editing === 'rename' && selected) {
      const r = await rename({ id: selected.id, name: n });
      if (done(r.error, t('savedFilters.renamed'))) setEditing(null);
      return;
    }
    const r = await create({ input: { communityID, name: n, ...toSavedFilter(current) } });
    if (done(r.error, t('savedFilters.saved')) && r.data) {
      setEditing(null);
      onApply(r.data.createSavedFilter.id, current);
    }
  }

  async function del() {
    if (!selected || !window.confirm(t('savedFilters.confirmDelete', { name: selected.name }))) return;
    const r = await remove({ id: selected.id });
    if (done(r.error, t('savedFilters.deleted'))) onApply(null, null);
  }

  return (
    <Group align="flex-end" gap="sm" role="group" aria-label={t('savedFilters.title')}>
      <NativeSelect label={t('savedFilters.title')} value={chosen ?? ''} w={240}
        onChange={(e) => {
          const f = mine.find((x) => x.id === e.currentTarget.value);
          onApply(f?.id ?? null, f ? fromSavedFilter(f) : null);
        }}
        data={[{ value: '', label: t('savedFilters.none') }, ...mine.map((f) => ({ value: f.id, label: f.name }))]} />
      {editing ? (
        <form onSubmit={(e) => { e.preventDefault(); void save(); }} style={{ display: 'contents' }}>
          <TextInput label={t('savedFilters.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} maxLength={100} w={220} data-autofocus />
          <Button type="submit" disabled={!name.trim()}>{t('form.save')}</Button>
          <Button variant="subtle" onClick={() => setEditing(null)}>{t('form.cancel')}</Button>
        </form>
      ) : (
        <>
          <Button variant="default" onClick={() => { setName(''); setEditing('new'); }}>{t('savedFilters.saveCurrent')}</Button>
          {selected && <Button variant="subtle" onClick={() => { setName(selected.name); setEditing('rename'); }}>{t('savedFilters.rename')}</Button>}
          {selected && <Button variant="subtle" color="red" onClick={del}>{t('savedFilters.delete')}</Button>}
        </>
      )}
    </Group>
  );
}
