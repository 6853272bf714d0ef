import { graphql } from '../../gql';

export const SupervisionJournalQuery = graphql(`
  query SupervisionJournal($communityID: ID!) {
    supervisionSessions(communityID: $communityID) {
      id kind format heldOn supervisorKind supervisorName supervisorAffiliation topic recommendations superviseeCount
      supervisor { id displayName }
      supervisees { id displayName }
      cases { id status openedAt family { id name } }
      followUps { key text dueOn doneOn assignee { id displayName } }
    }
    supervisionTasks(communityID: $communityID) { status session { id } item { key } }
  }
`);

export const SupervisionFormQuery = graphql(`
  query SupervisionForm($communityID: ID!) {
    caseManagers(communityID: $communityID) { id displayName }
    cases(first: 100, where: { communityID: $communityID }, orderBy: { field: OPENED_AT, direction: DESC }) {
      edges { node { id openedAt family { id name } } }
    }
  }
`);

export const RecordSupervisionMutation = graphql(`
  mutation RecordSupervisionSession($input: RecordSupervisionSessionInput!) {
    recordSupervisionSession(input: $input) { id }
  }
`);

export const CompleteFollowUpMutation = graphql(`
  mutation CompleteSupervisionFollowUp($sessionID: ID!, $key: String!, $doneOn: Date!) {
    completeSupervisionFollowUp(sessionID: $sessionID, key: $key, doneOn: $doneOn) { id followUps { key doneOn } }
  }
`);
