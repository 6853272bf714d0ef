package server_test

import (
	"slices"
	"strings"
	"testing"
)

// notWorkflow: the mutations that are not steps of a case's work, each
// with where its authorization is tested instead. Every other mutation of
// the schema is workflow and needs an actor table.
var notWorkflow = map[string]string{
	"login": "auth_test", "logout": "auth_test", "beginTOTPEnrollment": "auth_test", "confirmTOTPEnrollment": "auth_test",
	"changePassword": "auth_test (the viewer's own)", "revokeSession": "auth_test (the viewer's own)",
	"requestPasswordReset": "accounts_test (anyone, for an address)", "resetPassword": "accounts_test (the link's holder)",
	"disableUser": "accounts_test (administration)", "enableUser": "accounts_test (administration)",
	"resetSecondFactor": "accounts_test (administration)", "sendPasswordResetLink": "accounts_test (administration)",
	"inviteUser": "invitations_test", "acceptInvitation": "invitations_test", "declineInvitation": "invitations_test",
	"grantRole": "escalation_test", "revokeRole": "escalation_test", "createAPIClient": "escalation_test",
	"revokeAPIClient": "escalation_test", "updateAPIClient": "oauth_test, matrix_test (administration)",
	"rotateAPIClientSecret": "oauth_test, matrix_test (administration)", "setPolicyRule": "escalation_test", "deletePolicyRule": "escalation_test",
	"updateCommunitySettings": "matrix_test (administration)", "createOrganization": "matrix_test (administration)",
	"updateOrganization": "matrix_test (administration)", "setCalendarYear": "matrix_test (reference data)",
	"resetCalendarYear": "matrix_test (reference data)", "markNotificationsRead": "matrix_test (the viewer's own)",
	"createProviderService": "servicemap_test", "updateProviderService": "servicemap_test",
	"createFamily": "people_test (registers)", "updateFamily": "people_test (registers)",
	"createPerson": "people_test (registers)", "updatePerson": "people_test (registers)",
	"createRelationship": "people_test (registers)",
	"narrowRole":         "roles_test (administration)", "restoreRole": "roles_test (administration)",
	"defineRole": "roles_test (administration)", "updateRole": "roles_test (administration)",
	"retireRole":        "roles_test (administration)",
	"createSavedFilter": "worklist_test (the viewer's own)", "updateSavedFilter": "worklist_test (the viewer's own)",
	"deleteSavedFilter": "worklist_test (the viewer's own)",
	// The workforce register and training: no case's work.
	"createStaffPosition": "workforce_test", "updateStaffPosition": "workforce_test", "closeStaffPosition": "workforce_test",
	"createTrainingProgramme": "training_test", "updateTrainingProgramme": "matrix_test",
	"createTrainingEvent": "training_test", "updateTrainingEvent": "matrix_test", "enrolInTraining": "training_test",
	"recordTrainingAttendance": "training_test", "completeTraining": "training_test", "issueCertificate": "training_test",
	"createWorkingGroup": "workinggroups_test", "updateWorkingGroup": "matrix_test", "addWorkingGroupMember": "workinggroups_test",
	"updateWorkingGroupMember": "matrix_test", "recordWorkingGroupMeeting": "workinggroups_test",
	"updateWorkingGroupMeeting": "matrix_test", "addWorkingGroupAction": "matrix_test",
	"completeWorkingGroupAction": "workinggroups_test", "adoptWorkingGroupDocument": "matrix_test",
	// The supervision journal: no case's work (a case is only referred to).
	"recordSupervisionSession": "supervision_test", "completeSupervisionFollowUp": "supervision_test",
}

// TestEveryWorkflowMutationHasAnActorTable lists the mutations from the
// executable schema: a new one fails here until it has an actor table or
// is named as not workflow.
func TestEveryWorkflowMutationHasAnActorTable(t *testing.T) {
	_, mutations, _ := schemaFields(t)
	tabled := map[string]bool{}
	for key := range actorTables {
		m, _, _ := strings.Cut(key, "/")
		tabled[m] = true
	}
	for _, m := range mutations {
		table := tabled[m]
		_, other := notWorkflow[m]
		switch {
		case table && other:
			t.Errorf("%s has an actor table and is listed as not workflow", m)
		case !table && !other:
			t.Errorf("workflow mutation %s has no actor table (actors_tables_test.go)", m)
		}
	}
	for m := range tabled {
		if !slices.Contains(mutations, m) {
			t.Errorf("actor table for %s, which the schema does not have", m)
		}
	}
	for m := range notWorkflow {
		if !slices.Contains(mutations, m) {
			t.Errorf("%s is listed as not workflow but the schema does not have it", m)
		}
	}
}
