import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { Link, useSearchParams } from 'react-router';
import { Anchor, Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { graphql } from '../gql';
import { useSession } from '../session';
import { birthDateWithAge } from '../format';
import { ErrorAlert, Loading } from '../components/common';
import { PersonLink } from '../components/PersonLink';
import { TableHead } from '../components/TableHead';
import { PersonNotes } from '../components/PersonNotes';

const SearchQuery = graphql(`
  query SearchPeople($communityID: ID!, $text: String!) {
    searchPersons(communityID: $communityID, text: $text, first: 30) {
      id kind lastName firstName patronymic birthDate internallyDisplaced parentalCareStatus
      family { id name address }
    }
    families(first: 20, where: { communityID: $communityID, nameContainsFold: $text }, orderBy: { field: NAME, direction: ASC }) {
      edges { node { id name address displacementStatus } }
    }
  }
`);

/** People and families of the community, found by name: typos and word order forgiven. */
export default function PeoplePage() {
  const { t, i18n } = useTranslation();
  const { community } = useSession();
  const [params, setParams] = useSearchParams();
  const text = params.get('q') ?? '';
  const [input, setInput] = useState(text);
  const [{ data, fetching, error }] = useQuery({ query: SearchQuery, variables: { communityID: community?.id ?? '', text }, pause: !community || text.length < 2 });
  const people = data?.searchPersons ?? [];
  const families = (data?.families.edges ?? []).map((e) => e!.node!);
  return (
    <Stack maw={1000}>
      <Title order={1} size="h2">{t('people.title')}</Title>
      <form role="search" onSubmit={(e) => { e.preventDefault(); setParams(input.trim() ? { q: input.trim() } : {}); }}>
        <Group align="flex-end">
          <TextInput label={t('people.search')} description={t('people.searchHint')} value={input} onChange={(e) => setInput(e.currentTarget.value)} w={420} maw="100%" autoFocus />
          <Button type="submit">{t('cases.find')}</Button>
        </Group>
      </form>
      <ErrorAlert error={error} />
      {text.length >= 2 && (fetching && !data ? <Loading /> : (
        <>
          <section aria-labelledby="people-h">
            <Title order={2} size="h4" id="people-h" mb="xs">{t('people.people')}</Title>
            {people.length === 0 ? <Text c="dimmed">{t('people.nobody')}</Text> : (
              <Table.ScrollContainer minWidth={640}>
                <Table striped highlightOnHover>
                  <TableHead columns={[t('person.name'), t('person.birthDate'), t('case.family'), t('people.notes')]} />
                  <Table.Tbody>
                    {people.map((p) => (
                      <Table.Tr key={p.id}>
                        <Table.Td><PersonLink p={p} /></Table.Td>
                        <Table.Td>{birthDateWithAge(t, i18n.language, p.birthDate)}</Table.Td>
                        <Table.Td>{p.family ? <Anchor component={Link} to={`/families/${p.family.id}`}>{p.family.name}</Anchor> : '—'}{p.family?.address && <Text size="xs" c="dimmed">{p.family.address}</Text>}</Table.Td>
                        <Table.Td><PersonNotes kind={p.kind} internallyDisplaced={p.internallyDisplaced} parentalCareStatus={p.parentalCareStatus} /></Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </section>
          <section aria-labelledby="families-h">
            <Title order={2} size="h4" id="families-h" mb="xs">{t('people.families')}</Title>
            {families.length === 0 ? <Text c="dimmed">{t('people.noFamilies')}</Text> : (
              <Stack gap={4} component="ul" className="plain-list">
                {families.map((f) => (
                  <li key={f.id}>
                    <Anchor component={Link} to={`/families/${f.id}`}>{t('case.familyTitle', { name: f.name })}</Anchor>
                    {f.address && <Text span size="sm" c="dimmed"> · {f.address}</Text>}
                  </li>
                ))}
              </Stack>
            )}
          </section>
        </>
      ))}
    </Stack>
  );
}
