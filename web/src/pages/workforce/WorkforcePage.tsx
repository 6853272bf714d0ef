import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { Link } from 'react-router';
import { Anchor, Checkbox, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useSession } from '../../session';
import { formatDate } from '../../format';
import { ErrorAlert, Loading } from '../../components/common';
import { LightBadge } from '../../components/LightBadge';
import { RecordTable } from '../../components/RecordTable';
import { StaffRegisterQuery } from './queries';

/** The workforce register: positions of the community's organisations, holders, vacancies, caseload against the norm. */
export default function WorkforcePage() {
  const { t, i18n } = useTranslation();
  const { community } = useSession();
  const communityID = community?.id ?? '';
  const [includeClosed, setIncludeClosed] = useState(false);
  const [{ data, fetching, error }] = useQuery({ query: StaffRegisterQuery, variables: { communityID, includeClosed }, pause: !communityID, requestPolicy: 'cache-and-network' });
  const rows = data?.staffPositions ?? [];
  const norm = data?.node?.__typename === 'Community' ? data.node.caseloadNorm : null;
  const open = rows.filter((p) => !p.closedOn);
  return (
    <Stack>
      <Title order={1} size="h2">{t('workforce.register')}</Title>
      <Group gap="lg">
        <Text size="sm">{t('workforce.positions', { n: open.length })}</Text>
        <Text size="sm">{t('workforce.vacancies', { n: open.filter((p) => p.vacant).length })}</Text>
        <Text size="sm" c="dimmed">{norm ? t('workforce.norm', { n: norm }) : t('workforce.noNorm')}</Text>
      </Group>
      <Checkbox label={t('workforce.showClosed')} checked={includeClosed} onChange={(e) => setIncludeClosed(e.currentTarget.checked)} />
      <ErrorAlert error={error} />
      {fetching && !data ? <Loading /> : rows.length === 0 ? <Text c="dimmed">{t('workforce.empty')}</Text> : (
        <RecordTable minWidth={900} label={t('workforce.register')} highlightOnHover data-testid="staff-register"
          columns={[t('workforce.organization'), t('workforce.position'), t('workforce.holder'), t('workforce.workload'), t('workforce.started'), t('workforce.qualifications'), t('workforce.caseload')]}
          rows={rows} row={(p) => (
            <Table.Tr key={p.id}>
              <Table.Td><Text size="sm">{p.organization.name}</Text></Table.Td>
              <Table.Td>
                <Text size="sm">{t(`workforce.kind.${p.kind}`)}{p.title ? ` (${p.title})` : ''}</Text>
                {p.closedOn && <Text size="xs" c="dimmed">{t('workforce.closed', { date: formatDate(i18n.language, p.closedOn, true) })}</Text>}
              </Table.Td>
              <Table.Th scope="row" fw={400}>
                {p.vacant ? <LightBadge color="orange">{t('workforce.vacant')}</LightBadge> : (
                  <Anchor component={Link} to={`/workforce/${p.id}`}>{p.holderName || t('workforce.noName')}</Anchor>
                )}
              </Table.Th>
              <Table.Td>{p.workload.toLocaleString(i18n.language)}</Table.Td>
              <Table.Td>{p.vacant ? '—' : formatDate(i18n.language, p.startedOn, true)}</Table.Td>
              <Table.Td><Text size="sm">{(p.qualifications ?? []).join('; ') || '—'}</Text></Table.Td>
              <Table.Td>
                {p.caseload ?? '—'}
                {p.overNorm && <LightBadge color="red" ml="xs">{t('workforce.overNorm')}</LightBadge>}
              </Table.Td>
            </Table.Tr>
          )} />
      )}
    </Stack>
  );
}
