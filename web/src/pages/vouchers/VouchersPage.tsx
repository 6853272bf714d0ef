import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { Link, useNavigate } from 'react-router';
import { Anchor, Button, Card, Stack, Table, Text, Title } from '@mantine/core';
import { useSession } from '../../session';
import { formatDate } from '../../format';
import { ErrorAlert, Loading } from '../../components/common';
import { Dates } from '../../components/dates';
import { notify } from '../../notify';
import { ProgrammesQuery, serviceTypeName, uah } from './queries';
import { ProgrammeForm } from './ProgrammeForm';
import { LightBadge } from '../../components/LightBadge';
import { RecordTable } from '../../components/RecordTable';

/** The community's voucher (certificate) programmes: budget, what is issued and what remains. */
export default function VouchersPage() {
  const { t, i18n } = useTranslation();
  const { community, can } = useSession();
  const navigate = useNavigate();
  const communityID = community?.id ?? '';
  const [{ data, fetching, error }] = useQuery({ query: ProgrammesQuery, variables: { communityID }, pause: !communityID, requestPolicy: 'cache-and-network' });
  const [creating, setCreating] = useState(false);
  const rows = (data?.voucherProgrammes.edges ?? []).map((e) => e!.node!);
  return (
    <Dates>
      <Stack>
        <Title order={1} size="h2">{t('vouchers.title')}</Title>
        <Text size="sm" c="dimmed">{t('vouchers.intro')}</Text>
        {can('voucher_programme', 'create') && (creating ? (
          <Card withBorder component="section" aria-labelledby="newprog-h">
            <Title order={2} size="h4" id="newprog-h" mb="xs">{t('vouchers.newProgramme')}</Title>
            <ProgrammeForm communityID={communityID} onCancel={() => setCreating(false)}
              onSaved={(id) => { notify({ color: 'teal', message: t('vouchers.created') }); navigate(`/vouchers/${id}`); }} />
          </Card>
        ) : <Button w="fit-content" onClick={() => setCreating(true)}>{t('vouchers.newProgramme')}</Button>)}
        <ErrorAlert error={error} />
        {fetching && !data ? <Loading /> : rows.length === 0 ? <Text c="dimmed">{t('vouchers.noProgrammes')}</Text> : (
          <RecordTable minWidth={820} label={t('vouchers.title')} highlightOnHover data-testid="programmes"
            columns={[t('vouchers.name'), t('vouchers.serviceType'), t('vouchers.value'), t('vouchers.issuedOfBudget'), t('vouchers.remaining'), t('vouchers.periodCol'), t('vouchers.status')]}
            rows={rows} row={(p) => (
              <Table.Tr key={p.id}>
                <Table.Th scope="row" fw={400}><Anchor component={Link} to={`/vouchers/${p.id}`}>{p.name}</Anchor></Table.Th>
                <Table.Td><Text size="sm">{p.serviceType ? serviceTypeName(i18n.language, p.serviceType) : '—'}</Text></Table.Td>
                <Table.Td>{uah(i18n.language, p.valueUah)}</Table.Td>
                <Table.Td>{t('vouchers.ofBudget', { n: p.issuedCount, of: p.vouchers })}</Table.Td>
                <Table.Td>{p.remaining}</Table.Td>
                <Table.Td>{formatDate(i18n.language, p.startsOn, true)} – {p.endsOn ? formatDate(i18n.language, p.endsOn, true) : t('vouchers.openEnded')}</Table.Td>
                <Table.Td><LightBadge color={p.active ? 'teal' : 'gray'}>{t(p.active ? 'vouchers.isActive' : 'vouchers.inactive')}</LightBadge></Table.Td>
              </Table.Tr>
            )} />
        )}
      </Stack>
    </Dates>
  );
}
