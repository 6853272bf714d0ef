import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { Button, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notify } from '../notify';
import { graphql } from '../gql';
import type { PersonParentalCareStatus } from '../gql/graphql';
import { stepErrorMessage } from '../api/errors';
import { useSession } from '../session';
import { formatDate } from '../format';
import { ErrorAlert, Loading } from '../components/common';
import { DateField, Dates, toDay, todayLocal } from '../components/dates';
import { PersonLink } from '../components/PersonLink';
import { TableHead } from '../components/TableHead';

const ParentalCareRegisterQuery = graphql(`
  query ParentalCareRegister($communityID: ID!) {
    parentalCareRegister(communityID: $communityID) { id lastName firstName patronymic parentalCareStatus parentalCareBasis parentalCareSince }
  }
`);

const RecordParentalCareMutation = graphql(`
  mutation RecordParentalCareStatus($input: RecordParentalCareStatusInput!) {
    recordParentalCareStatus(input: $input) { id parentalCareStatus parentalCareBasis parentalCareSince }
  }
`);

const statuses: PersonParentalCareStatus[] = ['WITH_PARENTS', 'ORPHAN', 'DEPRIVED_OF_PARENTAL_CARE'];

/** Enters a child in the register (or takes them off it), with the basis and the date. */
export function ParentalCareForm({ personID, status, onSaved }: { personID: string; status: string; onSaved: () => void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState<string | null>(status);
  const [basis, setBasis] = useState('');
  const [since, setSince] = useState<string | null>(todayLocal());
  const [error, setError] = useState<string | null>(null);
  const [{ fetching }, record] = useMutation(RecordParentalCareMutation);
  const entering = value !== 'WITH_PARENTS';
  async function submit() {
    setError(null);
    if (entering && (!basis.trim() || !since)) return setError(t('form.required'));
    const r = await record({
      input: { personID, status: value as PersonParentalCareStatus, basis: entering ? basis.trim() : null, since: entering ? toDay(since) : null },
    });
    if (r.error) return setError(stepErrorMessage(t, r.error));
    notify({ color: 'teal', message: t('careRegister.recorded') });
    setBasis('');
    onSaved();
  }
  return (
    <Dates>
    <Stack gap="xs">
      <Title order={2} size="h4">{t('careRegister.record')}</Title>
      {error && <Text c="red" role="alert">{error}</Text>}
      <Group grow align="flex-start">
        <Select label={t('careRegister.status')} allowDeselect={false} data={statuses.map((s) => ({ value: s, label: t(`parentalCare.${s}`) }))}
          value={value} onChange={setValue} />
        {entering && <TextInput label={t('careRegister.basis')} required description={t('careRegister.basisHint')} value={basis} onChange={(e) => setBasis(e.currentTarget.value)} />}
        {entering && <DateField label={t('careRegister.since')} required maxDate={new Date()} value={since} onChange={setSince} />}
      </Group>
      <Button w="fit-content" onClick={submit} loading={fetching}>{t('form.save')}</Button>
    </Stack>
    </Dates>
  );
}

/** The register of orphans and children deprived of parental care of the community. */
export default function ParentalCarePage() {
  const { t, i18n } = useTranslation();
  const { community } = useSession();
  const [{ data, fetching, error }] = useQuery({ query: ParentalCareRegisterQuery, variables: { communityID: community?.id ?? '' }, pause: !community });
  const rows = data?.parentalCareRegister ?? [];
  return (
    <Stack gap="md">
      <Title order={1} size="h2">{t('careRegister.title')}</Title>
      <Text size="sm" c="dimmed">{t('careRegister.hint')}</Text>
      {error && <ErrorAlert error={error} />}
      {fetching && !data ? <Loading /> : rows.length === 0 ? <Text c="dimmed">{t('careRegister.none')}</Text> : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped>
            <TableHead columns={[t('placement.child'), t('careRegister.status'), t('careRegister.basis'), t('careRegister.since')]} />
            <Table.Tbody>
              {rows.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td><PersonLink p={p} /></Table.Td>
                  <Table.Td>{t(`parentalCare.${p.parentalCareStatus}`)}</Table.Td>
                  <Table.Td>{p.parentalCareBasis ?? '—'}</Table.Td>
                  <Table.Td>{p.parentalCareSince ? formatDate(i18n.language, p.parentalCareSince, true) : '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
