import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { Link, useLocation } from 'react-router';
import { Alert, Anchor, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { graphql } from '../gql';
import { errorField, errorMessage } from '../api/errors';
import { LanguageSwitcher } from '../components/LanguageSwitcher';

const RequestResetMutation = graphql(`
  mutation RequestPasswordReset($email: String!) { requestPasswordReset(email: $email) }
`);
const ResetPasswordMutation = graphql(`
  mutation ResetPassword($token: String!, $password: String!) { resetPassword(token: $token, newPassword: $password) }
`);

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The frame the sign-in page has: a card in the middle of the screen. */
function Frame({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Center mih="100vh" p="md" component="main" id="main">
      <Paper withBorder shadow="sm" p="xl" radius="md" w={420} maw="100%">
        <Stack>
          <div>
            <Title order={1} size="h2">{t('app.name')}</Title>
            <Text c="dimmed" size="sm">{t('app.tagline')}</Text>
          </div>
          <Title order={2} size="h4">{title}</Title>
          {children}
          <Anchor component={Link} to="/login" size="sm">{t('reset.backToLogin')}</Anchor>
          <LanguageSwitcher />
        </Stack>
      </Paper>
    </Center>
  );
}

/**
 * «Забули пароль?»: asks for a link by e-mail. The answer is the same
 * whether or not the address has an account, so the page says only that a
 * link goes out if it does.
 */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const [{ fetching }, request] = useMutation(RequestResetMutation);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!emailPattern.test(email.trim())) return setFieldError(t('login.invalidEmail'));
    setFieldError(undefined);
    const r = await request({ email: email.trim() });
    if (r.error) return setError(errorMessage(t, r.error));
    setError(null);
    setSent(true);
  }

  return (
    <Frame title={t('reset.forgotTitle')}>
      {sent ? <Alert color="teal" role="status">{t('reset.sent')}</Alert> : (
        <form onSubmit={submit} noValidate>
          <Stack>
            <Text size="sm">{t('reset.forgotHint')}</Text>
            <div aria-live="assertive">{error && <Alert color="red" role="alert">{error}</Alert>}</div>
            <TextInput label={t('login.email')} type="email" autoComplete="username" required autoFocus
              value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={fieldError} />
            <Button type="submit" loading={fetching}>{t('reset.send')}</Button>
          </Stack>
        </form>
      )}
    </Frame>
  );
}

/** The token of the link: in the fragment, which no server ever sees. */
function linkToken(hash: string): string {
  return new URLSearchParams(hash.replace(/^#/, '')).get('token') ?? '';
}

/** The page an e-mailed link opens: a new password, under the same policy as any. */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const location = useLocation();
  const [token] = useState(() => linkToken(location.hash));
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<{ field?: string; message: string } | null>(null);
  const [done, setDone] = useState(false);
  const [{ fetching }, reset] = useMutation(ResetPasswordMutation);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (password !== repeat) return setError({ field: 'repeat', message: t('account.mismatch') });
    const r = await reset({ token, password });
    if (r.error) return setError({ field: errorField(r.error), message: errorMessage(t, r.error) });
    setError(null);
    setDone(true);
  }

  const on = (field: string) => (error?.field === field ? error.message : undefined);
  if (!token) return <Frame title={t('reset.title')}><Alert color="red" role="alert">{t('errors.RESET_LINK_INVALID')}</Alert></Frame>;
  return (
    <Frame title={t('reset.title')}>
      {done ? <Alert color="teal" role="status">{t('reset.done')}</Alert> : (
        <form onSubmit={submit} noValidate>
          <Stack>
            <Text size="sm" c="dimmed">{t('reset.policy')}</Text>
            <div aria-live="assertive">
              {error && !['newPassword', 'repeat'].includes(error.field ?? '') && <Alert color="red" role="alert">{error.message}</Alert>}
            </div>
            <PasswordInput label={t('account.new')} value={password} onChange={(e) => setPassword(e.currentTarget.value)}
              autoComplete="new-password" required minLength={12} error={on('newPassword')} autoFocus />
            <PasswordInput label={t('account.repeat')} value={repeat} onChange={(e) => setRepeat(e.currentTarget.value)}
              autoComplete="new-password" required error={on('repeat')} />
            <Button type="submit" loading={fetching}>{t('reset.save')}</Button>
          </Stack>
        </form>
      )}
    </Frame>
  );
}
