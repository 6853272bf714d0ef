import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { Link } from 'react-router';
import { Anchor, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { graphql } from '../gql';
import { useSession } from '../session';
import { birthDateWithAge, formatDate, personName } from '../format';
import { ErrorAlert, Loading, StatusBadge } from '../components/common';
import { PersonLink } from '../components/PersonLink';
import { TableHead } from '../components/TableHead';

const RegisterQuery = graphql(`
  query Register($communityID: ID!) {
    cases(first: 500, where: { communityID: $communityID, hasDecisionsWith: [{ kind: REGISTER_IN_DIFFICULT_CIRCUMSTANCES }] }, orderBy: { field: OPENED_AT, direction: ASC }) {
      totalCount
      edges {
        node {
          id status closedAt
          family { id name address }
          children { id lastName firstName patronymic birthDate parentalCareStatus disability internallyDisplaced }
          decisions { id kind number decidedAt }
        }
      }
    }
  }
`);

function csvCell(v: string) {
  return /[",;\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/**
 * The register of children in difficult life circumstances, derived from the
 * guardianship body's decisions to register them: one row per child.
 */
export default function RegisterPage() {
  const { t, i18n } = useTranslation();
  const { community } = useSession();
  const [{ data, fetching, error }] = useQuery({ query: RegisterQuery, variables: { communityID: community?.id ?? '' }, pause: !community });
  const rows = (data?.cases.edges ?? []).map((e) => e!.node!).flatMap((c) => {
    const d = [...(c.decisions ?? [])].filter((x) => x.kind === 'REGISTER_IN_DIFFICULT_CIRCUMSTANCES').sort((a, b) => a.decidedAt.localeCompare(b.decidedAt))[0];
    return (c.children ?? []).map((p) => ({ c, p, d }));
  });

  function download() {
    const head = [t('person.name'), t('person.birthDate'), t('register.address'), t('register.decision'), t('register.decidedAt'), t('case.status')];
    const lines = rows.map(({ c, p, d }) => [personName(p), formatDate(i18n.language, p.birthDate, true), c.family?.address ?? '', d?.number ?? '', formatDate(i18n.language, d?.decidedAt), t(`caseStatus.${c.status}`)]);
    const csv = '\uFEFF' + [head, ...lines].map((l) => l.map(csvCell).join(';')).join('\r\n');
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    a.download = 'register-szho.csv';
    a.click();
    URL.revokeObjectURL(a.href);
  }

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">{t('register.title')}</Title>
        {rows.length > 0 && <Button variant="default" onClick={download} className="no-print">{t('register.csv')}</Button>}
      </Group>
      <Text size="sm" c="dimmed">{t('register.hint')}</Text>
      <ErrorAlert error={data ? undefined : error} />
      {fetching && !data ? <Loading /> : rows.length === 0 ? <Text>{t('register.none')}</Text> : (
        <Table.ScrollContainer minWidth={800}>
          <Table striped>
            <TableHead columns={['№', t('person.name'), t('person.birthDate'), t('register.address'), t('register.decision'), t('case.status')]} />
            <Table.Tbody>
              {rows.map(({ c, p, d }, i) => (
                <Table.Tr key={`${c.id}-${p.id}`}>
                  <Table.Td>{i + 1}</Table.Td>
                  <Table.Td><PersonLink p={p} /></Table.Td>
                  <Table.Td>{birthDateWithAge(t, i18n.language, p.birthDate)}</Table.Td>
                  <Table.Td>{c.family?.address ?? '—'}</Table.Td>
                  <Table.Td>{d ? `№ ${d.number}, ${formatDate(i18n.language, d.decidedAt)}` : '—'}</Table.Td>
                  <Table.Td><Anchor component={Link} to={`/cases/${c.id}`}><StatusBadge status={c.status} /></Anchor></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
