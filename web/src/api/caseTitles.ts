import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { caseTitle, shortID } from '../format';

const CaseNamesQuery = graphql(`
  query CaseNames($ids: [ID!]) {
    cases(first: 50, where: { idIn: $ids }) { edges { node { id family { name } children { lastName firstName } } } }
  }
`);

/**
 * What to call the cases a list refers to by ID (notifications keep no
 * names): the family's name, else the children's, else the case number.
 * Asked once for the whole list, and only by those who may read cases.
 */
export function useCaseTitles(ids: (string | null | undefined)[], mayRead: boolean): (id: string) => string {
  const { t } = useTranslation();
  const unique = useMemo(() => [...new Set(ids.filter((x): x is string => !!x))].sort(), [ids]);
  const [{ data }] = useQuery({ query: CaseNamesQuery, variables: { ids: unique }, pause: !mayRead || unique.length === 0 });
  const titles = useMemo(() => new Map((data?.cases.edges ?? []).map((e) => e!.node!)
    // A case with neither family nor children yet goes by its number, so two of them differ.
    .filter((c) => c.family || c.children?.length).map((c) => [c.id, caseTitle(t, c)])), [data, t]);
  return (id: string) => titles.get(id) ?? t('case.number', { id: shortID(id) });
}
