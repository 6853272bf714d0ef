import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, type CombinedError } from 'urql';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Alert, Anchor, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { graphql } from '../gql';
import { errorMessage, errorReason } from '../api/errors';
import { returnKey } from '../api/client';
import { LanguageSwitcher } from '../components/LanguageSwitcher';

export const LoginMutation = graphql(`
  mutation Login($input: LoginInput!) {
    login(input: $input) {
      expiresAt
      viewer { totpEnrollmentRequired user { id } }
    }
  }
`);

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [{ fetching }, login] = useMutation(LoginMutation);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [step, setStep] = useState<'password' | 'totp'>('password');
  const [fieldErrors, setFieldErrors] = useState<{ email?: string; password?: string; code?: string }>({});
  const [error, setError] = useState<string | null>(null);

  function validate() {
    const errs: typeof fieldErrors = {};
    if (!email.trim()) errs.email = t('login.required');
    else if (!emailPattern.test(email.trim())) errs.email = t('login.invalidEmail');
    if (!password) errs.password = t('login.required');
    if (step === 'totp' && !code.trim()) errs.code = t('login.required');
    setFieldErrors(errs);
    return Object.keys(errs).length === 0;
  }

  function onFailure(err: CombinedError) {
    if (errorReason(err) === 'TOTP_REQUIRED') {
      setStep('totp');
      setError(null);
      return;
    }
    setError(errorMessage(t, err));
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!validate()) return;
    const input = { email: email.trim(), password, totp: step === 'totp' ? code.trim() : null };
    const result = await login({ input });
    if (result.error) return onFailure(result.error);
    const enrol = result.data?.login.viewer.totpEnrollmentRequired;
    const back = sessionStorage.getItem(returnKey);
    sessionStorage.removeItem(returnKey);
    navigate(enrol ? '/security/totp' : back || '/', { replace: true });
  }

  return (
    <Center mih="100vh" p="md" component="main" id="main">
      <Paper withBorder shadow="sm" p="xl" radius="md" w={420} maw="100%">
        <form onSubmit={submit} noValidate aria-describedby="login-error">
          <Stack>
            <div>
              <Title order={1} size="h2">{t('app.name')}</Title>
              <Text c="dimmed" size="sm">{t('app.tagline')}</Text>
            </div>
            <Title order={2} size="h4">{step === 'password' ? t('login.title') : t('login.totpTitle')}</Title>
            {params.get('expired') && step === 'password' && <Alert color="blue">{t('login.expired')}</Alert>}
            <div id="login-error" aria-live="assertive">
              {error && <Alert color="red" role="alert">{error}</Alert>}
            </div>
            {step === 'password' ? (
              <>
                <TextInput label={t('login.email')} type="email" autoComplete="username" required
                  value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={fieldErrors.email} autoFocus />
                <PasswordInput label={t('login.password')} autoComplete="current-password" required
                  value={password} onChange={(e) => setPassword(e.currentTarget.value)} error={fieldErrors.password} />
                <Anchor component={Link} to="/forgot-password" size="sm">{t('login.forgot')}</Anchor>
              </>
            ) : (
              <>
                <Text size="sm">{t('login.totpHint')}</Text>
                <TextInput label={t('login.totpLabel')} autoComplete="one-time-code" inputMode="text" required autoFocus
                  value={code} onChange={(e) => setCode(e.currentTarget.value)} error={fieldErrors.code} />
              </>
            )}
            <Button type="submit" loading={fetching}>{step === 'password' ? t('login.submit') : t('login.totpSubmit')}</Button>
            {step === 'totp' && (
              <Button variant="subtle" onClick={() => { setStep('password'); setCode(''); setError(null); }}>
                {t('login.back')}
              </Button>
            )}
            <LanguageSwitcher />
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
