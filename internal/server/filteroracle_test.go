package server_test

import (
	"context"
	"testing"
	"time"

	"github.com/turbota/turbota/ent/auditevent"
	"github.com/turbota/turbota/ent/person"
	"github.com/turbota/turbota/ent/report"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/ent/user"
	"github.com/turbota/turbota/internal/demo"
	"github.com/turbota/turbota/internal/server"
	"github.com/turbota/turbota/internal/workflow"
	"github.com/turbota/turbota/tenant"
)

// hidden is a family of the own community that no provider was given and
// the school knows only by the report it filed: a referral to the demo
// provider waits unaccepted, the school's report names the child only.
type hidden struct {
	Surname string     // the parent's, whom the school never named
	IDs     []pulid.ID // everything planted
}

func plantSecret(t *testing.T, e *env) hidden {
	t.Helper()
	ctx := tenant.SystemContext(context.Background())
	c, f := e.client, fx[own]
	school, err := c.User.Query().Where(user.Email(demo.VinnytsiaPartnerReporterEmail)).Only(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s := hidden{Surname: "Потаємна"}
	fam, err := c.Family.Create().SetCommunityID(f.Community).SetName("Родина Потаємних").Save(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s.IDs = append(s.IDs, fam.ID)
	child, err := c.Person.Create().SetCommunityID(f.Community).SetFamilyID(fam.ID).SetKind(person.KindCHILD).
		SetFirstName("Дитина").SetLastName("Шкільна").Save(ctx)
	must(t, err)
	s.IDs = append(s.IDs, child.ID)
	parent, err := c.Person.Create().SetCommunityID(f.Community).SetFamilyID(fam.ID).SetKind(person.KindADULT).
		SetFirstName("Мати").SetLastName(s.Surname).Save(ctx)
	must(t, err)
	s.IDs = append(s.IDs, parent.ID)
	rep, err := c.Report.Create().SetCommunityID(f.Community).SetSource(report.SourceSCHOOL).
		SetSummary("Шкільне повідомлення").SetReceivedAt(fixtureDay.Add(-time.Hour)).
		SetSubmittedBy("user:" + string(school.ID)).SetFamilyID(fam.ID).AddChildIDs(child.ID).Save(ctx)
	must(t, err)
	cf, err := workflow.OpenForReport(ctx, c, rep, []pulid.ID{child.ID})
	if err != nil {
		t.Fatal(err)
	}
	s.IDs = append(s.IDs, rep.ID, cf.ID)
	ref, err := c.Referral.Create().SetCommunityID(f.Community).SetCaseID(cf.ID).SetFromOrganizationID(f.Organization).
		SetToOrganizationID(f.Provider).SetReason("Не прийняте направлення").SetSentAt(cf.OpenedAt).Save(ctx)
	must(t, err)
	s.IDs = append(s.IDs, ref.ID)
	return s
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// oracleProbes are yes/no questions hostile viewers of the own community
// ask through where filters about rows they may not read: the answer to the
// true guess and to a wrong one must be the same.
var oracleProbes = []struct {
	name, email, query string
	truth              func(hidden) string
}{
	{"provider manager: family of an unaccepted referral", demo.VinnytsiaProviderManagerEmail,
		`query($v: String!) { referrals(where: {hasCaseWith: {hasFamilyWith: {hasMembersWith: {lastName: $v}}}}) { totalCount } }`,
		func(s hidden) string { return s.Surname }},
	{"provider specialist: family of an unaccepted referral", demo.VinnytsiaProviderSpecialistEmail,
		`query($v: String!) { referrals(where: {hasCaseWith: {hasFamilyWith: {hasMembersWith: {lastName: $v}}}}) { totalCount } }`,
		func(s hidden) string { return s.Surname }},
	{"school: members behind its own report", demo.VinnytsiaPartnerReporterEmail,
		`query($v: String!) { reports(where: {hasFamilyWith: {hasMembersWith: {lastName: $v}}}) { totalCount } }`,
		func(s hidden) string { return s.Surname }},
	{"school: the case behind its own report", demo.VinnytsiaPartnerReporterEmail,
		`query($v: String!) { reports(where: {hasCaseWith: {hasFamilyWith: {hasMembersWith: {lastName: $v}}}}) { totalCount } }`,
		func(s hidden) string { return s.Surname }},
	{"regional supervisor: voucher holders", demo.RegionalSupervisorEmail,
		`query($v: String!) { voucherProgrammes(where: {hasIssuedWith: {hasFamilyWith: {name: $v}}}) { totalCount } }`,
		func(hidden) string { return "Fixture family " + own }},
	{"community admin: the case of an emergency access", demo.VinnytsiaAdminEmail,
		`query($v: String!) { emergencyAccesses(where: {hasCaseWith: {hasFamilyWith: {name: $v}}}) { totalCount } }`,
		func(hidden) string { return "Fixture family " + own }},
	{"auditor: users of other communities", demo.VinnytsiaAuditorEmail,
		`query($v: String!) { auditEvents(where: {hasActorUserWith: {email: $v}}) { totalCount } }`,
		func(hidden) string { return demo.RegionalSupervisorEmail }},
}

// TestWhereFiltersAreNoOracles reproduces issue 12: a where filter walks
// edges in SQL subqueries no privacy rule sees, so a count told apart the
// true guess from a wrong one.
func TestWhereFiltersAreNoOracles(t *testing.T) {
	e := newEnv(t, server.Config{})
	s := plantSecret(t, e)
	// The log of the own community holds an act of the regional
	// supervisor, whose account the community's auditor may not read.
	ctx := tenant.SystemContext(context.Background())
	supervisor, err := e.client.User.Query().Where(user.Email(demo.RegionalSupervisorEmail)).Only(ctx)
	must(t, err)
	_, err = e.client.AuditEvent.Create().SetAction(auditevent.ActionREAD).SetEntityType("CaseFile").
		SetCommunityID(fx[own].Community).SetActorUserID(supervisor.ID).Save(ctx)
	must(t, err)
	for _, p := range oracleProbes {
		t.Run(p.name, func(t *testing.T) {
			token := e.login(p.email)
			count := func(guess string) float64 {
				r := e.do(token, p.query, map[string]any{"v": guess})
				if len(r.Errors) > 0 {
					t.Fatalf("%s: %v", guess, r.Errors)
				}
				for _, v := range r.Data {
					n, _ := v.(map[string]any)["totalCount"].(float64)
					return n
				}
				t.Fatalf("no data: %v", r)
				return 0
			}
			if yes, no := count(p.truth(s)), count("Ніхто-Ніде"); yes != no {
				t.Errorf("the filter is an oracle: %v rows for the truth, %v for a wrong guess", yes, no)
			}
		})
	}
}
