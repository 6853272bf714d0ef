import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { Link, NavLink, useLocation, useNavigate } from 'react-router';
import { Anchor, AppShell, Badge, Burger, Button, Group, Menu, NativeSelect, Stack, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { graphql } from '../gql';
import { useSession, type Session } from '../session';
import { communityName } from '../format';
import { LanguageSwitcher } from './LanguageSwitcher';
import { drillsDown, isOverseer, oversightOf } from '../pages/indicators/scope';
import { drafts } from '../drafts';
import { OfflineNotice, useDraftSync } from '../drafts/sync';
import { Shortcuts, ShortcutsButton } from './Shortcuts';

const LogoutMutation = graphql(`
  mutation Logout { logout }
`);

const UnreadQuery = graphql(`
  query Unread { unreadNotifications }
`);

export interface NavItem {
  to: string;
  label: string;
  show: (s: Session) => boolean;
}

/** The sections of the app, each shown only where the viewer's permissions allow. */
export const navItems: NavItem[] = [
  { to: '/', label: 'nav.home', show: () => true },
  { to: '/reports/new', label: 'nav.newReport', show: (s) => s.can('report', 'create') },
  { to: '/reports', label: 'nav.reports', show: (s) => s.can('report', 'read') && !s.can('case_file', 'read') },
  { to: '/tasks', label: 'nav.tasks', show: (s) => s.can('case_file', 'read') },
  { to: '/cases', label: 'nav.cases', show: (s) => s.can('case_file', 'read') },
  { to: '/team', label: 'nav.team', show: (s) => s.can('case_assignment', 'create') },
  { to: '/caseload', label: 'nav.caseload', show: (s) => s.can('case_assignment', 'create') },
  { to: '/referrals', label: 'nav.referrals', show: (s) => s.can('referral', 'read') },
  { to: '/transfers', label: 'nav.transfers', show: (s) => s.can('case_transfer', 'read') },
  { to: '/approvals', label: 'nav.approvals', show: (s) => s.can('approval', 'update') },
  { to: '/people', label: 'nav.people', show: (s) => s.can('person', 'read') },
  { to: '/register', label: 'nav.register', show: (s) => s.can('person', 'read') && s.can('decision', 'read') && s.can('violence_case', 'read') },
  { to: '/children-without-parental-care', label: 'nav.parentalCare', show: (s) => s.can('person', 'read') && s.can('placement', 'read') },
  { to: '/commission', label: 'nav.commission', show: (s) => s.can('commission_session', 'read') },
  { to: '/admin', label: 'nav.admin', show: (s) => s.can('membership', 'create') || s.can('organization', 'create') },
  { to: '/indicators', label: 'nav.indicators', show: (s) => s.can('indicator', 'read') || s.viewer.memberships.some((m) => !m.community) },
  { to: '/service-map', label: 'nav.serviceMap', show: (s) => s.can('provider_service', 'read') || isOverseer(s.viewer.memberships) },
  { to: '/oversight/cases', label: 'nav.oversightCases', show: (s) => drillsDown(oversightOf(s.viewer.memberships)) },
  { to: '/vouchers', label: 'nav.vouchers', show: (s) => s.can('voucher_programme', 'read') },
  { to: '/workforce', label: 'workforce.register', show: (s) => s.can('staff_position', 'read') },
  { to: '/training', label: 'workforce.calendar', show: (s) => s.can('training_event', 'read') },
  { to: '/groups', label: 'nav.groups', show: (s) => s.can('working_group', 'read') || s.can('working_group_activity', 'read') || isOverseer(s.viewer.memberships) },
  { to: '/supervision', label: 'nav.supervision', show: (s) => s.can('supervision_session', 'read') },
  { to: '/emergency-accesses', label: 'nav.emergency', show: (s) => !!s.community && s.can('emergency_access', 'read') },
  { to: '/audit', label: 'nav.audit', show: (s) => s.can('audit_event', 'read') },
];

function CommunitySwitcher() {
  const { t } = useTranslation();
  const { communities, community, setCommunity } = useSession();
  if (!community) return null;
  if (communities.length < 2) {
    return <Text size="sm" c="dimmed" truncate maw={260} visibleFrom="sm">{communityName(t, community)}</Text>;
  }
  return (
    <NativeSelect
      aria-label={t('shell.community')}
      size="xs"
      value={community.id}
      onChange={(e) => setCommunity(e.currentTarget.value)}
      data={communities.map((c) => ({ value: c.id, label: communityName(t, c) }))}
      maw={260}
    />
  );
}

function NotificationsButton() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const [{ data }, refetch] = useQuery({ query: UnreadQuery, requestPolicy: 'cache-and-network' });
  // Counted afresh on every page: reading a case or the list marks them read.
  useEffect(() => refetch({ requestPolicy: 'network-only' }), [pathname, refetch]);
  const n = data?.unreadNotifications ?? 0;
  return (
    <Button component={Link} to="/notifications" variant="default" size="sm" px="xs"
      aria-label={n ? t('shell.notificationsUnread', { count: n }) : t('shell.notifications')}>
      <svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
        <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" /><path d="M13.73 21a2 2 0 0 1-3.46 0" />
      </svg>
      {n > 0 && <Badge size="sm" color="red" ml={4} circle={n < 10}>{n}</Badge>}
    </Button>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const session = useSession();
  const [opened, { toggle, close }] = useDisclosure(false);
  const [, logout] = useMutation(LogoutMutation);
  const userName = session.viewer.user?.displayName ?? '';
  const items = session.permissions || !session.community ? navItems.filter((i) => i.show(session)) : navItems.slice(0, 1);

  async function signOut() {
    // Nothing of the user's work stays on the device once they sign out.
    await drafts.clear().catch(() => undefined);
    await logout({});
    navigate('/login', { replace: true });
  }

  useDraftSync(session.viewer.user?.id);

  const isActive = (to: string) => (to === '/' ? location.pathname === '/' : location.pathname === to || location.pathname.startsWith(to + '/'));

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 230, breakpoint: 'md', collapsed: { mobile: !opened } }} padding="md">
      <a href="#main" className="skip-link">{t('app.skip')}</a>
      <AppShell.Header className="no-print">
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="sm">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="md" size="sm" aria-label={t('shell.menu')} aria-expanded={opened} />
            <Anchor component={Link} to="/" fw={700} size="lg" underline="never">{t('app.name')}</Anchor>
            <CommunitySwitcher />
          </Group>
          <Group gap="xs" wrap="nowrap">
            {session.can('notification', 'read') && <NotificationsButton />}
            <ShortcutsButton />
            <LanguageSwitcher />
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <Button variant="default" aria-label={`${t('menu.user')}: ${userName}`}>
                  <Text size="sm" truncate maw={160}>{userName}</Text>
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item component={Link} to="/security/account">{t('menu.account')}</Menu.Item>
                <Menu.Item component={Link} to="/security/totp">{t('menu.security')}</Menu.Item>
                <Menu.Item onClick={signOut}>{t('menu.logout')}</Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      {/* The sections outgrow a laptop's height for some roles: the list scrolls. */}
      <AppShell.Navbar p="sm" className="no-print" aria-label={t('shell.navigation')} component="nav" style={{ overflowY: 'auto' }}>
        <Stack gap={2}>
          {items.map((i) => (
            <UnstyledButton key={i.to} component={NavLink} to={i.to} end={i.to === '/'} onClick={close}
              className="nav-link" data-active={isActive(i.to) || undefined}>
              {t(i.label)}
            </UnstyledButton>
          ))}
        </Stack>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}><OfflineNotice /><Shortcuts />{children}</AppShell.Main>
    </AppShell>
  );
}
