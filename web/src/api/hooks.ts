import { useQuery } from 'urql';
import { graphql } from '../gql';

const OrganizationsQuery = graphql(`
  query Organizations($communityID: ID!) {
    organizations(first: 200, where: { communityID: $communityID }, orderBy: { field: NAME, direction: ASC }) {
      edges { node { id name kind edrpou providerRegisterNumber fullName parentBody address phone email headPosition headName } }
    }
  }
`);

export const providerKinds = ['PUBLIC_PROVIDER', 'NGO_PROVIDER'];

/** The organisations of a community, by name. */
export function useOrganizations(communityID: string | undefined) {
  const [{ data, fetching, error }, refetch] = useQuery({ query: OrganizationsQuery, variables: { communityID: communityID ?? '' }, pause: !communityID });
  const list = (data?.organizations.edges ?? []).map((e) => e!.node!);
  return { list, fetching, error, refetch };
}
