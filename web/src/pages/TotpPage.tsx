import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { Link } from 'react-router';
import { Alert, Button, Code, List, Stack, Text, TextInput, Title } from '@mantine/core';
import { QRCodeSVG } from 'qrcode.react';
import { graphql } from '../gql';
import { errorMessage } from '../api/errors';
import { useSession } from '../session';

const BeginMutation = graphql(`
  mutation BeginTOTP { beginTOTPEnrollment { secret otpauthURL } }
`);
const ConfirmMutation = graphql(`
  mutation ConfirmTOTP($code: String!) { confirmTOTPEnrollment(code: $code) }
`);

export function TotpPage() {
  const enabled = !!useSession().viewer.user?.totpEnabled;
  const { t } = useTranslation();
  const [begin, beginTOTP] = useMutation(BeginMutation);
  const [confirm, confirmTOTP] = useMutation(ConfirmMutation);
  const [code, setCode] = useState('');
  const [recovery, setRecovery] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const key = begin.data?.beginTOTPEnrollment;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const r = await confirmTOTP({ code: code.trim() });
    if (r.error) return setError(errorMessage(t, r.error));
    setRecovery(r.data?.confirmTOTPEnrollment ?? []);
  }

  return (
    <Stack maw={560}>
      <Title order={1} size="h2">{t('totp.title')}</Title>
      <div aria-live="polite">{error && <Alert color="red" role="alert">{error}</Alert>}</div>
      {recovery ? (
        <>
          <Alert color="green">{t('totp.done')}</Alert>
          <Text>{t('totp.recovery')}</Text>
          <List spacing={4}>{recovery.map((c) => <List.Item key={c}><Code>{c}</Code></List.Item>)}</List>
          <Button component={Link} to="/">{t('totp.home')}</Button>
        </>
      ) : enabled ? (
        <Alert color="green">{t('totp.enabled')}</Alert>
      ) : !key ? (
        <>
          <Text>{t('totp.intro')}</Text>
          <Button onClick={async () => { const r = await beginTOTP({}); if (r.error) setError(errorMessage(t, r.error)); }}
            loading={begin.fetching} w="fit-content">{t('totp.start')}</Button>
        </>
      ) : (
        <form onSubmit={submit}>
          <Stack>
            <Text>{t('totp.intro')}</Text>
            <QRCodeSVG value={key.otpauthURL} size={192} aria-label="QR" />
            <Text size="sm">{t('totp.secret')}: <Code>{key.secret}</Code></Text>
            <TextInput label={t('totp.code')} autoComplete="one-time-code" inputMode="numeric" required
              value={code} onChange={(e) => setCode(e.currentTarget.value)} />
            <Button type="submit" loading={confirm.fetching} w="fit-content">{t('totp.confirm')}</Button>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
export default TotpPage;
