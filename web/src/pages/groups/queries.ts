import { graphql } from '../../gql';

export const GroupsQuery = graphql(`
  query WorkingGroups($communityID: ID!) {
    workingGroups(communityID: $communityID) {
      id title establishedOn endedOn
      members { id name role leftOn }
      meetings { id number heldOn }
      actions { id status dueStatus }
    }
  }
`);

export const GroupActivityQuery = graphql(`
  query WorkingGroupActivity($communityID: ID, $from: Date!, $to: Date!) {
    workingGroupActivity(communityID: $communityID, from: $from, to: $to) {
      community { id name kind katottgCode region { id name katottgCode } }
      groups meetings actionsDue actionsDone actionsOverdue documents
    }
  }
`);

export const MyGroupActionsQuery = graphql(`
  query MyWorkingGroupActions($communityID: ID) {
    myWorkingGroupActions(communityID: $communityID) {
      id text dueOn dueStatus groupID
      group { id title }
    }
  }
`);

export const GroupQuery = graphql(`
  query WorkingGroup($id: ID!) {
    workingGroup(id: $id) {
      id communityID title mandate basis establishedOn endedOn
      members { id userID name organizationName position role leftOn }
      meetings { id number heldOn place agenda attendees minutes decisions }
      actions { id meetingID text ownerID dueOn status doneOn result dueStatus }
      documents { id kind title adoptedOn link meetingID }
    }
  }
`);

export const StaffForGroupsQuery = graphql(`
  query StaffForGroups($communityID: ID!) {
    staffPositions(communityID: $communityID, filter: { vacant: false }) { id holderName holderID organization { id name } }
  }
`);

export const CreateGroupMutation = graphql(`
  mutation CreateWorkingGroup($input: CreateWorkingGroupInput!) { createWorkingGroup(input: $input) { id } }
`);

export const AddMemberMutation = graphql(`
  mutation AddWorkingGroupMember($input: CreateWorkingGroupMemberInput!) { addWorkingGroupMember(input: $input) { id } }
`);

export const RecordMeetingMutation = graphql(`
  mutation RecordWorkingGroupMeeting($input: RecordWorkingGroupMeetingInput!) { recordWorkingGroupMeeting(input: $input) { id number } }
`);

export const CompleteActionMutation = graphql(`
  mutation CompleteWorkingGroupAction($id: ID!, $doneOn: Date!) { completeWorkingGroupAction(id: $id, doneOn: $doneOn) { id status doneOn dueStatus } }
`);

export const AdoptDocumentMutation = graphql(`
  mutation AdoptWorkingGroupDocument($input: CreateWorkingGroupDocumentInput!) { adoptWorkingGroupDocument(input: $input) { id } }
`);
