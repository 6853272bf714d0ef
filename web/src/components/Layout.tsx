import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { Link, useNavigate } from 'react-router';
import { Anchor, AppShell, Button, Group, Menu, Text } from '@mantine/core';
import { graphql } from '../gql';
import { LanguageSwitcher } from './LanguageSwitcher';

const LogoutMutation = graphql(`
  mutation Logout { logout }
`);

export function Layout({ userName, children }: { userName: string; children: ReactNode }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [, logout] = useMutation(LogoutMutation);

  async function signOut() {
    await logout({});
    navigate('/login', { replace: true });
  }

  return (
    <AppShell header={{ height: 60 }} padding="md">
      <a href="#main" className="skip-link">{t('app.skip')}</a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Anchor component={Link} to="/" fw={700} size="lg" underline="never">{t('app.name')}</Anchor>
          <Group gap="sm" wrap="nowrap">
            <LanguageSwitcher />
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <Button variant="default" aria-label={t('menu.user')}>
                  <Text size="sm" truncate maw={180}>{userName}</Text>
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item component={Link} to="/security/totp">{t('menu.security')}</Menu.Item>
                <Menu.Item onClick={signOut}>{t('menu.logout')}</Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Main id="main">{children}</AppShell.Main>
    </AppShell>
  );
}
