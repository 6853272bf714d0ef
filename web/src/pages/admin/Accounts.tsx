import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { Alert, Badge, Button, Group, Modal, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { graphql } from '../../gql';
import { errorField, errorMessage } from '../../api/errors';
import { useSession } from '../../session';
import { formatDateTime } from '../../format';
import { ErrorAlert, Loading } from '../../components/common';
import { TableHead } from '../../components/TableHead';
import { notify } from '../../notify';

const MembersQuery = graphql(`
  query CommunityMembers($communityID: ID!) {
    communityMembers(communityID: $communityID) {
      id role
      user { id displayName email disabled totpEnabled totpEnrollmentDue passwordResetSentAt }
    }
  }
`);
const DisableMutation = graphql(`
  mutation DisableUser($input: AccountActionInput!) { disableUser(input: $input) { id disabled } }
`);
const EnableMutation = graphql(`
  mutation EnableUser($input: AccountActionInput!) { enableUser(input: $input) { id disabled } }
`);
const ResetFactorMutation = graphql(`
  mutation ResetSecondFactor($input: AccountActionInput!) { resetSecondFactor(input: $input) { id totpEnabled totpEnrollmentDue } }
`);
const SendResetMutation = graphql(`
  mutation SendPasswordResetLink($input: AccountActionInput!) { sendPasswordResetLink(input: $input) { id passwordResetSentAt } }
`);

type Action = 'disable' | 'enable' | 'resetFactor' | 'sendReset';
type Account = { id: string; displayName: string; email: string; disabled: boolean; totpEnabled: boolean;
  totpEnrollmentDue: boolean; passwordResetSentAt?: string | null; roles: string[] };

/**
 * The people working in the community, one row an account: its state and
 * what the administrator may do with it, each with a confirmation and a
 * reason kept in the audit log. An account that also works elsewhere is
 * refused by the server (the operator runs it); one's own has no buttons.
 */
export function CommunityAccounts({ communityID }: { communityID: string }) {
  const { t, i18n } = useTranslation();
  const { viewer } = useSession();
  const [{ data, fetching, error }, reload] = useQuery({ query: MembersQuery, variables: { communityID }, requestPolicy: 'cache-and-network' });
  const [asking, setAsking] = useState<{ action: Action; account: Account } | null>(null);
  if (fetching && !data) return <Loading />;
  if (error) return <ErrorAlert error={error} />;
  const accounts = new Map<string, Account>();
  for (const m of data?.communityMembers ?? []) {
    const a = accounts.get(m.user.id) ?? { ...m.user, roles: [] };
    a.roles.push(t(`roles.${m.role}`));
    accounts.set(m.user.id, a);
  }
  return (
    <Stack>
      <Title order={2} size="h4">{t('accounts.title')}</Title>
      <Text size="sm" c="dimmed">{t('accounts.hint')}</Text>
      <Table.ScrollContainer minWidth={760}>
        <Table striped>
          <TableHead columns={[t('accounts.person'), t('home.role'), t('accounts.state'), <span className="visually-hidden">{t('form.actions')}</span>]} />
          <Table.Tbody>
            {[...accounts.values()].map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td><Text size="sm">{a.displayName}</Text><Text size="xs" c="dimmed">{a.email}</Text></Table.Td>
                <Table.Td>{a.roles.join(', ')}</Table.Td>
                <Table.Td><State account={a} lang={i18n.language} /></Table.Td>
                <Table.Td>
                  {a.id !== viewer.user?.id && (
                    <Group gap={4}>
                      {a.disabled
                        ? <Button size="compact-xs" variant="light" onClick={() => setAsking({ action: 'enable', account: a })}>{t('accounts.enable')}</Button>
                        : <Button size="compact-xs" variant="light" color="red" onClick={() => setAsking({ action: 'disable', account: a })}>{t('accounts.disable')}</Button>}
                      {a.totpEnabled && <Button size="compact-xs" variant="subtle" onClick={() => setAsking({ action: 'resetFactor', account: a })}>{t('accounts.resetFactor')}</Button>}
                      {!a.disabled && <Button size="compact-xs" variant="subtle" onClick={() => setAsking({ action: 'sendReset', account: a })}>{t('accounts.sendReset')}</Button>}
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {asking && <Confirm {...asking} onClose={(changed) => { setAsking(null); if (changed) reload({ requestPolicy: 'network-only' }); }} />}
    </Stack>
  );
}

function State({ account: a, lang }: { account: Account; lang: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap={2}>
      <Group gap={4}>
        {a.disabled ? <Badge color="red" variant="light">{t('accounts.disabled')}</Badge> : <Badge color="teal" variant="light">{t('accounts.active')}</Badge>}
        {a.totpEnabled && <Badge variant="outline">{t('accounts.totpOn')}</Badge>}
        {a.totpEnrollmentDue && <Badge color="yellow" variant="light">{t('accounts.totpDue')}</Badge>}
      </Group>
      {a.passwordResetSentAt && <Text size="xs" c="dimmed">{t('accounts.resetSentAt', { at: formatDateTime(lang, a.passwordResetSentAt) })}</Text>}
    </Stack>
  );
}

function Confirm({ action, account, onClose }: { action: Action; account: Account; onClose: (changed: boolean) => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<{ field?: string; message: string } | null>(null);
  const mutations = {
    disable: useMutation(DisableMutation), enable: useMutation(EnableMutation),
    resetFactor: useMutation(ResetFactorMutation), sendReset: useMutation(SendResetMutation),
  };
  const [{ fetching }, run] = mutations[action];

  async function confirm() {
    if (!reason.trim()) return setError({ field: 'reason', message: t('accounts.reasonRequired') });
    const r = await run({ input: { userID: account.id, reason: reason.trim() } });
    if (r.error) return setError({ field: errorField(r.error), message: r.error.graphQLErrors[0]?.extensions?.code === 'NOT_FOUND' ? t('accounts.notYours') : errorMessage(t, r.error) });
    notify({ color: 'teal', message: t(`accounts.${action}Done`, { name: account.displayName }) });
    onClose(true);
  }

  return (
    <Modal opened onClose={() => onClose(false)} title={t(`accounts.${action}Title`, { name: account.displayName })}
      closeButtonProps={{ 'aria-label': t('form.close') }}>
      <Stack>
        <Text size="sm">{t(`accounts.${action}Explain`)}</Text>
        {error && error.field !== 'reason' && <Alert color="red" role="alert">{error.message}</Alert>}
        <Textarea label={t('accounts.reason')} description={t('accounts.reasonHint')} required autosize minRows={2} maxLength={500}
          value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={error?.field === 'reason' ? error.message : undefined} data-autofocus />
        <Group justify="flex-end">
          <Button variant="default" onClick={() => onClose(false)}>{t('form.cancel')}</Button>
          <Button color={action === 'disable' ? 'red' : undefined} loading={fetching} onClick={confirm}>{t(`accounts.${action}`)}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
