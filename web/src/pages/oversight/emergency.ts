import { graphql } from '../../gql';

export const OpenEmergencyAccessMutation = graphql(`
  mutation OpenEmergencyAccess($input: OpenEmergencyAccessInput!) {
    openEmergencyAccess(input: $input) { id caseID communityID reason expiresAt endedAt active createdAt }
  }
`);

export const EndEmergencyAccessMutation = graphql(`
  mutation EndEmergencyAccess($id: ID!) { endEmergencyAccess(id: $id) { id endedAt active } }
`);

export const EmergencyAccessesQuery = graphql(`
  query EmergencyAccesses($where: EmergencyAccessWhereInput) {
    emergencyAccesses(first: 100, where: $where, orderBy: { field: CREATED_AT, direction: DESC }) {
      edges { node { id caseID communityID userID openedBy reference reason createdAt expiresAt endedAt active community { id name kind katottgCode region { name katottgCode } } } }
    }
  }
`);

/** The shortest reason the server accepts. */
export const minReason = 20;
