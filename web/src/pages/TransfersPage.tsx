import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { Link } from 'react-router';
import { Anchor, Badge, Button, Card, Group, Stack, Tabs, Text, Textarea, Title } from '@mantine/core';
import { graphql } from '../gql';
import type { CaseTransfersQuery, TransferDirection } from '../gql/graphql';
import { useSession } from '../session';
import { notify } from '../notify';
import { stepErrorMessage } from '../api/errors';
import { formatDate } from '../format';
import { ErrorAlert, Loading } from '../components/common';

const CaseTransfersQueryDoc = graphql(`
  query CaseTransfers($direction: TransferDirection!) {
    caseTransfers(direction: $direction) {
      id status reason incoming requestedAt decidedAt declineReason familyID
      children adults danger categories caseStatus movedAt movedRecords
      community { id name }
      toCommunity { id name }
      case { id }
    }
  }
`);

const AcceptMutation = graphql(`mutation AcceptCaseTransfer($id: ID!) { acceptCaseTransfer(id: $id) { id status case { id } } }`);
const DeclineMutation = graphql(`mutation DeclineCaseTransfer($id: ID!, $reason: String!) { declineCaseTransfer(id: $id, reason: $reason) { id status } }`);
const WithdrawMutation = graphql(`mutation WithdrawCaseTransfer($id: ID!) { withdrawCaseTransfer(id: $id) { id status } }`);

type Transfer = CaseTransfersQuery['caseTransfers'][number];

const statusColor: Record<string, string> = { REQUESTED: 'orange', ACCEPTED: 'teal', DECLINED: 'red', WITHDRAWN: 'gray' };

/** The receiver's answer: accept (the records move here), or decline with the reason. */
function Answer({ id, onDone }: { id: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [acceptState, accept] = useMutation(AcceptMutation);
  const [declineState, decline] = useMutation(DeclineMutation);
  async function run(kind: 'accept' | 'decline') {
    setError(null);
    if (kind === 'decline' && !reason.trim()) return setError(t('transfer.declineReasonRequired'));
    const r = kind === 'accept' ? await accept({ id }) : await decline({ id, reason: reason.trim() });
    if (r.error) return setError(stepErrorMessage(t, r.error));
    notify({ color: 'teal', message: kind === 'accept' ? t('transfer.accepted') : t('transfer.declined') });
    onDone();
  }
  return (
    <Stack gap="xs">
      {!declining && <Text size="xs" c="dimmed">{t('transfer.acceptHint')}</Text>}
      {declining && <Textarea label={t('transfer.declineReason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={error} autosize minRows={2} required />}
      {!declining && error && <Text c="red" size="sm" role="alert">{error}</Text>}
      <Group gap="xs">
        {!declining && <Button size="xs" onClick={() => run('accept')} loading={acceptState.fetching}>{t('transfer.accept')}</Button>}
        {declining
          ? <><Button size="xs" color="red" onClick={() => run('decline')} loading={declineState.fetching}>{t('transfer.declineConfirm')}</Button>
            <Button size="xs" variant="default" onClick={() => setDeclining(false)}>{t('form.cancel')}</Button></>
          : <Button size="xs" variant="default" onClick={() => setDeclining(true)}>{t('transfer.decline')}</Button>}
      </Group>
    </Stack>
  );
}

function TransferCard({ tr, reload }: { tr: Transfer; reload: () => void }) {
  const { t, i18n } = useTranslation();
  const { can } = useSession();
  const [, withdraw] = useMutation(WithdrawMutation);
  const lang = i18n.language;
  return (
    <Card withBorder padding="sm" component="article">
      <Stack gap={4}>
        <Group justify="space-between">
          <Text fw={600}>{tr.incoming ? `${t('transfer.from')}: ${tr.community.name}` : `${t('transfer.to')}: ${tr.toCommunity.name}`}</Text>
          <Badge color={statusColor[tr.status]} variant="light">{t(`transferStatus.${tr.status}`)}</Badge>
        </Group>
        <Text size="sm">{tr.reason}</Text>
        <Text size="sm">{t('transfer.summary', { children: tr.children, adults: tr.adults })}
          {tr.categories?.length ? ` · ${t('transfer.categories')}: ${tr.categories.map((x) => t(`category.${x}`, { defaultValue: x })).join(', ')}` : ''}</Text>
        {tr.caseStatus && <Text size="xs" c="dimmed">{t('transfer.caseStatus')}: {t(`caseStatus.${tr.caseStatus}`, { defaultValue: tr.caseStatus })}</Text>}
        {tr.danger && <Text size="sm" c="red" fw={600}>{t('transfer.danger')}</Text>}
        <Text size="xs" c="dimmed">{t('transfer.requestedAt', { date: formatDate(lang, tr.requestedAt) })}
          {tr.decidedAt && <> · {t('transfer.decidedAt', { date: formatDate(lang, tr.decidedAt) })}</>}</Text>
        {tr.declineReason && <Text size="sm">{t('transfer.declineReason')}: {tr.declineReason}</Text>}
        {tr.movedAt && <Text size="xs" c="dimmed">{t('transfer.moved', { count: tr.movedRecords, date: formatDate(lang, tr.movedAt) })}</Text>}
        {tr.incoming && tr.status === 'REQUESTED' && can('case_transfer', 'update') && <Answer id={tr.id} onDone={reload} />}
        {!tr.incoming && tr.status === 'REQUESTED' && can('case_transfer', 'update') && (
          <Button size="compact-xs" variant="subtle" color="red" w="fit-content"
            onClick={async () => { const x = await withdraw({ id: tr.id }); if (x.error) notify({ color: 'red', message: stepErrorMessage(t, x.error) }); else { notify({ color: 'teal', message: t('transfer.withdrawn') }); reload(); } }}>
            {t('transfer.withdraw')}
          </Button>
        )}
        {tr.case && <Anchor component={Link} to={`/cases/${tr.case.id}`} size="sm">{t('transfer.openCase')}</Anchor>}
        {!tr.case && tr.incoming && tr.status === 'ACCEPTED' && tr.familyID && <Anchor component={Link} to={`/families/${tr.familyID}`} size="sm">{t('transfer.openFamily')}</Anchor>}
      </Stack>
    </Card>
  );
}

function List({ direction }: { direction: TransferDirection }) {
  const { t } = useTranslation();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: CaseTransfersQueryDoc, variables: { direction } });
  const reload = () => reexecute({ requestPolicy: 'network-only' });
  if (fetching && !data) return <Loading />;
  const items = data?.caseTransfers ?? [];
  return (
    <Stack gap="xs">
      <ErrorAlert error={data ? undefined : error} />
      {items.length === 0 ? <Text c="dimmed">{t('transfer.none')}</Text> : items.map((tr) => <TransferCard key={tr.id} tr={tr} reload={reload} />)}
    </Stack>
  );
}

/** Transfers of cases between communities: requests addressed to the viewer's communities, and those they sent. */
export default function TransfersPage() {
  const { t } = useTranslation();
  return (
    <Stack maw={960}>
      <Title order={1} size="h2">{t('transfer.pageTitle')}</Title>
      <Tabs defaultValue="incoming" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="incoming">{t('transfer.incoming')}</Tabs.Tab>
          <Tabs.Tab value="outgoing">{t('transfer.outgoing')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="incoming" pt="md"><List direction="INCOMING" /></Tabs.Panel>
        <Tabs.Panel value="outgoing" pt="md"><List direction="OUTGOING" /></Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
