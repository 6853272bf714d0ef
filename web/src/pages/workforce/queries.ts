import { graphql } from '../../gql';

export const StaffRegisterQuery = graphql(`
  query StaffRegister($communityID: ID!, $includeClosed: Boolean) {
    staffPositions(communityID: $communityID, filter: { includeClosed: $includeClosed }) {
      id kind title workload holderName startedOn endedOn closedOn qualifications vacant caseload overNorm
      organization { id name }
    }
    node(id: $communityID) { __typename id ... on Community { caseloadNorm } }
  }
`);

export const PositionRecordQuery = graphql(`
  query PositionRecord($id: ID!) {
    node(id: $id) {
      __typename
      id
      ... on StaffPosition {
        kind title holderName workload startedOn endedOn qualifications organization { id name }
        enrolments {
          id attendedModules completedOn
          event { id startsOn endsOn organizerName programme { id title modules { topic hours } } }
        }
        certificates { id number issuedOn issuer kind title hours }
      }
    }
  }
`);

export const TrainingCalendarQuery = graphql(`
  query TrainingCalendar($communityID: ID!, $from: Date) {
    trainingEvents(communityID: $communityID, from: $from) {
      id startsOn endsOn organizerName audience place
      programme { id title format fundingSource modules { topic hours trainers } }
      enrolments { id position { id holderName } }
    }
    staffPositions(communityID: $communityID) { id kind holderName vacant }
  }
`);

export const EnrolMutation = graphql(`
  mutation EnrolInTraining($eventID: ID!, $positionID: ID!) {
    enrolInTraining(eventID: $eventID, positionID: $positionID) { id }
  }
`);

export const VerifyCertificateQuery = graphql(`
  query VerifyCertificate($communityID: ID!, $issuer: String!, $number: String!) {
    verifyCertificate(communityID: $communityID, issuer: $issuer, number: $number) { id number issuedOn kind position { id holderName } }
  }
`);
