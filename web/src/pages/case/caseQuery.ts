import type { Client } from 'urql';
import type { CasePageQuery } from '../../gql/graphql';
import { graphql } from '../../gql';

/** Everything the case page shows, in one round trip. */
export const CaseQuery = graphql(`
  query CasePage($id: ID!) {
    node(id: $id) {
      __typename
      id
      ... on Case {
        communityID status openedAt closedAt ruleSetVersion safetyAssessmentDue allowedTransitions
        closureOptions { code label { uk en } }
        accompaniment { startsAt baseEndsAt endsAt extensions maxExtensions extensionsLeft legalBasis { uk en } }
        manager { id displayName }
        family {
          id name address starostaDistrict livingConditions incomeSources displacementStatus notes
          members(first: 50) { edges { node { id kind lastName firstName patronymic birthDate sex disability parentalCareStatus internallyDisplaced } } }
          consents { id givenBy givenAt document withdrawnAt purpose recipientKind validFrom validUntil recipientOrganization { id name } }
        }
        children { id lastName firstName patronymic birthDate sex disability parentalCareStatus internallyDisplaced }
        reports(first: 20, orderBy: { field: RECEIVED_AT, direction: DESC }) {
          edges {
            node {
              id receivedAt source urgency status categories summary reporterContact
              children { id lastName firstName patronymic }
              corrections {
                at reason changed actor { id displayName }
                before { source urgency categories summary reporterContact children { id lastName firstName patronymic } }
                after { source urgency categories summary reporterContact children { id lastName firstName patronymic } }
              }
            }
          }
        }
        safetyAssessments {
          id conductedAt participants policeInvolved result onTime
          findings { personID finding }
          urgentMeasures { kind legalBasis placement children form emergencyReason }
        }
        needsAssessments {
          id kind conductedAt strengths conclusion actNumber actFiledAt due onTime
          provider { id name }
          domains { domain rating narrative }
        }
        placements {
          id childID form address startedAt endedAt endReason endNote emergencyReason reviewDue decisionID safetyAssessmentID
          organization { id name }
        }
        decisions {
          id body kind number decidedAt legalBasis reason crisis due onTime children
          provider { id name }
          session { id heldAt protocolNumber }
        }
        plans {
          id version nextReviewAt agreedAt agreementDocument createdAt
          goals { key text actions { text responsibleOrganizationID responsiblePerson due } }
          reviews { id reviewedAt summary outcomes { key outcome note } }
        }
        referrals {
          id reason urgent status sentAt answeredAt declineReason overrideReason
          fromOrganization { id name }
          toOrganization { id name }
        }
        team { id name role removedAt overrideReason consent { id } organization { id name } user { id displayName } }
        services {
          id status startedAt endedAt endNote
          provider { id name }
          serviceType { id code nameUk nameEn }
          person { id lastName firstName }
        }
        activities(first: 100, orderBy: { field: AT, direction: DESC }) {
          edges { node { id kind at durationMinutes participants notes serviceID } }
        }
        documents { id kind title fileName contentType size downloadURL createdAt subjectID }
        approvals { id subjectKind subjectID status requestedAt decidedAt comment note }
        events(first: 200, orderBy: { field: AT, direction: DESC }) {
          edges { node { id at recordedAt actorID actor { id displayName } kind fromStatus toStatus note } }
        }
      }
    }
  }
`);

/** Asks for a case as the app starts on its page, while the page's code is still loading. */
export function prefetchCase(client: Client, pathname: string) {
  const m = /^\/cases\/([^/]+)/.exec(pathname);
  if (m) void client.query(CaseQuery, { id: m[1] }).toPromise();
}

export type CaseData = Extract<NonNullable<CasePageQuery['node']>, { __typename?: 'Case' }>;

/** Whether a node is a case the viewer may see. */
export function asCase(node: CasePageQuery['node'] | undefined): CaseData | null {
  return node && node.__typename === 'Case' ? (node as CaseData) : null;
}
