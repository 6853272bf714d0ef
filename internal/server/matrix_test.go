package server_test

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/turbota/turbota/authz"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/graph"
	"github.com/turbota/turbota/graph/generated"
	"github.com/turbota/turbota/internal/demo"
	"github.com/turbota/turbota/internal/oversight/emergency"
	"github.com/turbota/turbota/internal/server"
	"github.com/turbota/turbota/tenant"
)

// The isolation matrix: every query, connection, node lookup and mutation
// of the schema, by every role, against objects of the viewer's own
// community, another community of the same region, a community of another
// region, and IDs that do not exist. The lists of fields and node types come
// from the executable schema, so a new field without an entry here fails.

// viewerSpec is one caller of the matrix.
type viewerSpec struct {
	name  string
	email string // demo account; empty for the API client
	role  string
	// scope: the communities the grant covers.
	covers func(target string) bool
}

var ownOnly = func(t string) bool { return t == own }

var viewers = []viewerSpec{
	{"admin", demo.VinnytsiaAdminEmail, tenant.RoleCommunityAdmin, ownOnly},
	{"social-protection", demo.VinnytsiaSocialProtectionEmail, tenant.RoleSocialProtection, ownOnly},
	{"children-service", demo.VinnytsiaChildrenServiceEmail, tenant.RoleChildrenService, ownOnly},
	{"provider-manager", demo.VinnytsiaProviderManagerEmail, tenant.RoleProviderManager, ownOnly},
	{"provider-specialist", demo.VinnytsiaProviderSpecialistEmail, tenant.RoleProviderSpecialist, ownOnly},
	{"guardianship", demo.VinnytsiaGuardianshipEmail, tenant.RoleGuardianshipBody, ownOnly},
	{"partner-reporter", demo.VinnytsiaPartnerReporterEmail, tenant.RolePartnerReporter, ownOnly},
	{"auditor", demo.VinnytsiaAuditorEmail, tenant.RoleAuditor, ownOnly},
	{"api-client", "", tenant.RoleAPIClient, ownOnly},
	{"regional-supervisor", demo.RegionalSupervisorEmail, tenant.RoleRegionalSupervisor,
		func(t string) bool { return t == own || t == sameRegion }},
	{"national-analyst", demo.NationalAnalystEmail, tenant.RoleNationalAnalyst,
		func(t string) bool { return t != ghost }},
}

const ghost = "ghost"

var targets = []string{own, sameRegion, otherRegion, ghost}

// target returns the fixture of a target; the ghost has well-formed IDs
// that exist nowhere.
func target(name string) *fixture {
	if name != ghost {
		return fx[name]
	}
	id := func(p string) pulid.ID { return pulid.MustNew(p) }
	return &fixture{Community: id("CM"), Region: id("RG"), District: id("DS"), Organization: id("OR"),
		Provider: id("OR"), Family: id("FM"), Person: id("PS"), Report: id("RP"), APIClient: id("AK"), Membership: id("MB"),
		MemberUser: id("US"), PolicyRule: id("PR"), AuditEvent: id("AU"), Parent: id("PS"), Relationship: id("RL"),
		Case: id("CS"), CaseEvent: id("CE"), Safety: id("SA"), Needs: id("NA"), Decision: id("DC"),
		Plan: id("PL"), PlanReview: id("PV"), ServiceType: id("ST"), Referral: id("RF"), Consent: id("CN"),
		Withdrawable: id("CN"), TeamMember: id("TM"), Service: id("SV"), Activity: id("AC"), CaseAccess: id("CX"),
		Document: id("DO"), Session: id("KS"), Approval: id("AP"), Notification: id("NT"), Offer: id("OS"), OtherService: id("ST"),
		Emergency: id("EA"), Programme: id("VP"), Spare: id("VP"), Voucher: id("VC"), Transfer: id("CT"), Elsewhere: id("CM"),
		Position: id("WP"), Colleague: id("WP"), TrainingProgramme: id("TG"), TrainingEvent: id("TE"), Enrolment: id("TN"), Certificate: id("CF"),
		Group: id("WG"), GroupMember: id("WM"), GroupMeeting: id("GM"), GroupAction: id("GA"), GroupDocument: id("GD")}
}

// policy answers from the embedded default policy file, independently of
// the casbin engine under test.
type policy map[string]bool

func loadPolicy(t *testing.T) policy {
	rules, err := authz.DefaultRules()
	if err != nil {
		t.Fatal(err)
	}
	p := policy{}
	for _, r := range rules {
		p[r.Role+"|"+r.Object+"|"+r.Action] = !r.Deny
	}
	return p
}

func (p policy) allows(role, obj, act string) bool { return p[role+"|"+obj+"|"+act] }

// covers: the granter's role may do all the role may (no escalation).
func (p policy) covers(granter, role string) bool {
	for key, allow := range p {
		rest, ok := strings.CutPrefix(key, role+"|")
		if ok && allow && !p[granter+"|"+rest] {
			return false
		}
	}
	return true
}

// matrixCtx is what a case needs to know its expected outcome.
type matrixCtx struct {
	v      viewerSpec
	p      policy
	target string
}

func (m matrixCtx) canRead(obj string) bool {
	return m.target != ghost && m.v.covers(m.target) && m.p.allows(m.v.role, obj, authz.ActRead)
}

func (m matrixCtx) canWrite(obj, act string) bool {
	return m.target == own && tenant.Writes(m.v.role) && m.p.allows(m.v.role, obj, act)
}

// nodeCase says, for one Node type, which fixture object to look up and
// whether the viewer should see it.
type nodeCase struct {
	id      func(*fixture) pulid.ID
	visible func(matrixCtx) bool
}

func always(m matrixCtx) bool { return m.target != ghost }
func readable(obj string) func(matrixCtx) bool {
	return func(m matrixCtx) bool { return m.canRead(obj) }
}

// reportReadable: reporting partners see only the reports they submitted,
// and the fixture report was submitted by nobody of the matrix.
func reportReadable(m matrixCtx) bool {
	return m.canRead("report") && m.v.role != tenant.RolePartnerReporter && m.v.role != tenant.RoleAPIClient
}

// userReadable: a user's name is for colleagues who read the community's
// cases (the manager, the team) as well as for readers of users; the
// account's details (e-mail, TOTP) stay with the latter.
func userReadable(m matrixCtx) bool { return m.canRead("user") || m.canRead("case_file") }

var nodeCases = map[string]nodeCase{
	"Region":            {func(f *fixture) pulid.ID { return f.Region }, always},
	"District":          {func(f *fixture) pulid.ID { return f.District }, always},
	"Community":         {func(f *fixture) pulid.ID { return f.Community }, always},
	"Organization":      {func(f *fixture) pulid.ID { return f.Organization }, readable("organization")},
	"Family":            {func(f *fixture) pulid.ID { return f.Family }, readable("family")},
	"Person":            {func(f *fixture) pulid.ID { return f.Person }, readable("person")},
	"Report":            {func(f *fixture) pulid.ID { return f.Report }, reportReadable},
	"APIClient":         {func(f *fixture) pulid.ID { return f.APIClient }, readable("api_client")},
	"Membership":        {func(f *fixture) pulid.ID { return f.Membership }, readable("membership")},
	"User":              {func(f *fixture) pulid.ID { return f.MemberUser }, userReadable},
	"PolicyRule":        {func(f *fixture) pulid.ID { return f.PolicyRule }, readable("policy_rule")},
	"AuditEvent":        {func(f *fixture) pulid.ID { return f.AuditEvent }, readable("audit_event")},
	"Relationship":      {func(f *fixture) pulid.ID { return f.Relationship }, readable("relationship")},
	"Case":              {func(f *fixture) pulid.ID { return f.Case }, readable("case_file")},
	"CaseEvent":         {func(f *fixture) pulid.ID { return f.CaseEvent }, readable("case_event")},
	"SafetyAssessment":  {func(f *fixture) pulid.ID { return f.Safety }, readable("safety_assessment")},
	"NeedsAssessment":   {func(f *fixture) pulid.ID { return f.Needs }, readable("needs_assessment")},
	"Decision":          {func(f *fixture) pulid.ID { return f.Decision }, readable("decision")},
	"Placement":         {func(f *fixture) pulid.ID { return f.Placement }, readable("placement")},
	"Plan":              {func(f *fixture) pulid.ID { return f.Plan }, readable("plan")},
	"PlanReview":        {func(f *fixture) pulid.ID { return f.PlanReview }, readable("plan_review")},
	"ServiceType":       {func(f *fixture) pulid.ID { return f.ServiceType }, always},
	"Referral":          {func(f *fixture) pulid.ID { return f.Referral }, readable("referral")},
	"CaseTransfer":      {func(f *fixture) pulid.ID { return f.Transfer }, readable("case_transfer")},
	"Consent":           {func(f *fixture) pulid.ID { return f.Consent }, readable("consent")},
	"TeamMember":        {func(f *fixture) pulid.ID { return f.TeamMember }, readable("team_member")},
	"ServiceProvision":  {func(f *fixture) pulid.ID { return f.Service }, readable("service_provision")},
	"Activity":          {func(f *fixture) pulid.ID { return f.Activity }, readable("activity")},
	"CaseAccess":        {func(f *fixture) pulid.ID { return f.CaseAccess }, readable("case_access")},
	"Document":          {func(f *fixture) pulid.ID { return f.Document }, readable("document")},
	"CommissionSession": {func(f *fixture) pulid.ID { return f.Session }, readable("commission_session")},
	"Approval":          {func(f *fixture) pulid.ID { return f.Approval }, readable("approval")},
	// Notifications are their addressee's alone; the fixture's is the staff member's.
	"Notification": {func(f *fixture) pulid.ID { return f.Notification }, func(matrixCtx) bool { return false }},
	// Saved filters too; the fixture's is the staff member's.
	"SavedFilter":      {func(f *fixture) pulid.ID { return f.SavedFilter }, func(matrixCtx) bool { return false }},
	"ProviderService":  {func(f *fixture) pulid.ID { return f.Offer }, readable("provider_service")},
	"EmergencyAccess":  {func(f *fixture) pulid.ID { return f.Emergency }, readable("emergency_access")},
	"VoucherProgramme": {func(f *fixture) pulid.ID { return f.Programme }, readable("voucher_programme")},
	"Voucher":          {func(f *fixture) pulid.ID { return f.Voucher }, readable("voucher")},
	// The workforce register and training.
	"StaffPosition":     {func(f *fixture) pulid.ID { return f.Position }, readable("staff_position")},
	"TrainingProgramme": {func(f *fixture) pulid.ID { return f.TrainingProgramme }, readable("training_programme")},
	"TrainingEvent":     {func(f *fixture) pulid.ID { return f.TrainingEvent }, readable("training_event")},
	"TrainingEnrolment": {func(f *fixture) pulid.ID { return f.Enrolment }, readable("training_enrolment")},
	"Certificate":       {func(f *fixture) pulid.ID { return f.Certificate }, readable("certificate")},
	// Working groups: nobody of the matrix holds a place in the fixture's,
	// so each sees it by their role alone.
	"WorkingGroup":         {func(f *fixture) pulid.ID { return f.Group }, readable("working_group")},
	"WorkingGroupMember":   {func(f *fixture) pulid.ID { return f.GroupMember }, readable("working_group_member")},
	"WorkingGroupMeeting":  {func(f *fixture) pulid.ID { return f.GroupMeeting }, readable("working_group_meeting")},
	"WorkingGroupAction":   {func(f *fixture) pulid.ID { return f.GroupAction }, readable("working_group_action")},
	"WorkingGroupDocument": {func(f *fixture) pulid.ID { return f.GroupDocument }, readable("working_group_document")},
	// The fixture's invitation is to its staff member: the community's
	// readers of roles see it, and nobody of the matrix is its addressee.
	"Invitation":         {func(f *fixture) pulid.ID { return f.Invitation }, readable("membership")},
	"SupervisionSession": {func(f *fixture) pulid.ID { return f.Supervision }, readable("supervision_journal")},
}

// listCase is a query answering a list: the fixture object must be in it
// exactly when the viewer may read that type in the target community, and
// nothing of another community may be.
type listCase struct {
	query  string
	vars   func(f *fixture) map[string]any
	id     func(item map[string]any) string
	target func(f *fixture) pulid.ID
	others func(f *fixture) []pulid.ID // the target community's other objects the list may hold
	obj    string
}

func itemID(item map[string]any) string { return str(item, "id") }

var listCases = map[string]listCase{
	"workingGroups": {`query($c: ID!) { workingGroups(communityID: $c) { id } }`,
		func(f *fixture) map[string]any { return map[string]any{"c": f.Community} }, itemID,
		func(f *fixture) pulid.ID { return f.Group }, func(*fixture) []pulid.ID { return nil }, "working_group"},
	"staffPositions": {`query($c: ID!) { staffPositions(communityID: $c) { id } }`,
		func(f *fixture) map[string]any { return map[string]any{"c": f.Community} }, itemID,
		func(f *fixture) pulid.ID { return f.Position }, func(f *fixture) []pulid.ID { return []pulid.ID{f.Colleague} }, "staff_position"},
	"trainingProgrammes": {`query($c: ID!) { trainingProgrammes(communityID: $c) { id } }`,
		func(f *fixture) map[string]any { return map[string]any{"c": f.Community} }, itemID,
		func(f *fixture) pulid.ID { return f.TrainingProgramme }, func(*fixture) []pulid.ID { return nil }, "training_programme"},
	// A specialist reads only their own sessions, and the fixture's
	// supervisee is no viewer of the matrix: the journal's readers see it.
	"supervisionSessions": {`query($c: ID!) { supervisionSessions(communityID: $c) { id } }`,
		func(f *fixture) map[string]any { return map[string]any{"c": f.Community} }, itemID,
		func(f *fixture) pulid.ID { return f.Supervision }, func(*fixture) []pulid.ID { return nil }, "supervision_journal"},
	"supervisionTasks": {`query($c: ID!) { supervisionTasks(communityID: $c) { session { id } } }`,
		func(f *fixture) map[string]any { return map[string]any{"c": f.Community} },
		func(item map[string]any) string { return str(item, "session", "id") },
		func(f *fixture) pulid.ID { return f.Supervision }, func(*fixture) []pulid.ID { return nil }, "supervision_journal"},
	"trainingEvents": {`query($c: ID!) { trainingEvents(communityID: $c) { id } }`,
		func(f *fixture) map[string]any { return map[string]any{"c": f.Community} }, itemID,
		func(f *fixture) pulid.ID { return f.TrainingEvent }, func(*fixture) []pulid.ID { return nil }, "training_event"},
	"communityMembers": {`query($c: ID!) { communityMembers(communityID: $c) { id } }`,
		func(f *fixture) map[string]any { return map[string]any{"c": f.Community} }, itemID,
		func(f *fixture) pulid.ID { return f.Membership }, func(*fixture) []pulid.ID { return nil }, "membership"},
	"apiClients": {`query($c: ID!) { apiClients(communityID: $c) { id } }`,
		func(f *fixture) map[string]any { return map[string]any{"c": f.Community} }, itemID,
		func(f *fixture) pulid.ID { return f.APIClient }, func(*fixture) []pulid.ID { return nil }, "api_client"},
	"communityInvitations": {`query($c: ID!) { communityInvitations(communityID: $c) { id } }`,
		func(f *fixture) map[string]any { return map[string]any{"c": f.Community} }, itemID,
		func(f *fixture) pulid.ID { return f.Invitation }, func(*fixture) []pulid.ID { return nil }, "membership"},
	"searchPersons": {`query($c: ID!) { searchPersons(communityID: $c, text: "fixture child") { id } }`,
		func(f *fixture) map[string]any { return map[string]any{"c": f.Community} }, itemID,
		func(f *fixture) pulid.ID { return f.Person }, func(f *fixture) []pulid.ID { return []pulid.ID{f.Parent} }, "person"},
	"possibleDuplicates": {`query($c: ID!) { possibleDuplicates(input: {communityID: $c, lastName: "Child", firstName: "Fixture"}) { id } }`,
		func(f *fixture) map[string]any { return map[string]any{"c": f.Community} }, itemID,
		func(f *fixture) pulid.ID { return f.Person }, func(f *fixture) []pulid.ID { return []pulid.ID{f.Parent} }, "person"},
	"parentalCareRegister": {`query($c: ID!) { parentalCareRegister(communityID: $c) { id } }`,
		func(f *fixture) map[string]any { return map[string]any{"c": f.Community} }, itemID,
		func(f *fixture) pulid.ID { return f.Person }, func(*fixture) []pulid.ID { return nil }, "person"},
	"deadlines": {`query($c: ID!) { deadlines(communityID: $c) { case { id } } }`,
		func(f *fixture) map[string]any { return map[string]any{"c": f.Community} },
		func(item map[string]any) string { return str(item, "case", "id") },
		func(f *fixture) pulid.ID { return f.Case }, func(*fixture) []pulid.ID { return nil }, "case_file"},
}

// connectionCases: each list query, filtered to the fixture's object.
var connectionCases = map[string]nodeCase{
	"auditEvents":        nodeCases["AuditEvent"],
	"communities":        nodeCases["Community"],
	"families":           nodeCases["Family"],
	"organizations":      nodeCases["Organization"],
	"persons":            nodeCases["Person"],
	"regions":            nodeCases["Region"],
	"reports":            nodeCases["Report"],
	"cases":              nodeCases["Case"],
	"serviceTypes":       nodeCases["ServiceType"],
	"referrals":          nodeCases["Referral"],
	"approvals":          nodeCases["Approval"],
	"commissionSessions": nodeCases["CommissionSession"],
	"notifications":      nodeCases["Notification"],
	"providerServices":   nodeCases["ProviderService"],
	"emergencyAccesses":  nodeCases["EmergencyAccess"],
	"voucherProgrammes":  nodeCases["VoucherProgramme"],
	"vouchers":           nodeCases["Voucher"],
}

// globalQueries answer about the viewer or one community, not lists of records.
var globalQueries = map[string]func(e *env, t *testing.T, token string, m matrixCtx){
	// A group by its ID: there exactly where the viewer reads groups.
	"workingGroup": func(e *env, t *testing.T, token string, m matrixCtx) {
		r := e.do(token, `query($id: ID!) { workingGroup(id: $id) { id } }`, map[string]any{"id": target(m.target).Group})
		if got := r.Data["workingGroup"] != nil; len(r.Errors) > 0 || got != m.canRead("working_group") {
			t.Errorf("workingGroup on %s: found %v, may read %v (%v)", m.target, got, m.canRead("working_group"), r.Errors)
		}
	},
	// The viewer's own open items: nobody of the matrix holds a place in a group.
	"myWorkingGroupActions": func(e *env, t *testing.T, token string, m matrixCtx) {
		r := e.do(token, `query($c: ID) { myWorkingGroupActions(communityID: $c) { id } }`, map[string]any{"c": target(m.target).Community})
		if len(r.Errors) > 0 || len(r.Data["myWorkingGroupActions"].([]any)) != 0 {
			t.Errorf("myWorkingGroupActions on %s: %s", m.target, r.String())
		}
	},
	// Activity counts: the target community listed exactly where the viewer
	// reads working_group_activity there (never records).
	"workingGroupActivity": func(e *env, t *testing.T, token string, m matrixCtx) {
		r := e.do(token, `query($c: ID) { workingGroupActivity(communityID: $c, from: "2020-01-01", to: "2030-12-31") { community { id } meetings } }`,
			map[string]any{"c": target(m.target).Community})
		got := len(r.Errors) == 0 && len(r.Data["workingGroupActivity"].([]any)) == 1
		if want := m.canRead("working_group_activity"); got != want || (len(r.Errors) > 0 && m.v.email != "") {
			t.Errorf("workingGroupActivity on %s: listed %v, want %v (%v)", m.target, got, want, r.Errors)
		}
	},
	// A certificate by issuer and number: found exactly where the viewer reads certificates.
	"verifyCertificate": func(e *env, t *testing.T, token string, m matrixCtx) {
		f := target(m.target)
		r := e.do(token, `query($c: ID!, $n: String!) { verifyCertificate(communityID: $c, issuer: "Fixture centre", number: $n) { id } }`,
			map[string]any{"c": f.Community, "n": "FX-0001"})
		if got := r.Data["verifyCertificate"] != nil; len(r.Errors) > 0 || got != m.canRead("certificate") {
			t.Errorf("verifyCertificate on %s: found %v, may read %v (%v)", m.target, got, m.canRead("certificate"), r.Errors)
		}
	},
	"careForms": func(e *env, t *testing.T, token string, m matrixCtx) {
		if r := e.do(token, `{ careForms { form familyBased } }`, nil); len(r.Errors) > 0 || len(r.Data["careForms"].([]any)) != 11 {
			t.Errorf("careForms: %s %v", r.String(), r.Errors)
		}
	},
	"myInvitations": func(e *env, t *testing.T, token string, m matrixCtx) {
		if r := e.do(token, `{ myInvitations { id } }`, nil); len(r.Errors) > 0 || len(r.Data["myInvitations"].([]any)) != 0 {
			t.Errorf("myInvitations: %s %v", r.String(), r.Errors)
		}
	},
	// Each viewer's own saved filters: none of the matrix's viewers saved any.
	"savedFilters": func(e *env, t *testing.T, token string, m matrixCtx) {
		if r := e.do(token, `{ savedFilters { id } }`, nil); len(r.Errors) > 0 || len(r.Data["savedFilters"].([]any)) != 0 {
			t.Errorf("savedFilters: %s %v", r.String(), r.Errors)
		}
	},
	// Transfers the target community sent: its fixture's request among the
	// outgoing exactly where the viewer reads transfers there; nothing of
	// the matrix's communities is addressed to any viewer (the fixtures ask
	// a community nobody here works in).
	"caseTransfers": func(e *env, t *testing.T, token string, m matrixCtx) {
		for _, dir := range []string{"OUTGOING", "INCOMING"} {
			r := e.do(token, `query($d: TransferDirection!) { caseTransfers(direction: $d) { id } }`, map[string]any{"d": dir})
			items, _ := r.Data["caseTransfers"].([]any)
			found := slices.ContainsFunc(items, func(it any) bool { return itemID(it.(map[string]any)) == string(target(m.target).Transfer) })
			if want := dir == "OUTGOING" && m.canRead("case_transfer"); len(r.Errors) > 0 || found != want {
				t.Errorf("caseTransfers(%s) holds %s's transfer: %v, want %v (%v)", dir, m.target, found, want, r.Errors)
			}
		}
	},
	// Tasks of the target community: none to a viewer who may not read its cases.
	"tasks": func(e *env, t *testing.T, token string, m matrixCtx) {
		r := e.do(token, `query($c: ID!) { tasks(communityID: $c) { case { id communityID } } }`,
			map[string]any{"c": target(m.target).Community})
		got, _ := r.Data["tasks"].([]any)
		if len(r.Errors) > 0 || !m.canRead("case_file") && len(got) > 0 {
			t.Errorf("tasks of %s: %d, may read cases %v (%v)", m.target, len(got), m.canRead("case_file"), r.Errors)
		}
		for _, it := range got {
			if c := str(it.(map[string]any), "case", "communityID"); c != string(target(m.target).Community) {
				t.Errorf("tasks of %s: a case of %s", m.target, c)
			}
		}
	},
	// The people who may manage the target community's cases: none to a
	// viewer who may read neither its cases nor its users.
	"caseManagers": func(e *env, t *testing.T, token string, m matrixCtx) {
		r := e.do(token, `query($c: ID!) { caseManagers(communityID: $c) { id } }`, map[string]any{"c": target(m.target).Community})
		got, _ := r.Data["caseManagers"].([]any)
		if len(r.Errors) > 0 || !m.canRead("case_file") && !m.canRead("user") && len(got) > 0 {
			t.Errorf("caseManagers of %s: %d, may read cases %v (%v)", m.target, len(got), m.canRead("case_file"), r.Errors)
		}
	},
	// The target community's team: its workers only to a viewer who may
	// read its cases or users, their figures (counted over cases) only to
	// one who may read its cases.
	"teamWorkload": func(e *env, t *testing.T, token string, m matrixCtx) {
		r := e.do(token, `query($c: ID!) { teamWorkload(communityID: $c) { worker { id } openCases overdueDeadlines overdueTasks pendingApprovals } }`,
			map[string]any{"c": target(m.target).Community})
		got, _ := r.Data["teamWorkload"].([]any)
		if len(r.Errors) > 0 || !m.canRead("case_file") && !m.canRead("user") && len(got) > 0 {
			t.Errorf("teamWorkload of %s: %d workers, may read cases %v (%v)", m.target, len(got), m.canRead("case_file"), r.Errors)
		}
		for _, it := range got {
			row := it.(map[string]any)
			if !m.canRead("case_file") && num(row, "openCases")+num(row, "overdueDeadlines")+num(row, "overdueTasks")+num(row, "pendingApprovals") > 0 {
				t.Errorf("teamWorkload of %s: figures %v to a viewer who may not read its cases", m.target, row)
			}
		}
	},
	// A record's history: values only to whoever may read the record; the
	// changes without values to a reader of the log; nothing to anyone else.
	"history": func(e *env, t *testing.T, token string, m matrixCtx) {
		r := e.do(token, `query($id: ID!) { history(record: $id) { valuesHidden fields { old new } } }`,
			map[string]any{"id": target(m.target).Person})
		list, _ := r.Data["history"].([]any)
		if len(r.Errors) > 0 || !m.canRead("person") && !m.canRead("audit_event") && len(list) > 0 {
			t.Errorf("history of %s's person: %d changes, may read persons %v (%v)", m.target, len(list), m.canRead("person"), r.Errors)
		}
		for _, c := range list {
			ch := c.(map[string]any)
			if m.canRead("person") {
				continue
			}
			if ch["valuesHidden"] != true {
				t.Errorf("history of %s's person: values shown to a viewer who may not read it", m.target)
			}
			for _, f := range ch["fields"].([]any) {
				if fv := f.(map[string]any); fv["old"] != nil || fv["new"] != nil {
					t.Errorf("history of %s's person: a value %v", m.target, fv)
				}
			}
		}
	},
	// One's own sessions only: the one asking among them, no one else's.
	"mySessions": func(e *env, t *testing.T, token string, m matrixCtx) {
		r := e.do(token, `{ mySessions { id current } }`, nil)
		if m.v.email == "" {
			if r.code() != server.CodeUnauthenticated {
				t.Errorf("mySessions without a person: %v", r.Errors)
			}
			return
		}
		list, _ := r.Data["mySessions"].([]any)
		current := 0
		for _, s := range list {
			if s.(map[string]any)["current"] == true {
				current++
			}
		}
		if len(r.Errors) > 0 || current != 1 {
			t.Errorf("mySessions: %s %v", r.String(), r.Errors)
		}
	},
	"unreadNotifications": func(e *env, t *testing.T, token string, m matrixCtx) {
		if r := e.do(token, `{ unreadNotifications }`, nil); len(r.Errors) > 0 {
			t.Errorf("unreadNotifications: %v", r.Errors)
		}
	},
	"serviceMap": func(e *env, t *testing.T, token string, m matrixCtx) {
		r := e.do(token, `query($c: ID!) { serviceMap(scope: {communityID: $c}) { services { service } minimalPackage { key present } } }`,
			map[string]any{"c": target(m.target).Community})
		got, _ := r.Data["serviceMap"].([]any)
		if want := m.canRead("indicator"); (len(got) == 1) != want || len(r.Errors) > 0 {
			t.Errorf("serviceMap on %s: %d communities, want visible=%v (%v)", m.target, len(got), want, r.Errors)
		}
	},
	"deidentifiedCases": func(e *env, t *testing.T, token string, m matrixCtx) {
		r := e.do(token, `query($c: ID!) { deidentifiedCases(communityID: $c) { openedMonth status } }`,
			map[string]any{"c": target(m.target).Community})
		rows, _ := r.Data["deidentifiedCases"].([]any)
		if m.canRead("deidentified_case") {
			if len(rows) == 0 || len(r.Errors) > 0 {
				t.Errorf("deidentifiedCases on %s: %d rows, want some (%v)", m.target, len(rows), r.Errors)
			}
		} else if r.code() != server.CodeForbidden {
			t.Errorf("deidentifiedCases on %s: %d rows, code %q, want FORBIDDEN", m.target, len(rows), r.code())
		}
	},
	"indicatorDefinitions": func(e *env, t *testing.T, token string, m matrixCtx) {
		if r := e.do(token, `{ indicatorDefinitions { key } }`, nil); len(r.Errors) > 0 {
			t.Errorf("indicatorDefinitions: %v", r.Errors)
		}
	},
	"indicators": func(e *env, t *testing.T, token string, m matrixCtx) {
		r := e.do(token, `query($c: ID!) { indicators(scope: {communityID: $c}, period: {kind: YEAR, year: 2026}) { communities { community { id } recordAccess } } }`,
			map[string]any{"c": target(m.target).Community})
		rep, _ := r.Data["indicators"].(map[string]any)
		got, _ := rep["communities"].([]any)
		if want := m.canRead("indicator"); (len(got) == 1) != want || len(r.Errors) > 0 {
			t.Errorf("indicators on %s: %d communities, want visible=%v (%v)", m.target, len(got), want, r.Errors)
		}
		for _, c := range got {
			if access := c.(map[string]any)["recordAccess"] == true; access != m.canRead("case_file") {
				t.Errorf("indicators on %s: record access %v", m.target, access)
			}
		}
	},
	"indicatorTrend": func(e *env, t *testing.T, token string, m matrixCtx) {
		r := e.do(token, `query($c: ID!) { indicatorTrend(key: "reports_received", scope: {communityID: $c}, period: {kind: MONTH, year: 2026, number: 11}, periods: 3) { cell { display } } }`,
			map[string]any{"c": target(m.target).Community})
		if len(r.Errors) > 0 {
			t.Errorf("indicatorTrend on %s: %v", m.target, r.Errors)
		}
	},
	"communityRoles": func(e *env, t *testing.T, token string, m matrixCtx) {
		r := e.do(token, `query($c: ID!) { communityRoles(communityID: $c) { key } }`, map[string]any{"c": target(m.target).Community})
		ok := m.target == own && tenant.Writes(m.v.role) && m.p.allows(m.v.role, "policy_rule", authz.ActRead)
		if err := expect(r, ok, deniedCodes(m)...); err != nil {
			t.Errorf("communityRoles on %s: %v", m.target, err)
		}
	},
	// The scopes an API client may be given: listed to those who may make
	// clients there, empty to everyone else.
	"apiClientScopes": func(e *env, t *testing.T, token string, m matrixCtx) {
		r := e.do(token, `query($c: ID!) { apiClientScopes(communityID: $c, role: API_CLIENT) }`, map[string]any{"c": target(m.target).Community})
		scopes, _ := r.Data["apiClientScopes"].([]any)
		if want := m.canWrite("api_client", authz.ActCreate); len(r.Errors) > 0 || (len(scopes) > 0) != want {
			t.Errorf("apiClientScopes on %s: %d scopes, may create clients %v (%v)", m.target, len(scopes), want, r.Errors)
		}
	},
	"communityPolicyRules": func(e *env, t *testing.T, token string, m matrixCtx) {
		c := fmt.Sprint(target(m.target).Community)
		r := e.do(token, `query($c: ID!) { communityPolicyRules(communityID: $c) { domain default } }`, map[string]any{"c": c})
		if len(r.Errors) > 0 {
			t.Errorf("communityPolicyRules on %s: %v", m.target, r.Errors)
			return
		}
		rules, _ := r.Data["communityPolicyRules"].([]any)
		if len(rules) > 0 && !m.canRead("policy_rule") {
			t.Errorf("communityPolicyRules on %s: %d rules the viewer may not read", m.target, len(rules))
		}
		for _, x := range rules {
			if rule := x.(map[string]any); rule["domain"] != c || rule["default"] == true {
				t.Errorf("communityPolicyRules on %s: a rule of %v (default %v)", m.target, rule["domain"], rule["default"])
			}
		}
	},
	"calendar": func(e *env, t *testing.T, token string, m matrixCtx) {
		r := e.do(token, `query($c: ID!) { calendar(communityID: $c, year: 2026) { year holidaysAreWorkingDays } }`,
			map[string]any{"c": target(m.target).Community})
		if got, want := len(r.Errors) == 0, m.canRead("calendar_year"); got != want {
			t.Errorf("calendar on %s: answered=%v, want %v (%v)", m.target, got, want, r.Errors)
		}
		if len(r.Errors) > 0 && m.target != own && r.code() != server.CodeNotFound {
			t.Errorf("calendar on %s: %s, want NOT_FOUND", m.target, r.code())
		}
	},
}

// mutationCase builds one mutation aimed at a target and names the policy
// object and action it needs.
type mutationCase struct {
	query    string
	vars     func(f *fixture, n int) map[string]any
	obj, act string
	// global mutations act on the caller's own account, not on a community.
	global  func(m matrixCtx, r *gqlResponse) error
	destroy bool // run after the others: it removes a fixture
	// onlyRole narrows who may, beyond the policy: a body's decisions are
	// recorded only by that body (nobody: only the fixture's own staff).
	onlyRole string
	// contended: answers the workflow may give where the role may act,
	// because the viewers run at once on the same fixture (a referral
	// already pending, a consent already withdrawn).
	contended []string
	upload    bool // sends $file as a multipart upload
	// overseer: an act of oversight in a community the viewer reads but
	// does not write (breaking the glass): allowed where it reads and the
	// policy allows the act.
	overseer bool
	// grants: the role the mutation gives, which the viewer's role must
	// cover (nobody gives more than they hold).
	grants string
}

const nobody = "nobody"

func caseVar(f *fixture, _ int) map[string]any { return map[string]any{"id": f.Case} }

var mutationCases = map[string]mutationCase{
	// Working groups (nobody of the matrix holds a place in the fixture's).
	"createWorkingGroup": {query: `mutation($c: ID!) { createWorkingGroup(input: {communityID: $c, title: "M"}) { id } }`,
		vars: cid, obj: "working_group", act: authz.ActCreate},
	"updateWorkingGroup": {query: `mutation($id: ID!) { updateWorkingGroup(id: $id, input: {mandate: "M"}) { id } }`,
		vars: func(f *fixture, _ int) map[string]any { return map[string]any{"id": f.Group} }, obj: "working_group", act: authz.ActUpdate},
	"addWorkingGroupMember": {query: `mutation($c: ID!, $g: ID!) { addWorkingGroupMember(input: {communityID: $c, groupID: $g, name: "M"}) { id } }`,
		vars: func(f *fixture, _ int) map[string]any { return map[string]any{"c": f.Community, "g": f.Group} },
		obj:  "working_group_member", act: authz.ActCreate},
	"updateWorkingGroupMember": {query: `mutation($id: ID!) { updateWorkingGroupMember(id: $id, input: {position: "M"}) { id } }`,
		vars: func(f *fixture, _ int) map[string]any { return map[string]any{"id": f.GroupMember} }, obj: "working_group_member", act: authz.ActUpdate},
	"recordWorkingGroupMeeting": {query: `mutation($g: ID!, $m: ID!) { recordWorkingGroupMeeting(input: {groupID: $g, heldOn: "{{stepDay}}",
		attendees: [$m], actions: [{text: "M", ownerID: $m, dueOn: "{{stepDay}}"}]}) { id } }`,
		vars: func(f *fixture, _ int) map[string]any { return map[string]any{"g": f.Group, "m": f.GroupMember} },
		obj:  "working_group_meeting", act: authz.ActCreate, contended: []string{server.CodeConflict}},
	"updateWorkingGroupMeeting": {query: `mutation($id: ID!) { updateWorkingGroupMeeting(id: $id, input: {minutes: "M"}) { id } }`,
		vars: func(f *fixture, _ int) map[string]any { return map[string]any{"id": f.GroupMeeting} }, obj: "working_group_meeting", act: authz.ActUpdate},
	"addWorkingGroupAction": {query: `mutation($c: ID!, $g: ID!, $m: ID!) { addWorkingGroupAction(input: {communityID: $c, groupID: $g,
		ownerID: $m, text: "M", dueOn: "{{stepDay}}"}) { id } }`,
		vars: func(f *fixture, _ int) map[string]any {
			return map[string]any{"c": f.Community, "g": f.Group, "m": f.GroupMember}
		},
		obj: "working_group_action", act: authz.ActCreate},
	"completeWorkingGroupAction": {query: `mutation($id: ID!) { completeWorkingGroupAction(id: $id, doneOn: "{{stepDay}}") { id } }`,
		vars: func(f *fixture, _ int) map[string]any { return map[string]any{"id": f.GroupAction} }, obj: "working_group_action", act: authz.ActUpdate,
		contended: []string{server.CodeConflict}},
	"adoptWorkingGroupDocument": {query: `mutation($c: ID!, $g: ID!) { adoptWorkingGroupDocument(input: {communityID: $c, groupID: $g,
		title: "M", adoptedOn: "{{stepDay}}"}) { id } }`,
		vars: func(f *fixture, _ int) map[string]any { return map[string]any{"c": f.Community, "g": f.Group} },
		obj:  "working_group_document", act: authz.ActCreate},
	// The workforce register and training.
	"createStaffPosition": {query: `mutation($c: ID!, $o: ID!) { createStaffPosition(input: {communityID: $c, organizationID: $o,
		kind: CASE_MANAGER, workload: 1, holderName: "M"}) { id } }`,
		vars: func(f *fixture, _ int) map[string]any { return map[string]any{"c": f.Community, "o": f.Organization} },
		obj:  "staff_position", act: authz.ActCreate},
	"updateStaffPosition": {query: `mutation($id: ID!) { updateStaffPosition(id: $id, input: {workload: 0.75}) { id } }`,
		vars: func(f *fixture, _ int) map[string]any { return map[string]any{"id": f.Position} }, obj: "staff_position", act: authz.ActUpdate},
	"closeStaffPosition": {query: `mutation($id: ID!) { closeStaffPosition(id: $id, closedOn: "{{stepDay}}") { id } }`,
		vars: func(f *fixture, _ int) map[string]any { return map[string]any{"id": f.Colleague} }, obj: "staff_position", act: authz.ActUpdate,
		destroy: true},
	"createTrainingProgramme": {query: `mutation($c: ID!) { createTrainingProgramme(input: {communityID: $c, title: "M", format: IN_PERSON},
		modules: [{topic: "T", hours: 4}]) { id } }`, vars: cid, obj: "training_programme", act: authz.ActCreate},
	"updateTrainingProgramme": {query: `mutation($id: ID!) { updateTrainingProgramme(id: $id, input: {fundingSource: "F"}) { id } }`,
		vars: func(f *fixture, _ int) map[string]any { return map[string]any{"id": f.TrainingProgramme} }, obj: "training_programme", act: authz.ActUpdate},
	"createTrainingEvent": {query: `mutation($c: ID!, $p: ID!) { createTrainingEvent(input: {communityID: $c, programmeID: $p,
		startsOn: "{{stepDay}}", endsOn: "{{stepDay}}"}) { id } }`,
		vars: func(f *fixture, _ int) map[string]any {
			return map[string]any{"c": f.Community, "p": f.TrainingProgramme}
		},
		obj: "training_event", act: authz.ActCreate},
	"updateTrainingEvent": {query: `mutation($id: ID!) { updateTrainingEvent(id: $id, input: {audience: "A"}) { id } }`,
		vars: func(f *fixture, _ int) map[string]any { return map[string]any{"id": f.TrainingEvent} }, obj: "training_event", act: authz.ActUpdate},
	"enrolInTraining": {query: `mutation($e: ID!, $p: ID!) { enrolInTraining(eventID: $e, positionID: $p) { id } }`,
		vars: func(f *fixture, _ int) map[string]any { return map[string]any{"e": f.TrainingEvent, "p": f.Colleague} },
		obj:  "training_enrolment", act: authz.ActCreate},
	"recordTrainingAttendance": {query: `mutation($id: ID!) { recordTrainingAttendance(id: $id, modules: [1, 2]) { id } }`,
		vars: func(f *fixture, _ int) map[string]any { return map[string]any{"id": f.Enrolment} }, obj: "training_enrolment", act: authz.ActUpdate},
	"completeTraining": {query: `mutation($id: ID!) { completeTraining(id: $id, completedOn: "{{stepDay}}") { id } }`,
		vars: func(f *fixture, _ int) map[string]any { return map[string]any{"id": f.Enrolment} }, obj: "training_enrolment", act: authz.ActUpdate},
	"issueCertificate": {query: `mutation($c: ID!, $p: ID!, $n: String!) { issueCertificate(input: {communityID: $c, positionID: $p,
		number: $n, issuedOn: "{{stepDay}}", issuer: "M", kind: OTHER}) { id } }`,
		vars: func(f *fixture, n int) map[string]any {
			return map[string]any{"c": f.Community, "p": f.Position, "n": fmt.Sprintf("M-%d", n)}
		},
		obj: "certificate", act: authz.ActCreate},
	// The supervision journal: a session for the community's member; the
	// fixture's follow-up is completed once (a second time is CONFLICT).
	"recordSupervisionSession": {query: `mutation($c: ID!, $u: ID!) { recordSupervisionSession(input: {communityID: $c, kind: INDIVIDUAL,
		format: ONLINE, heldOn: "{{stepDay}}", supervisorKind: EXTERNAL, supervisorName: "M", superviseeIDs: [$u]}) { id } }`,
		vars: func(f *fixture, _ int) map[string]any { return map[string]any{"c": f.Community, "u": f.MemberUser} },
		obj:  "supervision_session", act: authz.ActCreate},
	"completeSupervisionFollowUp": {query: `mutation($id: ID!) { completeSupervisionFollowUp(sessionID: $id, key: "1", doneOn: "{{stepDay}}") { id } }`,
		vars: func(f *fixture, _ int) map[string]any { return map[string]any{"id": f.Supervision} },
		obj:  "supervision_session", act: authz.ActUpdate, contended: []string{server.CodeConflict}},
	"createRelationship": {query: `mutation($c: ID!, $p: ID!, $r: ID!) { createRelationship(input: {communityID: $c, personID: $p, relativeID: $r, kind: GUARDIAN}) { id } }`,
		vars: func(f *fixture, _ int) map[string]any {
			return map[string]any{"c": f.Community, "p": f.Parent, "r": f.Person}
		},
		obj: "relationship", act: authz.ActCreate},
	"transitionCase": {query: `mutation($id: ID!) { transitionCase(input: {id: $id, to: ASSESSING_SAFETY}) { status } }`,
		vars: func(f *fixture, _ int) map[string]any { return map[string]any{"id": f.Case} }, obj: "case_file", act: authz.ActUpdate},
	"recordSafetyAssessment": {query: `mutation($id: ID!) { recordSafetyAssessment(input: {caseID: $id, conductedAt: "{{step}}", result: SAFE}) { id } }`,
		vars: func(f *fixture, _ int) map[string]any { return map[string]any{"id": f.Case} }, obj: "safety_assessment", act: authz.ActCreate},
	"recordNeedsAssessment": {query: `mutation($id: ID!, $p: ID!) { recordNeedsAssessment(input: {caseID: $id, providerID: $p, kind: INITIAL,
		conductedAt: "{{step}}", actFiledAt: "{{step+2h}}", strengths: "S", conclusion: "C", actNumber: "7",
		domains: [{domain: CHILD_DEVELOPMENT, rating: SOME_CONCERN, narrative: "N"}, {domain: PARENTING_CAPACITY, rating: NO_CONCERN, narrative: "N"},
		{domain: FAMILY_ENVIRONMENT, rating: SOME_CONCERN, narrative: "N"}]}) { id } }`,
		vars: func(f *fixture, _ int) map[string]any { return map[string]any{"id": f.Case, "p": f.Provider} },
		obj:  "needs_assessment", act: authz.ActCreate},
	"recordDecision": {query: `mutation($id: ID!) { recordDecision(input: {caseID: $id, body: GUARDIANSHIP_BODY,
		kind: REGISTER_IN_DIFFICULT_CIRCUMSTANCES, number: "15", decidedAt: "{{step}}", legalBasis: "ПКМУ № 800"}) { id } }`,
		vars: func(f *fixture, _ int) map[string]any { return map[string]any{"id": f.Case} },
		obj:  "decision", act: authz.ActCreate, onlyRole: tenant.RoleGuardianshipBody},
	"savePlan": {query: `mutation($id: ID!, $o: ID!) { savePlan(input: {caseID: $id, nextReviewAt: "{{review}}",
		goals: [{text: "G", actions: [{text: "A", responsibleOrganizationID: $o, due: "{{due}}"}]}]}) { version } }`,
		vars: func(f *fixture, _ int) map[string]any { return map[string]any{"id": f.Case, "o": f.Organization} },
		obj:  "plan", act: authz.ActCreate},
	"agreePlan": {query: `mutation($id: ID!) { agreePlan(id: $id, agreedAt: "{{step}}", document: "згода № 3") { agreedAt } }`,
		// A version savePlan writes meanwhile supersedes the fixture's.
		vars: func(f *fixture, _ int) map[string]any { return map[string]any{"id": f.Plan} }, obj: "plan", act: authz.ActUpdate,
		contended: []string{server.CodeConflict}},
	"reviewPlan": {query: `mutation($id: ID!) { reviewPlan(input: {planID: $id, reviewedAt: "{{step}}",
		outcomes: [{key: "g1", outcome: ACHIEVED}]}) { id } }`,
		vars: func(f *fixture, _ int) map[string]any { return map[string]any{"id": f.Plan} }, obj: "plan_review", act: authz.ActCreate},
	"updateCase": {query: `mutation($id: ID!, $f: ID!) { updateCase(id: $id, input: {familyID: $f}) { id } }`,
		vars: func(f *fixture, _ int) map[string]any { return map[string]any{"id": f.Case, "f": f.Family} }, obj: "case_file", act: authz.ActUpdate},
	"sendReferral": {query: `mutation($id: ID!, $o: ID!) { sendReferral(input: {caseID: $id, toOrganizationID: $o, reason: "R"}) { id } }`,
		vars: func(f *fixture, _ int) map[string]any { return map[string]any{"id": f.Case, "o": f.Organization} },
		obj:  "referral", act: authz.ActCreate, contended: []string{server.CodeBadUserInput}},
	"acceptReferral": {query: `mutation($id: ID!) { acceptReferral(id: $id) { status } }`,
		vars: func(f *fixture, _ int) map[string]any { return map[string]any{"id": f.Referral} },
		obj:  "referral", act: authz.ActUpdate, onlyRole: nobody},
	"declineReferral": {query: `mutation($id: ID!) { declineReferral(id: $id, reason: "R") { status } }`,
		vars: func(f *fixture, _ int) map[string]any { return map[string]any{"id": f.Referral} },
		obj:  "referral", act: authz.ActUpdate, onlyRole: nobody},
	"cancelReferral": {query: `mutation($id: ID!) { cancelReferral(id: $id) { status } }`,
		vars: func(f *fixture, _ int) map[string]any { return map[string]any{"id": f.Referral} },
		obj:  "referral", act: authz.ActUpdate, onlyRole: nobody},
	// A transfer of the fixture case to Elsewhere: the request itself may
	// meet the fixture's pending one (CONFLICT), a case the procedure holds
	// back (CONFLICT) or a role without the override (FORBIDDEN).
	"requestCaseTransfer": {query: `mutation($id: ID!, $to: ID!) { requestCaseTransfer(input: {caseID: $id, toCommunityID: $to, reason: "R", overrideReason: "O"}) { id } }`,
		vars: func(f *fixture, _ int) map[string]any { return map[string]any{"id": f.Case, "to": f.Elsewhere} },
		obj:  "case_transfer", act: authz.ActCreate, contended: []string{server.CodeConflict, server.CodeForbidden}},
	// The fixture family has an open case (and a pending transfer): the
	// request is refused in the viewer's own community, and finds nothing
	// elsewhere.
	"requestFamilyTransfer": {query: `mutation($f: ID!, $to: ID!) { requestFamilyTransfer(input: {familyID: $f, toCommunityID: $to, reason: "R"}) { id } }`,
		vars: func(f *fixture, _ int) map[string]any { return map[string]any{"f": f.Family, "to": f.Elsewhere} },
		obj:  "case_transfer", act: authz.ActCreate, contended: []string{server.CodeConflict, server.CodeBadUserInput}},
	// Only Elsewhere answers the fixture's request, and nobody here works there.
	"acceptCaseTransfer": {query: `mutation($id: ID!) { acceptCaseTransfer(id: $id) { status } }`,
		vars: func(f *fixture, _ int) map[string]any { return map[string]any{"id": f.Transfer} },
		obj:  "case_transfer", act: authz.ActUpdate, onlyRole: nobody},
	"declineCaseTransfer": {query: `mutation($id: ID!) { declineCaseTransfer(id: $id, reason: "R") { status } }`,
		vars: func(f *fixture, _ int) map[string]any { return map[string]any{"id": f.Transfer} },
		obj:  "case_transfer", act: authz.ActUpdate, onlyRole: nobody},
	// The sender withdraws its own request (once: a second answer is CONFLICT).
	"withdrawCaseTransfer": {query: `mutation($id: ID!) { withdrawCaseTransfer(id: $id) { status } }`,
		vars: func(f *fixture, _ int) map[string]any { return map[string]any{"id": f.Transfer} },
		obj:  "case_transfer", act: authz.ActUpdate, contended: []string{server.CodeConflict}},
	"recordConsent": {query: `mutation($f: ID!) { recordConsent(input: {familyID: $f, givenBy: "M", givenAt: "{{step}}", document: "D", purpose: REFERRAL, recipientKind: NGO_PROVIDER}) { id } }`,
		vars: func(f *fixture, _ int) map[string]any { return map[string]any{"f": f.Family} }, obj: "consent", act: authz.ActCreate},
	"withdrawConsent": {query: `mutation($id: ID!) { withdrawConsent(id: $id, withdrawnAt: "{{step+1d}}") { consent { id } } }`,
		vars: func(f *fixture, _ int) map[string]any { return map[string]any{"id": f.Withdrawable} },
		obj:  "consent", act: authz.ActUpdate, contended: []string{server.CodeConflict}},
	"addTeamMember": {query: `mutation($id: ID!, $o: ID!) { addTeamMember(input: {caseID: $id, organizationID: $o, name: "M", role: "R"}) { id } }`,
		vars: func(f *fixture, _ int) map[string]any { return map[string]any{"id": f.Case, "o": f.Organization} },
		obj:  "team_member", act: authz.ActCreate},
	"removeTeamMember": {query: `mutation($id: ID!) { removeTeamMember(id: $id) { id } }`,
		vars: func(f *fixture, _ int) map[string]any { return map[string]any{"id": f.TeamMember} },
		obj:  "team_member", act: authz.ActUpdate, contended: []string{server.CodeConflict}},
	"startService": {query: `mutation($id: ID!, $o: ID!, $s: ID!) { startService(input: {caseID: $id, providerID: $o, serviceTypeID: $s, startedAt: "{{step}}"}) { id } }`,
		vars: func(f *fixture, _ int) map[string]any {
			return map[string]any{"id": f.Case, "o": f.Provider, "s": f.ServiceType}
		},
		obj: "service_provision", act: authz.ActCreate},
	"endService": {query: `mutation($id: ID!) { endService(input: {id: $id, status: COMPLETED, endedAt: "{{step+1d}}"}) { status } }`,
		vars: func(f *fixture, _ int) map[string]any { return map[string]any{"id": f.Service} },
		obj:  "service_provision", act: authz.ActUpdate, contended: []string{server.CodeConflict}},
	"assignCase": {query: `mutation($id: ID!, $u: ID!) { assignCase(caseID: $id, managerID: $u) { id } }`,
		vars: func(f *fixture, _ int) map[string]any { return map[string]any{"id": f.Case, "u": f.MemberUser} }, global: isolatedOnly},
	"reassignCaseload": {query: `mutation($c: ID!, $u: ID!) { reassignCaseload(input: {communityID: $c, fromUserID: $u, toUserID: $u}) { id } }`,
		vars: func(f *fixture, _ int) map[string]any { return map[string]any{"c": f.Community, "u": f.MemberUser} }, global: isolatedOnly},
	"createSavedFilter": {query: `mutation($c: ID!) { createSavedFilter(input: {communityID: $c, name: "M"}) { id } }`,
		vars: cid, obj: "saved_filter", act: authz.ActCreate},
	"updateSavedFilter": {query: `mutation($id: ID!) { updateSavedFilter(id: $id, input: {name: "M"}) { id } }`,
		vars: func(f *fixture, _ int) map[string]any { return map[string]any{"id": f.SavedFilter} }, obj: "saved_filter", act: authz.ActUpdate, onlyRole: nobody},
	"deleteSavedFilter": {query: `mutation($id: ID!) { deleteSavedFilter(id: $id) }`,
		vars: func(f *fixture, _ int) map[string]any { return map[string]any{"id": f.SavedFilter} }, obj: "saved_filter", act: authz.ActDelete, onlyRole: nobody},
	"recordPlacement": {query: `mutation($id: ID!, $p: ID!) { recordPlacement(input: {caseID: $id, childID: $p, form: KIN_CARE, address: "M", startedAt: "{{step}}"}) { id } }`,
		vars: func(f *fixture, _ int) map[string]any { return map[string]any{"id": f.Case, "p": f.Person} }, obj: "placement", act: authz.ActCreate},
	"endPlacement": {query: `mutation($id: ID!) { endPlacement(input: {id: $id, endedAt: "{{step+1d}}", reason: RETURNED_TO_FAMILY}) { id } }`,
		vars: func(f *fixture, _ int) map[string]any { return map[string]any{"id": f.Placement} },
		obj:  "placement", act: authz.ActUpdate, contended: []string{server.CodeConflict}},
	"recordParentalCareStatus": {query: `mutation($p: ID!) { recordParentalCareStatus(input: {personID: $p, status: DEPRIVED_OF_PARENTAL_CARE, basis: "M", since: "{{stepDay}}"}) { id } }`,
		vars: func(f *fixture, _ int) map[string]any { return map[string]any{"p": f.Person} }, obj: "person", act: authz.ActUpdate},
	"recordActivity": {query: `mutation($id: ID!) { recordActivity(input: {caseID: $id, kind: PHONE_CALL, at: "{{step}}", durationMinutes: 15}) { id } }`,
		vars: caseVar, obj: "activity", act: authz.ActCreate},
	"createCommissionSession": {query: `mutation($c: ID!) { createCommissionSession(input: {communityID: $c, heldAt: "{{step}}", agenda: [{title: "Q"}]}) { id } }`,
		vars: cid, obj: "commission_session", act: authz.ActCreate},
	"updateCommissionSession": {query: `mutation($id: ID!) { updateCommissionSession(id: $id, input: {protocolNumber: "7"}) { id } }`,
		vars: func(f *fixture, _ int) map[string]any { return map[string]any{"id": f.Session} }, obj: "commission_session", act: authz.ActUpdate},
	"uploadDocument": {query: `mutation($id: ID!, $file: Upload!) { uploadDocument(input: {caseID: $id, kind: SCAN, title: "T", file: $file}) { id } }`,
		vars: caseVar, obj: "document", act: authz.ActCreate, upload: true},
	"approve": {query: `mutation($id: ID!) { approve(id: $id) { status } }`,
		vars: func(f *fixture, _ int) map[string]any { return map[string]any{"id": f.Approval} },
		obj:  "approval", act: authz.ActUpdate, contended: []string{server.CodeConflict}},
	"returnForRework": {query: `mutation($id: ID!) { returnForRework(id: $id, comment: "C") { status } }`,
		vars: func(f *fixture, _ int) map[string]any { return map[string]any{"id": f.Approval} },
		obj:  "approval", act: authz.ActUpdate, contended: []string{server.CodeConflict}},
	"setCalendarYear": {query: `mutation($c: ID!) { setCalendarYear(communityID: $c, input: {year: {{year+5}}, holidays: ["{{year+5}}-01-01"], holidaysAreWorkingDays: true}) { custom } }`,
		vars: cid, obj: "calendar_year", act: authz.ActUpdate},
	"resetCalendarYear": {query: `mutation($c: ID!) { resetCalendarYear(communityID: $c, year: {{year+5}}) { custom } }`,
		vars: cid, obj: "calendar_year", act: authz.ActUpdate},
	"markNotificationsRead": {query: `mutation { markNotificationsRead }`, vars: func(*fixture, int) map[string]any { return nil },
		global: func(m matrixCtx, r *gqlResponse) error { return expect(r, m.v.email != "", server.CodeUnauthenticated) }},
	"openEmergencyAccess": {query: `mutation($c: ID!, $r: String!) { openEmergencyAccess(input: {communityID: $c, reference: $r,
		reason: "The police report the child alone at home at night"}) { id active } }`,
		vars: func(f *fixture, _ int) map[string]any {
			return map[string]any{"c": f.Community, "r": emergency.Reference(f.Case)}
		}, obj: emergency.Object, act: authz.ActCreate, overseer: true},
	"endEmergencyAccess": {query: `mutation($id: ID!) { endEmergencyAccess(id: $id) { id } }`,
		vars: func(f *fixture, _ int) map[string]any { return map[string]any{"id": f.Emergency} }, obj: emergency.Object, act: authz.ActUpdate},
	"createVoucherProgramme": {query: `mutation($c: ID!) { createVoucherProgramme(input: {communityID: $c, name: "M", valueUah: 3000, eligibility: "E",
		vouchers: 10, startsOn: "{{yearStartDay}}"}) { id } }`, vars: cid, obj: "voucher_programme", act: authz.ActCreate},
	"updateVoucherProgramme": {query: `mutation($id: ID!) { updateVoucherProgramme(id: $id, input: {vouchers: 1200}) { id } }`,
		vars: func(f *fixture, _ int) map[string]any { return map[string]any{"id": f.Programme} }, obj: "voucher_programme", act: authz.ActUpdate},
	"issueVoucher": {query: `mutation($p: ID!, $f: ID!) { issueVoucher(input: {programmeID: $p, familyID: $f, issuedAt: "{{step}}"}) { id } }`,
		vars: func(f *fixture, _ int) map[string]any { return map[string]any{"p": f.Spare, "f": f.Family} },
		obj:  "voucher", act: authz.ActCreate, contended: []string{server.CodeConflict}},
	// Provider staff redeem for their own organisation only: the demo
	// provider's are refused the fixture's (BAD_USER_INPUT), which the
	// behaviour tests check in full.
	"redeemVoucher": {query: `mutation($id: ID!, $o: ID!) { redeemVoucher(id: $id, providerID: $o, redeemedAt: "{{step+1d}}") { status } }`,
		vars: func(f *fixture, _ int) map[string]any { return map[string]any{"id": f.Voucher, "o": f.Organization} },
		obj:  "voucher", act: authz.ActUpdate, contended: []string{server.CodeConflict, server.CodeBadUserInput}},
	"cancelVoucher": {query: `mutation($id: ID!) { cancelVoucher(id: $id, reason: "R") { status } }`,
		vars: func(f *fixture, _ int) map[string]any { return map[string]any{"id": f.Voucher} },
		obj:  "voucher_programme", act: authz.ActUpdate, contended: []string{server.CodeConflict}},
	"createProviderService": {query: `mutation($c: ID!, $o: ID!, $s: ID!) { createProviderService(input: {communityID: $c, organizationID: $o, serviceTypeID: $s, capacity: 5}) { id } }`,
		vars: func(f *fixture, _ int) map[string]any {
			return map[string]any{"c": f.Community, "o": f.Organization, "s": f.OtherService}
		},
		obj: "provider_service", act: authz.ActCreate, contended: []string{server.CodeConflict}},
	"updateProviderService": {query: `mutation($id: ID!) { updateProviderService(id: $id, input: {capacity: 25}) { id } }`,
		vars: func(f *fixture, _ int) map[string]any { return map[string]any{"id": f.Offer} }, obj: "provider_service", act: authz.ActUpdate},
	"createFamily": {query: `mutation($c: ID!) { createFamily(input: {communityID: $c, name: "M"}) { id } }`,
		vars: cid, obj: "family", act: authz.ActCreate},
	"updateFamily": {query: `mutation($id: ID!) { updateFamily(id: $id, input: {name: "M"}) { id } }`,
		vars: func(f *fixture, _ int) map[string]any { return map[string]any{"id": f.Family} }, obj: "family", act: authz.ActUpdate},
	"createPerson": {query: `mutation($c: ID!) { createPerson(input: {communityID: $c, kind: CHILD, firstName: "M", lastName: "M"}) { id } }`,
		vars: cid, obj: "person", act: authz.ActCreate},
	"updatePerson": {query: `mutation($id: ID!) { updatePerson(id: $id, input: {firstName: "M"}) { id } }`,
		vars: func(f *fixture, _ int) map[string]any { return map[string]any{"id": f.Person} }, obj: "person", act: authz.ActUpdate},
	"submitReport": {query: `mutation($c: ID!) { submitReport(input: {communityID: $c, source: SCHOOL, summary: "M"}) { id } }`,
		vars: cid, obj: "report", act: authz.ActCreate},
	"correctReport": {query: `mutation($id: ID!, $s: String!) { correctReport(input: {reportID: $id, reason: "M", summary: $s}) { id } }`,
		vars: func(f *fixture, n int) map[string]any {
			return map[string]any{"id": f.Report, "s": fmt.Sprintf("M%d", n)}
		},
		obj: "report", act: authz.ActUpdate},
	"createOrganization": {query: `mutation($c: ID!) { createOrganization(input: {communityID: $c, name: "M", kind: NGO_PROVIDER}) { id } }`,
		vars: cid, obj: "organization", act: authz.ActCreate},
	"updateOrganization": {query: `mutation($id: ID!) { updateOrganization(id: $id, input: {name: "M"}) { id } }`,
		vars: func(f *fixture, _ int) map[string]any { return map[string]any{"id": f.Organization} }, obj: "organization", act: authz.ActUpdate},
	"grantRole": {query: `mutation($u: ID!, $c: ID!) { grantRole(input: {userID: $u, role: COMMUNITY_ADMIN, communityID: $c}) { id } }`,
		vars: func(f *fixture, _ int) map[string]any { return map[string]any{"u": f.MemberUser, "c": f.Community} },
		obj:  "membership", act: authz.ActCreate, grants: tenant.RoleCommunityAdmin},
	"inviteUser": {query: `mutation($c: ID!, $e: String!) { inviteUser(input: {communityID: $c, email: $e, displayName: "M", password: "a long enough passphrase", role: COMMUNITY_ADMIN}) { id } }`,
		vars: func(f *fixture, n int) map[string]any {
			return map[string]any{"c": f.Community, "e": fmt.Sprintf("invited%d@fixture.test", n)}
		},
		obj: "membership", act: authz.ActCreate, grants: tenant.RoleCommunityAdmin},
	"acceptInvitation": {query: `mutation($id: ID!) { acceptInvitation(id: $id) { id } }`,
		vars:   func(f *fixture, _ int) map[string]any { return map[string]any{"id": f.Invitation} },
		global: func(_ matrixCtx, r *gqlResponse) error { return expect(r, false, server.CodeNotFound) }},
	"declineInvitation": {query: `mutation($id: ID!) { declineInvitation(id: $id) { id } }`,
		vars:   func(f *fixture, _ int) map[string]any { return map[string]any{"id": f.Invitation} },
		global: func(_ matrixCtx, r *gqlResponse) error { return expect(r, false, server.CodeNotFound) }},
	"revokeRole": {query: `mutation($id: ID!) { revokeRole(id: $id) }`,
		vars: func(f *fixture, _ int) map[string]any { return map[string]any{"id": f.Membership} },
		obj:  "membership", act: authz.ActDelete, destroy: true},
	"createAPIClient": {query: `mutation($c: ID!) { createAPIClient(input: {communityID: $c, name: "M"}) { token } }`,
		vars: cid, obj: "api_client", act: authz.ActCreate, grants: tenant.RoleAPIClient},
	"updateAPIClient": {query: `mutation($id: ID!) { updateAPIClient(id: $id, input: {allowedRanges: []}) { id } }`,
		vars: func(f *fixture, _ int) map[string]any { return map[string]any{"id": f.APIClient} },
		obj:  "api_client", act: authz.ActUpdate},
	"rotateAPIClientSecret": {query: `mutation($id: ID!) { rotateAPIClientSecret(id: $id) { clientSecret } }`,
		vars: func(f *fixture, _ int) map[string]any { return map[string]any{"id": f.APIClient} },
		obj:  "api_client", act: authz.ActUpdate},
	"revokeAPIClient": {query: `mutation($id: ID!) { revokeAPIClient(id: $id) { id } }`,
		vars: func(f *fixture, _ int) map[string]any { return map[string]any{"id": f.APIClient} },
		obj:  "api_client", act: authz.ActUpdate, destroy: true},
	"setPolicyRule": {query: `mutation($c: ID!) { setPolicyRule(input: {communityID: $c, role: CHILDREN_SERVICE, object: "organization", action: "read", effect: ALLOW}) { id } }`,
		vars: cid, obj: "policy_rule", act: authz.ActCreate},
	"narrowRole": {query: `mutation($c: ID!) { narrowRole(input: {communityID: $c, role: PROVIDER_SPECIALIST, permission: "calendar_year:read"}) { key } }`,
		vars: cid, obj: "policy_rule", act: authz.ActCreate},
	"restoreRole": {query: `mutation($c: ID!) { restoreRole(input: {communityID: $c, role: PROVIDER_SPECIALIST, permission: "calendar_year:read"}) { key } }`,
		vars: cid, obj: "policy_rule", act: authz.ActCreate},
	"defineRole": {query: `mutation($c: ID!) { defineRole(input: {communityID: $c, nameUk: "Роль", nameEn: "Role", permissions: ["community:read"]}) { key } }`,
		vars: cid, obj: "policy_rule", act: authz.ActCreate},
	// No fixture holds a custom role (roles_test.go covers another
	// community's admin): an unknown ID is NOT_FOUND to everyone.
	"updateRole": {query: `mutation { updateRole(id: "RO00000000000000000000000000", input: {nameEn: "X"}) { key } }`,
		vars:   func(*fixture, int) map[string]any { return nil },
		global: func(_ matrixCtx, r *gqlResponse) error { return expect(r, false, server.CodeNotFound) }},
	"retireRole": {query: `mutation { retireRole(id: "RO00000000000000000000000000") { key } }`,
		vars:   func(*fixture, int) map[string]any { return nil },
		global: func(_ matrixCtx, r *gqlResponse) error { return expect(r, false, server.CodeNotFound) }},
	"deletePolicyRule": {query: `mutation($id: ID!) { deletePolicyRule(id: $id) }`,
		vars: func(f *fixture, _ int) map[string]any { return map[string]any{"id": f.PolicyRule} },
		obj:  "policy_rule", act: authz.ActDelete, destroy: true},
	"updateCommunitySettings": {query: `mutation($c: ID!) { updateCommunitySettings(communityID: $c, input: {requireTotp: false}) { id } }`,
		vars: cid, obj: "community", act: authz.ActUpdate},
	// An administrator's changes to an account: the fixture's member works
	// for its community alone, so its administrator runs the account.
	"disableUser": {query: `mutation($u: ID!) { disableUser(input: {userID: $u, reason: "M"}) { id } }`,
		vars: memberUser, obj: "user", act: authz.ActUpdate},
	"enableUser": {query: `mutation($u: ID!) { enableUser(input: {userID: $u, reason: "M"}) { id } }`,
		vars: memberUser, obj: "user", act: authz.ActUpdate},
	"resetSecondFactor": {query: `mutation($u: ID!) { resetSecondFactor(input: {userID: $u, reason: "M"}) { id } }`,
		vars: memberUser, obj: "user", act: authz.ActUpdate},
	"sendPasswordResetLink": {query: `mutation($u: ID!) { sendPasswordResetLink(input: {userID: $u, reason: "M"}) { id } }`,
		vars: memberUser, obj: "user", act: authz.ActUpdate},
	// Anyone may ask for a reset link for any address, and is answered
	// alike; the matrix's many callers share one address, so the throttle
	// may answer instead.
	"requestPasswordReset": {query: `mutation($e: String!) { requestPasswordReset(email: $e) }`,
		vars: func(f *fixture, n int) map[string]any {
			return map[string]any{"e": fmt.Sprintf("reset%d@fixture.test", n)}
		},
		global: func(_ matrixCtx, r *gqlResponse) error {
			if r.code() == server.CodeRateLimited {
				return nil
			}
			return expect(r, true)
		}},
	"resetPassword": {query: `mutation { resetPassword(token: "tbr_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", newPassword: "жовтий тигр біжить полем") }`,
		vars: func(*fixture, int) map[string]any { return nil },
		global: func(_ matrixCtx, r *gqlResponse) error {
			return expect(r, false, server.CodeBadUserInput, server.CodeRateLimited)
		}},
	"login": {query: `mutation($e: String!) { login(input: {email: $e, password: "wrong password!"}) { token } }`,
		vars:   func(*fixture, int) map[string]any { return map[string]any{"e": "member-own@fixture.test"} },
		global: func(_ matrixCtx, r *gqlResponse) error { return expect(r, false, server.CodeUnauthenticated) }},
	"beginTOTPEnrollment": {query: `mutation { beginTOTPEnrollment { otpauthURL } }`,
		vars: func(*fixture, int) map[string]any { return nil },
		global: func(m matrixCtx, r *gqlResponse) error {
			return expect(r, m.v.email != "", server.CodeUnauthenticated)
		}},
	"confirmTOTPEnrollment": {query: `mutation { confirmTOTPEnrollment(code: "000000") }`,
		vars: func(*fixture, int) map[string]any { return nil },
		global: func(m matrixCtx, r *gqlResponse) error {
			return expect(r, false, server.CodeUnauthenticated)
		}},
	// A wrong current password: refused as bad input to a person, as
	// unauthenticated to anyone else; nothing changes either way.
	"changePassword": {query: `mutation { changePassword(currentPassword: "not the password", newPassword: "жовтий тигр біжить полем") }`,
		vars: func(*fixture, int) map[string]any { return nil },
		global: func(m matrixCtx, r *gqlResponse) error {
			if m.v.email != "" {
				return expect(r, false, server.CodeBadUserInput)
			}
			return expect(r, false, server.CodeUnauthenticated)
		}},
	// Another's session (here one that does not exist) is not found.
	"revokeSession": {query: `mutation { revokeSession(id: "SE01JZZZZZZZZZZZZZZZZZZZZZZZ") }`,
		vars: func(*fixture, int) map[string]any { return nil },
		global: func(m matrixCtx, r *gqlResponse) error {
			if m.v.email != "" {
				return expect(r, false, server.CodeNotFound)
			}
			return expect(r, false, server.CodeUnauthenticated)
		}},
	"logout": {query: `mutation { logout }`, vars: func(*fixture, int) map[string]any { return nil }, destroy: true,
		global: func(m matrixCtx, r *gqlResponse) error { return expect(r, m.v.email != "", server.CodeUnauthenticated) }},
}

func cid(f *fixture, _ int) map[string]any { return map[string]any{"c": f.Community} }

func memberUser(f *fixture, _ int) map[string]any { return map[string]any{"u": f.MemberUser} }

// expect checks a mutation's answer: success, or an error with one of codes.
func expect(r *gqlResponse, ok bool, codes ...string) error {
	switch {
	case ok && len(r.Errors) > 0:
		return fmt.Errorf("want success, got %v", r.Errors)
	case !ok && len(r.Errors) == 0:
		return fmt.Errorf("want an error %v, got success: %v", codes, r.Data)
	case !ok && !slices.Contains(codes, r.code()):
		return fmt.Errorf("want an error %v, got %s: %v", codes, r.code(), r.Errors)
	}
	return nil
}

func schemaFields(t *testing.T) (queries, mutations []string, nodes []string) {
	es := generated.NewExecutableSchema(generated.Config{Resolvers: &graph.Resolver{}})
	s := es.Schema()
	for _, f := range s.Query.Fields {
		if f.Name != "__schema" && f.Name != "__type" {
			queries = append(queries, f.Name)
		}
	}
	for _, f := range s.Mutation.Fields {
		mutations = append(mutations, f.Name)
	}
	for _, d := range s.PossibleTypes["Node"] {
		if d.Kind == ast.Object {
			nodes = append(nodes, d.Name)
		}
	}
	sort.Strings(nodes)
	return queries, mutations, nodes
}

func TestIsolationMatrix(t *testing.T) {
	queries, mutations, nodes := schemaFields(t)
	for _, n := range nodes {
		if _, ok := nodeCases[n]; !ok {
			t.Fatalf("node type %s has no entry in the isolation matrix", n)
		}
	}
	for _, q := range queries {
		_, list := listCases[q]
		_, global := globalQueries[q]
		if _, ok := connectionCases[q]; !ok && !list && !global && q != "node" && q != "nodes" && q != "viewer" {
			t.Fatalf("query %s has no entry in the isolation matrix", q)
		}
	}
	for _, m := range mutations {
		if _, ok := mutationCases[m]; !ok {
			t.Fatalf("mutation %s has no entry in the isolation matrix", m)
		}
	}
	p := loadPolicy(t)
	var total atomic.Int64
	for _, v := range viewers {
		t.Run(v.name, func(t *testing.T) {
			t.Parallel()
			n := runViewer(t, v, p, nodes, mutations)
			total.Add(int64(n))
		})
	}
	t.Cleanup(func() { t.Logf("isolation matrix: %d cases over %d viewers", total.Load(), len(viewers)) })
}

func runViewer(t *testing.T, v viewerSpec, p policy, nodes, mutations []string) int {
	e := newEnv(t, server.Config{})
	token := fx[own].APIToken
	if v.email != "" {
		token = e.login(v.email)
	}
	before := e.digests(t)
	cases := 0
	for _, tg := range targets {
		m := matrixCtx{v: v, p: p, target: tg}
		cases += e.readCases(t, token, m, nodes)
	}
	cases += e.viewerCase(t, token, v)
	order := orderMutations(mutations)
	n := 0
	for _, name := range order {
		mc := mutationCases[name]
		for _, tg := range []string{ghost, otherRegion, sameRegion, own} {
			if mc.global != nil && tg != own {
				continue
			}
			n++
			cases++
			m := matrixCtx{v: v, p: p, target: tg}
			var r *gqlResponse
			if mc.upload {
				r = e.upload(token, dated(mc.query), mc.vars(target(tg), n), "scan.png", pngBytes)
			} else {
				r = e.do(token, dated(mc.query), mc.vars(target(tg), n))
			}
			var err error
			switch {
			case mc.global != nil:
				err = mc.global(m, r)
			case mc.overseer:
				ok := tg != ghost && v.covers(tg) && p.allows(v.role, mc.obj, mc.act)
				codes := []string{server.CodeNotFound}
				if tg != ghost && v.covers(tg) {
					codes = append(codes, server.CodeForbidden)
				}
				err = expect(r, ok, codes...)
			default:
				ok := m.canWrite(mc.obj, mc.act) && (mc.onlyRole == "" || mc.onlyRole == m.v.role) &&
					(mc.grants == "" || m.p.covers(m.v.role, mc.grants))
				// A contended answer is a business one, from the viewer's own community.
				if !ok || len(r.Errors) == 0 || !slices.Contains(mc.contended, r.code()) {
					err = expect(r, ok, deniedCodes(m)...)
				}
			}
			if err != nil {
				t.Errorf("%s on %s: %v", name, tg, err)
			}
		}
	}
	if after := e.digests(t); after != before {
		t.Errorf("data of other communities changed:\nbefore %v\nafter  %v", before, after)
	}
	return cases
}

// isolatedOnly: a step whose outcome in the viewer's own community the
// actor tables decide (actors_tables_test.go: owner, colleague, provider,
// regional, API client); here it must find nothing of another community.
func isolatedOnly(m matrixCtx, r *gqlResponse) error {
	if m.target == own {
		return nil
	}
	return expect(r, false, server.CodeNotFound)
}

// deniedCodes: across communities only NOT_FOUND, the same as for an ID
// that does not exist; in one's own community FORBIDDEN is honest too.
func deniedCodes(m matrixCtx) []string {
	if m.target == own && tenant.Writes(m.v.role) {
		return []string{server.CodeForbidden, server.CodeNotFound}
	}
	return []string{server.CodeNotFound}
}

// orderMutations runs the ones that remove fixtures last, and sign-out
// after everything.
func orderMutations(names []string) []string {
	rank := func(n string) int {
		switch {
		case n == "logout":
			return 2
		case mutationCases[n].destroy:
			return 1
		}
		return 0
	}
	out := slices.Clone(names)
	sort.SliceStable(out, func(i, j int) bool { return rank(out[i]) < rank(out[j]) })
	return out
}

const nodeQuery = `query($id: ID!) { node(id: $id) { id __typename } }`

func (e *env) readCases(t *testing.T, token string, m matrixCtx, nodes []string) int {
	f := target(m.target)
	cases := 0
	var ids []any
	var want []bool
	for _, typ := range nodes {
		nc := nodeCases[typ]
		id := nc.id(f)
		if id == "" {
			continue // Kyiv has no district
		}
		cases++
		r := e.do(token, nodeQuery, map[string]any{"id": id})
		got := r.Data["node"] != nil
		if got != nc.visible(m) {
			t.Errorf("node(%s %s) on %s: visible=%v, want %v (errors %v)", typ, id, m.target, got, nc.visible(m), r.Errors)
		}
		if !got && len(r.Errors) > 0 && r.code() != server.CodeNotFound {
			t.Errorf("node(%s) on %s: error %s, want NOT_FOUND or null", typ, m.target, r.code())
		}
		ids = append(ids, id)
		want = append(want, nc.visible(m))
	}
	cases++
	r := e.do(token, `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, map[string]any{"ids": ids})
	got, _ := r.Data["nodes"].([]any)
	for i := range want {
		if i < len(got) && (got[i] != nil) != want[i] {
			t.Errorf("nodes[%d] (%v) on %s: visible=%v, want %v", i, ids[i], m.target, got[i] != nil, want[i])
		}
	}
	for name, nc := range connectionCases {
		cases++
		q := fmt.Sprintf(`query($id: ID!) { %s(where: {id: $id}) { totalCount edges { node { id } } } }`, name)
		r := e.do(token, q, map[string]any{"id": nc.id(f)})
		count := 0
		if conn, ok := r.Data[name].(map[string]any); ok {
			c, _ := conn["totalCount"].(float64)
			count = int(c)
		}
		if (count == 1) != nc.visible(m) || count > 1 {
			t.Errorf("%s(id) on %s: totalCount=%d, want visible=%v (errors %v)", name, m.target, count, nc.visible(m), r.Errors)
		}
	}
	for _, check := range globalQueries {
		cases++
		check(e, t, token, m)
	}
	for name, lc := range listCases {
		cases++
		r := e.do(token, lc.query, lc.vars(f))
		found := false
		items, _ := r.Data[name].([]any)
		for _, it := range items {
			id := lc.id(it.(map[string]any))
			switch {
			case id == string(lc.target(f)):
				found = true
			case m.target != own && !slices.Contains(lc.others(f), pulid.ID(id)):
				t.Errorf("%s on %s returned a stranger %s", name, m.target, id)
			}
		}
		if want := m.canRead(lc.obj); found != want {
			t.Errorf("%s on %s: found=%v, want %v (errors %v)", name, m.target, found, want, r.Errors)
		}
	}
	return cases
}

// viewerCase: the viewer sees exactly its own grants.
func (e *env) viewerCase(t *testing.T, token string, v viewerSpec) int {
	r := e.do(token, `{ viewer { user { email } apiClient { id } memberships { role } } }`, nil)
	vw, _ := r.Data["viewer"].(map[string]any)
	if vw == nil {
		t.Fatalf("viewer: %v", r.Errors)
	}
	if v.email != "" && str(vw, "user", "email") != v.email {
		t.Errorf("viewer.user.email = %q, want %q", str(vw, "user", "email"), v.email)
	}
	ms, _ := vw["memberships"].([]any)
	for _, m := range ms {
		if role := str(m.(map[string]any), "role"); role != v.role {
			t.Errorf("viewer.memberships holds %s, want only %s", role, v.role)
		}
	}
	return 1
}

// digests fingerprints every row of the two foreign communities.
func (e *env) digests(t *testing.T) string {
	out := map[string]string{}
	for _, tg := range []string{sameRegion, otherRegion} {
		c := fx[tg].Community
		for _, table := range []string{"organizations", "families", "persons", "reports", "api_clients", "memberships",
			"case_files", "referrals", "consents", "team_members", "service_provisions", "activities", "case_accesses"} {
			var d string
			q := fmt.Sprintf(`SELECT coalesce(md5(string_agg(t::text, ',' ORDER BY id)), '') FROM %s t WHERE community_id = $1`, table)
			if err := e.db.QueryRowContext(context.Background(), q, c).Scan(&d); err != nil {
				t.Fatal(err)
			}
			out[tg+"/"+table] = d
		}
		var d string
		if err := e.db.QueryRow(`SELECT coalesce(md5(string_agg(t::text, ',' ORDER BY id)), '') FROM policy_rules t WHERE domain = $1`, string(c)).Scan(&d); err != nil {
			t.Fatal(err)
		}
		out[tg+"/policy_rules"] = d
		if err := e.db.QueryRow(`SELECT md5(t::text) FROM communities t WHERE id = $1`, c).Scan(&d); err != nil {
			t.Fatal(err)
		}
		out[tg+"/community"] = d
	}
	return fmt.Sprint(out)
}
