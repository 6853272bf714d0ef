import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { Alert, Center, Loader, Stack, Text, Title } from '@mantine/core';
import { graphql } from './gql';
import { errorMessage } from './api/errors';
import { returnKey } from './api/client';
import { Layout } from './components/Layout';
import { LoginPage } from './pages/LoginPage';
import { HomePage } from './pages/HomePage';
import { TotpPage } from './pages/TotpPage';

export const ViewerQueryDoc = graphql(`
  query Viewer {
    viewer {
      totpEnrollmentRequired
      user { id email displayName totpEnabled }
      memberships {
        id
        role
        organization { id name kind }
        community { id name katottgCode kind requireTotp region { id name katottgCode } district { id name } }
        region { id name katottgCode }
      }
    }
  }
`);

function NoAccess() {
  const { t } = useTranslation();
  return (
    <Stack>
      <Title order={1} size="h2">{t('noAccess.title')}</Title>
      <Text>{t('noAccess.text')}</Text>
    </Stack>
  );
}

/** Everything behind sign-in: the viewer is loaded once and passed down. */
function SignedIn() {
  const { t } = useTranslation();
  const location = useLocation();
  // Always asked afresh: a cached answer from before sign-in would say nobody.
  const [{ data, fetching, error }] = useQuery({ query: ViewerQueryDoc, requestPolicy: 'network-only' });
  if (fetching && !data) return <Center mih="50vh"><Loader aria-label={t('loading')} /></Center>;
  if (error && !data) return <Center p="xl"><Alert color="red" role="alert">{errorMessage(t, error)}</Alert></Center>;
  const viewer = data?.viewer;
  if (!viewer) {
    sessionStorage.setItem(returnKey, location.pathname + location.search);
    return <Navigate to="/login" replace />;
  }
  const enrol = viewer.totpEnrollmentRequired;
  return (
    <Layout userName={viewer.user?.displayName ?? ''}>
      <Routes>
        <Route path="/" element={enrol ? <Navigate to="/security/totp" replace /> : <HomePage viewer={viewer} />} />
        <Route path="/security/totp" element={<TotpPage enabled={!!viewer.user?.totpEnabled} />} />
        <Route path="*" element={<NoAccess />} />
      </Routes>
    </Layout>
  );
}

export function App() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route path="/*" element={<SignedIn />} />
    </Routes>
  );
}
