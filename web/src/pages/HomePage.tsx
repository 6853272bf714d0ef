import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert, Button, Stack, Table, Text, Title } from '@mantine/core';
import type { ViewerQuery } from '../gql/graphql';
import { scopeName } from '../format';

type Viewer = NonNullable<ViewerQuery['viewer']>;

export function HomePage({ viewer }: { viewer: Viewer }) {
  const { t } = useTranslation();
  const rows = viewer.memberships.map((m) => (
    <Table.Tr key={m.id}>
      <Table.Td>{scopeName(t, m)}</Table.Td>
      <Table.Td>{m.organization?.name ?? '—'}</Table.Td>
      <Table.Td>{t(`roles.${m.role}`)}</Table.Td>
    </Table.Tr>
  ));
  return (
    <Stack maw={960}>
      <Title order={1} size="h2">{t('home.title')}</Title>
      <Text>
        {t('home.signedInAs')} <strong>{viewer.user?.displayName}</strong> ({viewer.user?.email})
      </Text>
      {viewer.totpEnrollmentRequired && (
        <Alert color="orange" title={t('home.totpRequired')}>
          <Button component={Link} to="/security/totp" mt="xs">{t('home.enrolNow')}</Button>
        </Alert>
      )}
      {rows.length === 0 ? (
        <Text>{t('home.noMemberships')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('home.scope')}</Table.Th>
                <Table.Th scope="col">{t('home.organization')}</Table.Th>
                <Table.Th scope="col">{t('home.role')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>{rows}</Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
