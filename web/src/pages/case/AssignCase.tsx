import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { Button, Group, NativeSelect, TextInput } from '@mantine/core';
import { graphql } from '../../gql';
import { notify } from '../../notify';
import { stepErrorMessage } from '../../api/errors';
import { CaseManagersQuery } from '../tasks/CaseloadPage';

const AssignCaseMutation = graphql(`
  mutation AssignCase($caseID: ID!, $managerID: ID!, $note: String) {
    assignCase(caseID: $caseID, managerID: $managerID, note: $note) { id manager { id displayName } }
  }
`);

/**
 * A supervisor makes a worker of the community who may manage cases the
 * case's manager; the worker (and the manager replaced) are told.
 */
export function AssignCase({ caseID, communityID, managerID, reload }: { caseID: string; communityID: string; managerID?: string | null; reload: () => void }) {
  const { t } = useTranslation();
  const [{ data }] = useQuery({ query: CaseManagersQuery, variables: { communityID } });
  const [{ fetching }, assign] = useMutation(AssignCaseMutation);
  const [who, setWho] = useState('');
  const [note, setNote] = useState('');
  const people = (data?.caseManagers ?? []).filter((p) => p.id !== managerID);

  async function submit() {
    const r = await assign({ caseID, managerID: who, note: note.trim() || null });
    if (r.error) { notify({ color: 'red', message: stepErrorMessage(t, r.error) }); return; }
    notify({ color: 'teal', message: t('assign.done', { name: r.data?.assignCase.manager?.displayName ?? '' }) });
    setWho(''); setNote('');
    reload();
  }

  return (
    <Group align="flex-end" gap="xs" className="no-print">
      <NativeSelect label={t('assign.to')} value={who} onChange={(e) => setWho(e.currentTarget.value)} size="xs"
        data={[{ value: '', label: t('assign.choose') }, ...people.map((p) => ({ value: p.id, label: p.displayName }))]} />
      <TextInput label={t('assign.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} size="xs" w={220} />
      <Button size="xs" onClick={submit} disabled={!who} loading={fetching}>{t('assign.submit')}</Button>
    </Group>
  );
}
