import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { Alert, Button, Group, Modal, NativeSelect, Stack, Text, Textarea, Title } from '@mantine/core';
import { graphql } from '../../gql';
import { useSession } from '../../session';
import { notify } from '../../notify';
import { stepErrorMessage } from '../../api/errors';
import { ErrorAlert, Loading, NoAccess } from '../../components/common';

export const CaseManagersQuery = graphql(`
  query CaseManagers($communityID: ID!) { caseManagers(communityID: $communityID) { id displayName } }
`);

const CaseloadQuery = graphql(`
  query Caseload($where: CaseWhereInput!) { cases(first: 1, where: $where) { totalCount } }
`);

const ReassignMutation = graphql(`
  mutation ReassignCaseload($input: ReassignCaseloadInput!) { reassignCaseload(input: $input) { id manager { id displayName } } }
`);

/** The open cases of a worker: those a caseload hand-over moves. */
export function openCasesOf(communityID: string, managerID: string) {
  return { communityID, managerID, statusNotIn: ['CLOSED' as const, 'TRANSFERRED' as const] };
}

/**
 * A supervisor hands a departing worker's open cases to another worker in
 * one step, after a confirmation that says how many cases move.
 */
export function CaseloadPage() {
  const { t } = useTranslation();
  const { community, can } = useSession();
  const communityID = community?.id ?? '';
  const [params] = useSearchParams();
  const [from, setFrom] = useState(params.get('from') ?? '');
  const [to, setTo] = useState('');
  const [note, setNote] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [{ data, fetching, error }] = useQuery({ query: CaseManagersQuery, variables: { communityID }, pause: !community });
  const [load, reloadLoad] = useQuery({ query: CaseloadQuery, variables: { where: openCasesOf(communityID, from) }, pause: !from, requestPolicy: 'network-only' });
  const [move, reassign] = useMutation(ReassignMutation);
  if (!can('case_assignment', 'create')) return <NoAccess />;
  const people = data?.caseManagers ?? [];
  const name = (id: string) => people.find((p) => p.id === id)?.displayName ?? '';
  const count = from ? load.data?.cases.totalCount ?? 0 : 0;

  async function submit() {
    const r = await reassign({ input: { communityID, fromUserID: from, toUserID: to, note: note.trim() || null } });
    setConfirming(false);
    if (r.error) { notify({ color: 'red', message: stepErrorMessage(t, r.error) }); return; }
    notify({ color: 'teal', message: t('caseload.done', { count: r.data?.reassignCaseload.length ?? 0, to: name(to) }) });
    reloadLoad({ requestPolicy: 'network-only' });
  }

  const options = [{ value: '', label: t('caseload.choose') }, ...people.map((p) => ({ value: p.id, label: p.displayName }))];
  return (
    <Stack gap="md" maw={640}>
      <Title order={1} size="h2">{t('caseload.title')}</Title>
      <Text size="sm" c="dimmed">{t('caseload.intro')}</Text>
      <ErrorAlert error={error} />
      {fetching && !data ? <Loading /> : (
        <Stack gap="sm">
          <NativeSelect label={t('caseload.from')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} data={options} />
          {from && !load.fetching && <Text size="sm" aria-live="polite">{t('caseload.open', { count })}</Text>}
          <NativeSelect label={t('caseload.to')} value={to} onChange={(e) => setTo(e.currentTarget.value)}
            data={options.filter((o) => o.value === '' || o.value !== from)} />
          <Textarea label={t('caseload.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={2} />
          <Group>
            <Button onClick={() => setConfirming(true)} disabled={!from || !to || from === to || count === 0}>{t('caseload.submit')}</Button>
          </Group>
        </Stack>
      )}
      <Modal closeButtonProps={{ 'aria-label': t('form.close') }} opened={confirming} onClose={() => setConfirming(false)} title={t('caseload.confirmTitle')}>
        <Stack gap="sm">
          <Alert color="orange">{t('caseload.confirm', { count, from: name(from), to: name(to) })}</Alert>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>{t('form.cancel')}</Button>
            <Button onClick={submit} loading={move.fetching}>{t('caseload.confirmButton', { count })}</Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

export default CaseloadPage;
