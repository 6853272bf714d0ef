import { createElement, lazy, Suspense, useEffect, useState, type ComponentType, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery, type CombinedError, type RequestPolicy } from 'urql';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { Alert, Center, Loader } from '@mantine/core';
import { graphql } from './gql';
import { errorCode, errorMessage } from './api/errors';
import { returnKey } from './api/client';
import { Layout } from './components/Layout';
import { Invitations } from './components/Invitations';
import { Loading, NoAccess } from './components/common';
import { SessionProvider, useSession } from './session';
import { LoginPage } from './pages/LoginPage';
import { ForgotPasswordPage, ResetPasswordPage } from './pages/PasswordResetPage';
import { usePageTitle } from './pageTitle';

export const ViewerQueryDoc = graphql(`
  query Viewer {
    viewer {
      totpEnrollmentRequired
      user { id email displayName totpEnabled }
      memberships {
        id
        role
        customRole { label { uk en } }
        organization { id name kind }
        community { id name katottgCode kind requireTotp region { id name katottgCode } district { id name } }
        region { id name katottgCode }
      }
    }
    myInvitations { id role customRole { label { uk en } } community { id name } organization { id name } }
  }
`);

type Loader = () => Promise<{ default: ComponentType }>;

let viewerPrefetched = false;
/** The app asked for the viewer as it started; the first sign-in check may use that answer. */
export function markViewerPrefetch() {
  viewerPrefetched = true;
}
function takeViewerPrefetch() {
  const was = viewerPrefetched;
  viewerPrefetched = false;
  return was;
}

/** Each page is its own chunk: the first load carries only the shell. */
export const pages = {
  home: () => import('./pages/HomePage'),
  totp: () => import('./pages/TotpPage'),
  account: () => import('./pages/AccountPage'),
  report: () => import('./pages/ReportPage'),
  reports: () => import('./pages/ReportsPage'),
  cases: () => import('./pages/CasesPage'),
  tasks: () => import('./pages/tasks/TasksPage'),
  caseload: () => import('./pages/tasks/CaseloadPage'),
  team: () => import('./pages/tasks/TeamPage'),
  case: () => import('./pages/case/CasePage'),
  referrals: () => import('./pages/ReferralsPage'),
  transfers: () => import('./pages/TransfersPage'),
  approvals: () => import('./pages/ApprovalsPage'),
  people: () => import('./pages/PeoplePage'),
  family: () => import('./pages/FamilyPage'),
  person: () => import('./pages/PersonPage'),
  register: () => import('./pages/RegisterPage'),
  parentalCare: () => import('./pages/ParentalCarePage'),
  commission: () => import('./pages/CommissionPage'),
  notifications: () => import('./pages/NotificationsPage'),
  admin: () => import('./pages/admin/AdminPage'),
  audit: () => import('./pages/AuditPage'),
  indicators: () => import('./pages/indicators/IndicatorsPage'),
  serviceMap: () => import('./pages/servicemap/ServiceMapPage'),
  oversightCases: () => import('./pages/oversight/DeidentifiedCasesPage'),
  emergencyAccesses: () => import('./pages/oversight/EmergencyAccessesPage'),
  vouchers: () => import('./pages/vouchers/VouchersPage'),
  voucherProgramme: () => import('./pages/vouchers/ProgrammePage'),
  workforce: () => import('./pages/workforce/WorkforcePage'),
  staffPosition: () => import('./pages/workforce/PositionPage'),
  training: () => import('./pages/workforce/TrainingPage'),
  groups: () => import('./pages/groups/GroupsPage'),
  group: () => import('./pages/groups/GroupPage'),
  groupMinutes: () => import('./pages/groups/MinutesPage'),
  supervision: () => import('./pages/supervision/SupervisionPage'),
} satisfies Record<string, Loader>;

const routes: { path: string; page: keyof typeof pages }[] = [
  { path: '/', page: 'home' },
  { path: '/security/totp', page: 'totp' },
  { path: '/security/account', page: 'account' },
  { path: '/reports/new', page: 'report' },
  { path: '/reports', page: 'reports' },
  { path: '/cases', page: 'cases' },
  { path: '/tasks', page: 'tasks' },
  { path: '/caseload', page: 'caseload' },
  { path: '/team', page: 'team' },
  { path: '/cases/:id/*', page: 'case' },
  { path: '/referrals', page: 'referrals' },
  { path: '/transfers', page: 'transfers' },
  { path: '/approvals', page: 'approvals' },
  { path: '/people', page: 'people' },
  { path: '/families/:id', page: 'family' },
  { path: '/persons/:id', page: 'person' },
  { path: '/register', page: 'register' },
  { path: '/children-without-parental-care', page: 'parentalCare' },
  { path: '/commission', page: 'commission' },
  { path: '/notifications', page: 'notifications' },
  { path: '/admin/*', page: 'admin' },
  { path: '/audit', page: 'audit' },
  { path: '/indicators', page: 'indicators' },
  { path: '/service-map', page: 'serviceMap' },
  { path: '/oversight/cases', page: 'oversightCases' },
  { path: '/emergency-accesses', page: 'emergencyAccesses' },
  { path: '/vouchers', page: 'vouchers' },
  { path: '/vouchers/:id', page: 'voucherProgramme' },
  { path: '/workforce', page: 'workforce' },
  { path: '/workforce/:id', page: 'staffPosition' },
  { path: '/training', page: 'training' },
  { path: '/groups', page: 'groups' },
  { path: '/groups/:id', page: 'group' },
  { path: '/groups/:id/meetings/:meetingId', page: 'groupMinutes' },
  { path: '/supervision', page: 'supervision' },
];

/**
 * A lazy page that renders at once when its chunk is already here (it was
 * preloaded at start): React would otherwise suspend for a tick and hold the
 * page back by its fallback throttle.
 */
function lazyPage(load: Loader): { Page: ComponentType; load: () => Promise<unknown> } {
  let loaded: ComponentType | null = null;
  const get = () => load().then((m) => { loaded = m.default; return m; });
  const Lazy = lazy(get);
  return { Page: () => (loaded ? createElement(loaded) : <Lazy />), load: get };
}

const lazyPages = Object.fromEntries(Object.entries(pages).map(([k, load]) => [k, lazyPage(load as Loader)])) as Record<keyof typeof pages, ReturnType<typeof lazyPage>>;

/** Starts loading the chunk of the page at a path before the viewer is known. */
export function preloadPage(pathname: string) {
  const first = pathname.split('/')[1] ?? '';
  const match: Record<string, keyof typeof pages> = {
    '': 'home', cases: pathname.split('/').length > 2 ? 'case' : 'cases', reports: pathname.endsWith('/new') ? 'report' : 'reports',
    people: 'people', families: 'family', persons: 'person', referrals: 'referrals', transfers: 'transfers', approvals: 'approvals',
    tasks: 'tasks', caseload: 'caseload', team: 'team', register: 'register', commission: 'commission', notifications: 'notifications', admin: 'admin', audit: 'audit', security: pathname.endsWith('/account') ? 'account' : 'totp', indicators: 'indicators',
    'service-map': 'serviceMap', oversight: 'oversightCases', 'emergency-accesses': 'emergencyAccesses', vouchers: pathname.split('/').length > 2 ? 'voucherProgramme' : 'vouchers',
    workforce: pathname.split('/').length > 2 ? 'staffPosition' : 'workforce', training: 'training', supervision: 'supervision',
    groups: pathname.split('/').length > 4 ? 'groupMinutes' : pathname.split('/').length > 2 ? 'group' : 'groups',
  };
  const page = match[first];
  if (page) void lazyPages[page].load().catch(() => undefined);
}

function Titled({ page, children }: { page: string; children: ReactNode }) {
  usePageTitle(page);
  return children;
}

function Pages() {
  const { viewer, community, permissions } = useSession();
  const location = useLocation();
  // Move focus to the page's content after each navigation, for keyboard and screen reader users.
  useEffect(() => {
    const main = document.getElementById('main');
    if (main && document.activeElement !== main && document.activeElement?.closest('nav')) main.focus();
  }, [location.pathname]);
  if (viewer.totpEnrollmentRequired && location.pathname !== '/security/totp') return <Navigate to="/security/totp" replace />;
  // Pages decide what to offer by the permissions: wait for them.
  if (community && !permissions && !viewer.totpEnrollmentRequired) return <Loading />;
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        {routes.map(({ path, page }) => {
          const { Page } = lazyPages[page];
          return <Route key={path} path={path} element={<Titled page={page}><Page /></Titled>} />;
        })}
        <Route path="*" element={<NoAccess />} />
      </Routes>
    </Suspense>
  );
}

/**
 * The viewer could not be loaded. Offline (the app shell came from the
 * service worker) it says that drafts wait on the device, and tries again
 * as soon as the connection returns.
 */
function SignInFailed({ error, retry }: { error: CombinedError; retry: () => void }) {
  const { t } = useTranslation();
  const offline = errorCode(error) === 'NETWORK';
  useEffect(() => {
    if (!offline) return;
    window.addEventListener('online', retry);
    return () => window.removeEventListener('online', retry);
  }, [offline, retry]);
  return (
    <Center p="xl">
      <Alert color={offline ? 'yellow' : 'red'} role="alert">{offline ? t('drafts.offline') : errorMessage(t, error)}</Alert>
    </Center>
  );
}

/** Everything behind sign-in: the viewer is loaded once and shared. */
function SignedIn() {
  const { t } = useTranslation();
  const location = useLocation();
  // Asked afresh (a cached answer from before sign-in would say nobody),
  // unless the app asked for it a moment ago as it started.
  const [policy] = useState<RequestPolicy>(() => (takeViewerPrefetch() ? 'cache-first' : 'network-only'));
  const [{ data, fetching, error }, reloadViewer] = useQuery({ query: ViewerQueryDoc, requestPolicy: policy });
  if (fetching && !data) return <Center mih="50vh"><Loader aria-label={t('loading')} /></Center>;
  if (error && !data) return <SignInFailed error={error} retry={() => reloadViewer({ requestPolicy: 'network-only' })} />;
  const viewer = data?.viewer;
  if (!viewer) {
    sessionStorage.setItem(returnKey, location.pathname + location.search);
    return <Navigate to="/login" replace />;
  }
  return (
    <SessionProvider viewer={viewer}>
      <Layout>
        <Invitations list={data?.myInvitations ?? []} onAnswered={() => reloadViewer({ requestPolicy: 'network-only' })} />
        <Pages />
      </Layout>
    </SessionProvider>
  );
}

export function App() {
  return (
    <Routes>
      <Route path="/login" element={<Titled page="login"><LoginPage /></Titled>} />
      <Route path="/forgot-password" element={<Titled page="forgotPassword"><ForgotPasswordPage /></Titled>} />
      <Route path="/reset-password" element={<Titled page="resetPassword"><ResetPasswordPage /></Titled>} />
      <Route path="/*" element={<SignedIn />} />
    </Routes>
  );
}
