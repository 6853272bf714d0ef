import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { Alert, Badge, Button, Group, PasswordInput, Stack, Table, Text, Title } from '@mantine/core';
import { graphql } from '../gql';
import { errorField, errorMessage } from '../api/errors';
import { formatDateTime } from '../format';
import { ErrorAlert, Loading } from '../components/common';
import { notify } from '../notify';

const SessionsQuery = graphql(`
  query MySessions { mySessions { id createdAt lastSeenAt expiresAt remoteAddress current } }
`);
const ChangePasswordMutation = graphql(`
  mutation ChangePassword($current: String!, $next: String!) { changePassword(currentPassword: $current, newPassword: $next) }
`);
const RevokeSessionMutation = graphql(`
  mutation RevokeSession($id: ID!) { revokeSession(id: $id) }
`);

/** The signed-in person's own account: their password and where they are signed in. */
export function AccountPage() {
  const { t } = useTranslation();
  return (
    <Stack maw={760}>
      <Title order={1} size="h2">{t('account.title')}</Title>
      <ChangePassword />
      <Sessions />
    </Stack>
  );
}

function ChangePassword() {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<{ field?: string; message: string } | null>(null);
  const [state, change] = useMutation(ChangePasswordMutation);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (next !== repeat) return setError({ field: 'repeat', message: t('account.mismatch') });
    const r = await change({ current, next });
    if (r.error) return setError({ field: errorField(r.error), message: errorMessage(t, r.error) });
    setError(null);
    setCurrent('');
    setNext('');
    setRepeat('');
    notify({ color: 'teal', message: t('account.changed') });
  }

  const on = (field: string) => (error?.field === field ? error.message : undefined);
  return (
    <form onSubmit={submit} aria-labelledby="change-password">
      <Stack maw={420}>
        <Title order={2} size="h3" id="change-password">{t('account.changePassword')}</Title>
        <Text size="sm" c="dimmed">{t('account.policy')}</Text>
        <PasswordInput label={t('account.current')} value={current} onChange={(e) => setCurrent(e.currentTarget.value)}
          autoComplete="current-password" required error={on('currentPassword')} />
        <PasswordInput label={t('account.new')} value={next} onChange={(e) => setNext(e.currentTarget.value)}
          autoComplete="new-password" required minLength={12} error={on('newPassword')} />
        <PasswordInput label={t('account.repeat')} value={repeat} onChange={(e) => setRepeat(e.currentTarget.value)}
          autoComplete="new-password" required error={on('repeat')} />
        <div aria-live="polite">
          {error && !['currentPassword', 'newPassword', 'repeat'].includes(error.field ?? '') && <Alert color="red" role="alert">{error.message}</Alert>}
        </div>
        <Group><Button type="submit" loading={state.fetching}>{t('account.save')}</Button></Group>
      </Stack>
    </form>
  );
}

function Sessions() {
  const { t, i18n } = useTranslation();
  const [{ data, fetching, error }, reload] = useQuery({ query: SessionsQuery, requestPolicy: 'network-only' });
  const [, revoke] = useMutation(RevokeSessionMutation);
  if (fetching && !data) return <Loading />;
  if (error) return <ErrorAlert error={error} />;

  async function end(id: string) {
    const r = await revoke({ id });
    if (r.error) return notify({ color: 'red', message: errorMessage(t, r.error) });
    notify({ color: 'teal', message: t('account.ended') });
    reload({ requestPolicy: 'network-only' });
  }

  return (
    <Stack>
      <Title order={2} size="h3">{t('account.sessions')}</Title>
      <Text size="sm" c="dimmed">{t('account.sessionsHint')}</Text>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('account.signedIn')}</Table.Th>
            <Table.Th>{t('account.lastSeen')}</Table.Th>
            <Table.Th>{t('account.address')}</Table.Th>
            <Table.Th><span className="visually-hidden">{t('account.actions')}</span></Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(data?.mySessions ?? []).map((s) => (
            <Table.Tr key={s.id}>
              <Table.Td>{formatDateTime(i18n.language, s.createdAt)}</Table.Td>
              <Table.Td>{formatDateTime(i18n.language, s.lastSeenAt)}</Table.Td>
              <Table.Td>{s.remoteAddress ?? '—'}</Table.Td>
              <Table.Td>
                {s.current ? <Badge variant="light">{t('account.thisSession')}</Badge> : (
                  <Button size="xs" variant="default" onClick={() => end(s.id)}>{t('account.end')}</Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

export default AccountPage;
