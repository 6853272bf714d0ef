import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { Link } from 'react-router';
import { Anchor, Button, Stack, Table, Text, Title } from '@mantine/core';
import { useSession } from '../../session';
import { formatDateTime } from '../../format';
import { ErrorAlert, Loading } from '../../components/common';
import { EmergencyAccessesQuery } from './emergency';
import { useEndEmergencyAccess } from './useEndEmergencyAccess';
import { LightBadge } from '../../components/LightBadge';
import { RecordTable } from '../../components/RecordTable';

/** Who opened a case of the community by breaking the glass, when, why and until when. */
export default function EmergencyAccessesPage() {
  const { t, i18n } = useTranslation();
  const { community, can } = useSession();
  const communityID = community?.id ?? '';
  const [{ data, fetching, error }, reload] = useQuery({ query: EmergencyAccessesQuery, variables: { where: { communityID } }, pause: !communityID, requestPolicy: 'cache-and-network' });
  const { ending, stop } = useEndEmergencyAccess(() => reload({ requestPolicy: 'network-only' }));
  const rows = (data?.emergencyAccesses.edges ?? []).map((e) => e!.node!);
  const mayEnd = can('emergency_access', 'update');
  const mayRead = can('case_file', 'read');
  const state = (a: (typeof rows)[number]) => (a.active ? 'active' : a.endedAt ? 'ended' : 'expired');
  return (
    <Stack>
      <Title order={1} size="h2">{t('emergency.title')}</Title>
      <Text size="sm" c="dimmed">{t('emergency.communityIntro')}</Text>
      <ErrorAlert error={error} />
      {fetching && !data ? <Loading /> : rows.length === 0 ? <Text c="dimmed">{t('emergency.noneYet')}</Text> : (
        <RecordTable minWidth={700} label={t('emergency.title')} data-testid="community-accesses"
          columns={[t('emergency.state'), t('emergency.case'), t('emergency.period'), t('emergency.who'), t('emergency.reason')]}
          rows={rows} row={(a) => (
            <Table.Tr key={a.id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Stack gap={6} align="flex-start">
                  <LightBadge color={a.active ? 'orange' : 'gray'}>{t(`emergency.states.${state(a)}`)}</LightBadge>
                  {mayEnd && a.active && <Button size="compact-xs" variant="default" loading={ending} onClick={() => stop(a.id)}>{t('emergency.end')}</Button>}
                </Stack>
              </Table.Td>
              <Table.Td>
                <Text size="sm" ff="monospace">{a.reference}</Text>
                {mayRead && <Anchor component={Link} to={`/cases/${a.caseID}`} size="sm">{t('emergency.openCase')}</Anchor>}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Text size="sm">{formatDateTime(i18n.language, a.createdAt)}</Text>
                <Text size="xs" c="dimmed">{t(a.endedAt ? 'emergency.endedAt' : 'emergency.untilAt', { at: formatDateTime(i18n.language, a.endedAt ?? a.expiresAt) })}</Text>
              </Table.Td>
              <Table.Td><Text size="sm">{a.openedBy}</Text><Text size="xs" c="dimmed">{t('emergency.supervisor')}</Text></Table.Td>
              <Table.Td miw={180}><Text size="sm">{a.reason}</Text></Table.Td>
            </Table.Tr>
          )} />
      )}
    </Stack>
  );
}
