package demo_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/turbota/turbota/authz/authztest"
	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/casetransfer"
	"github.com/turbota/turbota/ent/community"
	"github.com/turbota/turbota/ent/credential"
	"github.com/turbota/turbota/ent/decision"
	"github.com/turbota/turbota/ent/family"
	"github.com/turbota/turbota/ent/membership"
	"github.com/turbota/turbota/ent/organization"
	"github.com/turbota/turbota/ent/person"
	"github.com/turbota/turbota/ent/report"
	"github.com/turbota/turbota/ent/user"
	"github.com/turbota/turbota/internal/audit"
	"github.com/turbota/turbota/internal/auth/secret"
	"github.com/turbota/turbota/internal/demo"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/platform/testdb"
	"github.com/turbota/turbota/internal/procedure"
	"github.com/turbota/turbota/internal/reference/classifier"
	"github.com/turbota/turbota/internal/reference/territory/territorytest"
	"github.com/turbota/turbota/tenant"
)

// Every database of these tests starts with the territory and the default
// policy loaded, as the server's start leaves it.
func TestMain(m *testing.M) {
	os.Exit(testdb.Main(m, authztest.Prepare))
}

type counts struct {
	users, credentials, memberships, orgs, families, persons, reports int
}

func count(t *testing.T, ctx context.Context, c *ent.Client) counts {
	t.Helper()
	var n counts
	var err error
	must := func(v int, e error) int {
		if e != nil {
			err = e
		}
		return v
	}
	n.users = must(c.User.Query().Count(ctx))
	n.credentials = must(c.Credential.Query().Count(ctx))
	n.memberships = must(c.Membership.Query().Count(ctx))
	n.orgs = must(c.Organization.Query().Count(ctx))
	n.families = must(c.Family.Query().Count(ctx))
	n.persons = must(c.Person.Query().Count(ctx))
	n.reports = must(c.Report.Query().Count(ctx))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestLoad(t *testing.T) {
	ctx := context.Background()
	sys := tenant.SystemContext(ctx)
	client := territorytest.Open(t, testdb.New(t))

	start := clock.Now()
	logins, err := demo.Load(ctx, client, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("first load: %v", clock.Since(start))
	school := client.User.Query().Where(user.Email(demo.VinnytsiaPartnerReporterEmail)).OnlyIDX(sys)
	if n := client.Report.Query().Where(report.SubmittedBy("user:" + string(school))).CountX(sys); n != 1 {
		t.Errorf("the demo school submitted %d reports, want its one", n)
	}
	if !slices.Equal(logins, demo.Logins()) || len(logins) != 18 {
		t.Fatalf("logins = %v", logins)
	}
	first := count(t, sys, client)
	want := counts{users: 18, credentials: 18, memberships: 18, orgs: 12, families: 12, reports: 12}
	if got := first; got.users != want.users || got.credentials != want.credentials ||
		got.memberships != want.memberships || got.orgs != want.orgs || got.families != want.families ||
		got.reports != want.reports || got.persons < 24 {
		t.Fatalf("counts = %+v", got)
	}

	// Each account: one membership with the role and community it is listed with.
	users, err := client.User.Query().Where(user.EmailIn(demo.Emails()...)).
		WithMemberships(func(q *ent.MembershipQuery) { q.WithCommunity().WithOrganization().WithRegion() }).
		WithCredential().All(sys)
	if err != nil {
		t.Fatal(err)
	}
	byEmail := map[string]*ent.User{}
	for _, u := range users {
		byEmail[u.Email] = u
	}
	var hash string
	for _, l := range logins {
		u := byEmail[l.Email]
		if u == nil {
			t.Errorf("no user %s", l.Email)
			continue
		}
		if len(u.Edges.Memberships) != 1 {
			t.Errorf("%s has %d memberships", l.Email, len(u.Edges.Memberships))
			continue
		}
		m := u.Edges.Memberships[0]
		if string(m.Role) != l.Role {
			t.Errorf("%s: role %s, listed as %s", l.Email, m.Role, l.Role)
		}
		switch m.Role {
		case membership.RoleREGIONAL_SUPERVISOR, membership.RoleNATIONAL_ANALYST:
			if m.CommunityID != nil || m.OrganizationID != nil {
				t.Errorf("%s: oversight membership in a community", l.Email)
			}
		default:
			if m.Edges.Community == nil || !slices.Contains(demo.CommunityCodes(), m.Edges.Community.KatottgCode) {
				t.Errorf("%s: not in a demo community", l.Email)
			} else if m.Edges.Organization == nil || m.Edges.Organization.CommunityID != m.Edges.Community.ID {
				t.Errorf("%s: no organization of its community", l.Email)
			}
			if m.RegionID != nil {
				t.Errorf("%s: community membership with a region", l.Email)
			}
		}
		if u.Edges.Credential == nil {
			t.Errorf("%s: no credential", l.Email)
			continue
		}
		if hash == "" {
			hash = u.Edges.Credential.PasswordHash
		} else if u.Edges.Credential.PasswordHash != hash {
			t.Errorf("%s: a hash of its own; the password is hashed once", l.Email)
		}
	}
	if ok, err := secret.CheckPassword(demo.DefaultPassword, hash); err != nil || !ok {
		t.Errorf("the default password does not match: %v, %v", ok, err)
	}

	// The children's service works in the children's service, the school reports.
	for email, kind := range map[string]organization.Kind{
		demo.VinnytsiaChildrenServiceEmail:  organization.KindCHILDREN_SERVICE,
		demo.PoltavaSocialProtectionEmail:   organization.KindSOCIAL_PROTECTION,
		demo.VinnytsiaPartnerReporterEmail:  organization.KindPARTNER,
		demo.PoltavaProviderSpecialistEmail: organization.KindPUBLIC_PROVIDER,
		demo.VinnytsiaGuardianshipEmail:     organization.KindGUARDIANSHIP_BODY,
	} {
		if u := byEmail[email]; u == nil || u.Edges.Memberships[0].Edges.Organization.Kind != kind {
			t.Errorf("%s is not in a %s organization", email, kind)
		}
	}

	// The two communities are in different regions; the regional supervisor's
	// region holds the first one.
	vin, err := client.Community.Query().Where(community.KatottgCode(demo.VinnytsiaCommunityCode)).WithRegion().Only(sys)
	if err != nil {
		t.Fatal(err)
	}
	pol, err := client.Community.Query().Where(community.KatottgCode(demo.PoltavaCommunityCode)).WithRegion().Only(sys)
	if err != nil {
		t.Fatal(err)
	}
	if vin.RegionID == pol.RegionID {
		t.Error("the demo communities share a region")
	}
	if vin.Edges.Region.KatottgCode != demo.VinnytsiaOblastCode || pol.Edges.Region.KatottgCode != demo.PoltavaOblastCode {
		t.Errorf("regions %s, %s", vin.Edges.Region.KatottgCode, pol.Edges.Region.KatottgCode)
	}
	sup := byEmail[demo.RegionalSupervisorEmail].Edges.Memberships[0]
	if sup.RegionID == nil || *sup.RegionID != vin.RegionID {
		t.Errorf("the regional supervisor's region %v does not hold %s", sup.RegionID, demo.VinnytsiaCommunityCode)
	}
	if n := byEmail[demo.NationalAnalystEmail].Edges.Memberships[0]; n.RegionID != nil || n.CommunityID != nil {
		t.Error("the national analyst is limited to a region or community")
	}

	// Each community holds its own organizations, people and reports.
	for _, c := range []*ent.Community{vin, pol} {
		kinds, err := client.Organization.Query().Where(organization.CommunityID(c.ID)).
			GroupBy(organization.FieldKind).Strings(sys)
		if err != nil {
			t.Fatal(err)
		}
		if len(kinds) != 6 {
			t.Errorf("%s: organization kinds %v", c.KatottgCode, kinds)
		}
		own, other := demo.PersonNames(c.KatottgCode), demo.PersonNames(pol.KatottgCode)
		if c == pol {
			other = demo.PersonNames(vin.KatottgCode)
		}
		persons, err := client.Person.Query().Where(person.CommunityID(c.ID)).All(sys)
		if err != nil {
			t.Fatal(err)
		}
		// A family that moved in (an accepted transfer) keeps the names it
		// had in the community it came from; one that moved out is gone.
		in, err := client.CaseTransfer.Query().Where(casetransfer.ToCommunityID(c.ID), casetransfer.StatusEQ(casetransfer.StatusACCEPTED)).
			Select(casetransfer.FieldFamilyID).Strings(sys)
		if err != nil {
			t.Fatal(err)
		}
		out, err := client.CaseTransfer.Query().Where(casetransfer.CommunityID(c.ID), casetransfer.StatusEQ(casetransfer.StatusACCEPTED)).Count(sys)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range persons {
			own, other := own, other
			if p.FamilyID != nil && slices.Contains(in, string(*p.FamilyID)) {
				own, other = other, own
			}
			for _, n := range []string{p.LastName, p.FirstName, p.Patronymic} {
				if !slices.Contains(own, n) || slices.Contains(other, n) {
					t.Errorf("%s: name %q not of this community", c.KatottgCode, n)
				}
			}
			if p.FamilyID == nil {
				t.Errorf("%s: a person with no family", c.KatottgCode)
			}
			// Ages count from the clock (a year ahead too): children are children.
			if p.Kind == person.KindCHILD && (p.BirthDate == nil || !p.BirthDate.Before(clock.Now()) ||
				p.BirthDate.Before(clock.Now().AddDate(-18, 0, 0))) {
				t.Errorf("%s: a child born %v, now %v", c.KatottgCode, p.BirthDate, clock.Now())
			}
		}
		reports, err := client.Report.Query().Where(report.CommunityID(c.ID)).WithChildren().All(sys)
		if err != nil {
			t.Fatal(err)
		}
		sources, urgencies, statuses := map[report.Source]bool{}, map[report.Urgency]bool{}, map[report.Status]bool{}
		withChildren := 0
		for _, r := range reports {
			sources[r.Source], urgencies[r.Urgency], statuses[r.Status] = true, true, true
			// Received in the last weeks by the clock, not by the wall clock
			// (which the run a year ahead tells apart).
			if age := clock.Since(r.ReceivedAt); age < 0 || age > 60*24*time.Hour {
				t.Errorf("%s: a report received %s, now %s", c.KatottgCode, r.ReceivedAt, clock.Now())
			}
			if len(r.Edges.Children) > 0 {
				withChildren++
			}
			for _, ch := range r.Edges.Children {
				if ch.Kind != person.KindCHILD || ch.CommunityID != c.ID {
					t.Errorf("%s: a report names a person who is not a child of the community", c.KatottgCode)
				}
			}
		}
		// The demo follows the rules: each report shows how its case stands,
		// and no case is past a step it has not recorded.
		for _, r := range reports {
			cf, err := r.QueryCase().WithSafetyAssessments().WithNeedsAssessments().WithDecisions().Only(sys)
			if err != nil {
				t.Fatal(err)
			}
			if want := procedure.ReportStatusOf(cf.Status); string(r.Status) != string(want) {
				t.Errorf("%s: a report is %s, its case %s", c.KatottgCode, r.Status, cf.Status)
			}
			var provide bool
			for _, d := range cf.Edges.Decisions {
				provide = provide || d.Kind == decision.KindPROVIDE_SERVICES
				if d.DecidedAt.Before(cf.OpenedAt) || d.DecidedAt.After(clock.Now()) {
					t.Errorf("%s: a decision dated %s of a case opened %s", c.KatottgCode, d.DecidedAt, cf.OpenedAt)
				}
			}
			switch past := cf.Status; {
			case past != procedure.StateReported && past != procedure.StateAssessingSafety && past != procedure.StateTransferred &&
				len(cf.Edges.SafetyAssessments) == 0:
				t.Errorf("%s: a case %s without a safety assessment", c.KatottgCode, past)
			case (past == procedure.StateAwaitingDecision || past == procedure.StateOpen || past == procedure.StateUnderReview) &&
				len(cf.Edges.NeedsAssessments) == 0:
				t.Errorf("%s: a case %s without a needs assessment", c.KatottgCode, past)
			case (past == procedure.StateOpen || past == procedure.StateUnderReview) && !provide:
				t.Errorf("%s: a case %s without a decision to provide services", c.KatottgCode, past)
			}
		}
		if len(sources) < 5 || len(urgencies) != 3 || len(statuses) != 3 || withChildren < 4 {
			t.Errorf("%s: reports not varied enough: %d sources, %d urgencies, %d statuses, %d with children",
				c.KatottgCode, len(sources), len(urgencies), len(statuses), withChildren)
		}
		if n, err := client.Family.Query().Where(family.CommunityID(c.ID)).Count(sys); err != nil || n != 6+len(in)-out {
			t.Errorf("%s: %d families, want 6 and %d moved in, %d out (%v)", c.KatottgCode, n, len(in), out, err)
		}
	}

	// Loading again creates nothing and hashes nothing.
	start = clock.Now()
	again, err := demo.Load(ctx, client, "another-password-2026")
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("second load: %v", clock.Since(start))
	if !slices.Equal(again, logins) {
		t.Errorf("second load returned %v", again)
	}
	if got := count(t, sys, client); got != first {
		t.Errorf("counts after the second load %+v, were %+v", got, first)
	}
	cred, err := client.Credential.Query().Where(credential.HasUserWith(user.Email(demo.VinnytsiaAdminEmail))).Only(sys)
	if err != nil {
		t.Fatal(err)
	}
	if cred.PasswordHash != hash {
		t.Error("a second load changed an existing password")
	}
}

func TestLoadRefusesWeakPassword(t *testing.T) {
	client := territorytest.Open(t, testdb.New(t))
	if _, err := demo.Load(context.Background(), client, "short"); !errors.Is(err, secret.ErrPasswordTooShort) {
		t.Fatalf("err = %v, want a too-short password", err)
	}
	if n, err := client.User.Query().Count(tenant.SystemContext(context.Background())); err != nil || n != 0 {
		t.Errorf("%d users created, %v", n, err)
	}
}

func TestLoadNeedsTerritory(t *testing.T) {
	ctx := tenant.SystemContext(context.Background())
	client := territorytest.Open(t, testdb.New(t))
	// Drop the territory the template carries.
	if _, err := client.Community.Delete().Exec(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Load(ctx, client, ""); !errors.Is(err, demo.ErrTerritoryNotLoaded) {
		t.Fatalf("err = %v, want ErrTerritoryNotLoaded", err)
	}
}

func TestLoadRegion(t *testing.T) {
	ctx := context.Background()
	dsn := testdb.New(t)
	client := territorytest.Open(t, dsn)
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	audit.Install(client)
	if err := classifier.LoadDefaults(ctx, client); err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Load(ctx, client, ""); err != nil {
		t.Fatal(err)
	}
	perCommunity := func() map[string][2]int {
		rows, err := db.Query(`SELECT c.name, (SELECT count(*) FROM case_files f WHERE f.community_id = c.id),
			(SELECT count(*) FROM provider_services p WHERE p.community_id = c.id)
			FROM communities c JOIN regions r ON r.id = c.region_id WHERE r.katottg_code = $1`, demo.VinnytsiaOblastCode)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		out := map[string][2]int{}
		for rows.Next() {
			var name string
			var cases, offers int
			if err := rows.Scan(&name, &cases, &offers); err != nil {
				t.Fatal(err)
			}
			if cases > 0 || offers > 0 {
				out[name] = [2]int{cases, offers}
			}
		}
		return out
	}
	for range 2 {
		if err := demo.LoadRegion(ctx, client); err != nil {
			t.Fatal(err)
		}
	}
	first := perCommunity()
	// The demo community's staff register and the seed 000 training, once
	// however often the region is loaded: 82 positions (two vacant), six
	// events, and the eighty who finished them certified; and the working
	// group of seed 004 with its ten meetings.
	var positions, events, enrolments, certificates, groups, meetings, open, overdue, documents int
	if err := db.QueryRow(`SELECT (SELECT count(*) FROM staff_positions WHERE community_id = c.id),
		(SELECT count(*) FROM training_events WHERE community_id = c.id), (SELECT count(*) FROM training_enrolments WHERE community_id = c.id),
		(SELECT count(*) FROM certificates WHERE community_id = c.id), (SELECT count(*) FROM working_groups WHERE community_id = c.id),
		(SELECT count(*) FROM working_group_meetings WHERE community_id = c.id),
		(SELECT count(*) FROM working_group_actions WHERE community_id = c.id AND status = 'OPEN'),
		(SELECT count(*) FROM working_group_actions WHERE community_id = c.id AND status = 'OPEN' AND due_on < $2),
		(SELECT count(*) FROM working_group_documents WHERE community_id = c.id)
		FROM communities c WHERE c.katottg_code = $1`, demo.VinnytsiaCommunityCode, clock.Now().UTC().Truncate(24*time.Hour)).
		Scan(&positions, &events, &enrolments, &certificates, &groups, &meetings, &open, &overdue, &documents); err != nil {
		t.Fatal(err)
	}
	if positions != 82 || events != 6 || enrolments != 80 || certificates != 80 {
		t.Errorf("demo workforce: %d positions, %d events, %d participants, %d certificates; want 82, 6, 80, 80", positions, events, enrolments, certificates)
	}
	if groups != 1 || meetings != 10 || open != 3 || overdue != 1 || documents != 5 {
		t.Errorf("demo working group: %d groups, %d meetings, %d open items (%d overdue), %d documents; want 1, 10, 3 (1), 5",
			groups, meetings, open, overdue, documents)
	}
	// Its supervision journal: three sessions, one discussing a case, with
	// three follow-up items of which one is done.
	var sessions, discussed, items, done int
	if err := db.QueryRow(`SELECT count(*), count(*) FILTER (WHERE jsonb_array_length(coalesce(case_ids, '[]')) > 0),
		coalesce(sum(jsonb_array_length(coalesce(follow_ups, '[]'))), 0),
		(SELECT count(*) FROM supervision_sessions s2, jsonb_array_elements(coalesce(s2.follow_ups, '[]')) f
		  WHERE s2.community_id = c.id AND f ? 'doneOn')
		FROM supervision_sessions s JOIN communities c ON c.id = s.community_id WHERE c.katottg_code = $1 GROUP BY c.id`,
		demo.VinnytsiaCommunityCode).Scan(&sessions, &discussed, &items, &done); err != nil {
		t.Fatal(err)
	}
	if sessions != 3 || discussed != 1 || items != 3 || done != 1 {
		t.Errorf("demo supervision: %d sessions, %d discussing a case, %d items, %d done; want 3, 1, 3, 1", sessions, discussed, items, done)
	}
	if len(first) != demo.RegionCommunities+1 {
		t.Fatalf("communities with work: %v", first)
	}
	for name, n := range first {
		if n[0] == 0 || n[1] == 0 {
			t.Errorf("%s: %d cases, %d services on the map", name, n[0], n[1])
		}
	}
	if err := demo.LoadRegion(ctx, client); err != nil {
		t.Fatal(err)
	}
	if again := perCommunity(); fmt.Sprint(again) != fmt.Sprint(first) {
		t.Errorf("a second load changed the region: %v → %v", first, again)
	}
	var programmes, empty, overspent int
	if err := db.QueryRow(`SELECT count(*), count(*) FILTER (WHERE n = 0), count(*) FILTER (WHERE n > p.vouchers)
		FROM voucher_programmes p, LATERAL (SELECT count(*) n FROM vouchers v WHERE v.programme_id = p.id AND v.status <> 'CANCELLED') v`).
		Scan(&programmes, &empty, &overspent); err != nil || programmes != demo.RegionCommunities+1 || empty > 0 || overspent > 0 {
		t.Errorf("voucher programmes: %d, %d without vouchers, %d over budget (%v)", programmes, empty, overspent, err)
	}
	var unmet int
	if err := db.QueryRow(`SELECT count(*) FROM needs_assessments WHERE needed_service_ids IS NOT NULL`).Scan(&unmet); err != nil || unmet == 0 {
		t.Errorf("needs assessments naming services: %d (%v)", unmet, err)
	}
	// Every invented case was worked through the workflow by the
	// community's staff: its timeline starts with its report, each step is
	// signed and dated on paper before it was entered, and its last move
	// is where it stands.
	rows, err := db.Query(`SELECT f.status,
	    (SELECT count(*) FROM case_events e WHERE e.case_id = f.id AND e.kind = 'REPORT_REGISTERED' AND e.at = f.opened_at),
	    (SELECT e.to_status FROM case_events e WHERE e.case_id = f.id AND e.kind = 'STATUS_CHANGED' ORDER BY e.at DESC LIMIT 1),
	    (SELECT count(*) FROM case_events e WHERE e.case_id = f.id AND (e.actor_id IS NULL OR e.at > e.recorded_at)),
	    (SELECT count(*) FROM audit_events a WHERE a.entity_id = f.id AND a.actor_user_id IS NOT NULL)
	  FROM case_files f JOIN communities c ON c.id = f.community_id JOIN regions r ON r.id = c.region_id
	  WHERE r.katottg_code = $1 AND c.katottg_code <> $2`, demo.VinnytsiaOblastCode, demo.VinnytsiaCommunityCode)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cases, statuses := 0, map[string]int{}
	for rows.Next() {
		var status string
		var registered, unsigned, audited int
		var last sql.NullString
		if err := rows.Scan(&status, &registered, &last, &unsigned, &audited); err != nil {
			t.Fatal(err)
		}
		cases++
		statuses[status]++
		if registered != 1 || unsigned > 0 || last.Valid != (status != "REPORTED") || last.Valid && last.String != status ||
			status != "REPORTED" && audited == 0 {
			t.Errorf("a %s case: %d report steps, last move to %v, %d steps unsigned or dated after entry, %d audited changes",
				status, registered, last, unsigned, audited)
		}
	}
	if len(statuses) < 7 || cases < 100 {
		t.Errorf("%d invented cases, by status %v", cases, statuses)
	}
	t.Logf("%d invented cases of the region, by status %v", cases, statuses)
}
