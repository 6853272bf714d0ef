package tenant_test

import (
	"context"
	"slices"
	"testing"

	"github.com/lib/pq"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/caseaccess"
	"github.com/turbota/turbota/ent/casefile"
	"github.com/turbota/turbota/ent/community"
	"github.com/turbota/turbota/ent/family"
	"github.com/turbota/turbota/ent/organization"
	"github.com/turbota/turbota/ent/person"
	"github.com/turbota/turbota/ent/report"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/procedure"
	"github.com/turbota/turbota/tenant"
)

// world is one community with a provider organisation, a case shared with
// it and one not, each with its family, and two reports.
type world struct {
	community, org                    pulid.ID
	shared, hidden                    pulid.ID // cases
	sharedFamily, hiddenFamily        pulid.ID
	sharedChild, hiddenChild          pulid.ID
	ownReport, otherReport, violentID pulid.ID
}

func buildWorld(t *testing.T, c *ent.Client) world {
	t.Helper()
	ctx := tenant.SystemContext(context.Background())
	cm, err := c.Community.Query().Order(ent.Asc(community.FieldKatottgCode)).First(ctx)
	check(t, err)
	w := world{community: cm.ID}
	org, err := c.Organization.Create().SetCommunityID(cm.ID).SetName("Провайдер").SetKind(organization.KindNGO_PROVIDER).Save(ctx)
	check(t, err)
	w.org = org.ID
	kase := func(name string) (pulid.ID, pulid.ID, pulid.ID) {
		f, err := c.Family.Create().SetCommunityID(cm.ID).SetName(name).Save(ctx)
		check(t, err)
		p, err := c.Person.Create().SetCommunityID(cm.ID).SetFamilyID(f.ID).SetKind(person.KindCHILD).
			SetFirstName("Дитина").SetLastName(name).Save(ctx)
		check(t, err)
		cf, err := c.CaseFile.Create().SetCommunityID(cm.ID).SetRuleSetVersion("test").SetFamilyID(f.ID).
			AddChildIDs(p.ID).Save(ctx)
		check(t, err)
		return cf.ID, f.ID, p.ID
	}
	w.shared, w.sharedFamily, w.sharedChild = kase("Відома")
	w.hidden, w.hiddenFamily, w.hiddenChild = kase("Прихована")
	_, err = c.CaseAccess.Create().SetCommunityID(cm.ID).SetCaseID(w.shared).SetOrganizationID(org.ID).
		SetReason(caseaccess.ReasonREFERRAL).Save(ctx)
	check(t, err)
	rep := func(by string, categories ...procedure.Category) pulid.ID {
		r, err := c.Report.Create().SetCommunityID(cm.ID).SetSource(report.SourceSCHOOL).SetSummary("Повідомлення").
			SetSubmittedBy(by).SetCategories(categories).SetCaseID(w.hidden).Save(ctx)
		check(t, err)
		return r.ID
	}
	w.ownReport, w.otherReport = rep("user:US0000000000000000000000SCHL"), rep("user:US0000000000000000000000ELSE")
	w.violentID = rep("user:US0000000000000000000000ELSE", procedure.CategoryPhysicalViolence)
	return w
}

func check(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// asViewer opens a request transaction of a viewer of the world's
// community, with the given sight, and the first two walls switched off.
func asViewer(t *testing.T, c *ent.Client, w world, user pulid.ID, s *tenant.Sight) (*ent.Tx, context.Context) {
	t.Helper()
	v := &tenant.Viewer{UserID: user}
	v.SetCommunities([]pulid.ID{w.community}, []pulid.ID{w.community})
	v.SetSight(s)
	tx, err := tenant.Begin(context.Background(), c, v)
	check(t, err)
	t.Cleanup(func() { _ = tx.Rollback() })
	return tx, tenant.Bypass(context.Background(), "test: walls 1 and 2 off") // only row-level security left
}

// TestRLSAloneEnforcesNeedToKnow: with casbin and the ent privacy rules
// off, PostgreSQL alone narrows a provider to the cases shared with its
// organisation, and their families and children, through filters too.
func TestRLSAloneEnforcesNeedToKnow(t *testing.T) {
	_, client := open(t)
	w := buildWorld(t, client)
	tx, ctx := asViewer(t, client, w, "US00000000000000000000000PRV", &tenant.Sight{
		Narrowed: []pulid.ID{w.community}, Orgs: []pulid.ID{w.org}})

	cases, err := tx.CaseFile.Query().IDs(ctx)
	check(t, err)
	if len(cases) != 1 || cases[0] != w.shared {
		t.Errorf("cases: got %v, want only the shared %v", cases, w.shared)
	}
	fams, err := tx.Family.Query().IDs(ctx)
	check(t, err)
	if len(fams) != 1 || fams[0] != w.sharedFamily {
		t.Errorf("families: got %v, want only %v", fams, w.sharedFamily)
	}
	people, err := tx.Person.Query().IDs(ctx)
	check(t, err)
	if len(people) != 1 || people[0] != w.sharedChild {
		t.Errorf("persons: got %v, want only %v", people, w.sharedChild)
	}
	// The oracle of issue 12: a filter through an edge answers only from
	// rows the viewer may read.
	n, err := tx.CaseAccess.Query().Where(caseaccess.HasCaseWith(casefile.HasFamilyWith(family.Name("Прихована")))).Count(ctx)
	check(t, err)
	if n != 0 {
		t.Errorf("a filter through the hidden family counts %d", n)
	}
	n, err = tx.Report.Query().Count(ctx)
	check(t, err)
	if n != 0 {
		t.Errorf("the hidden case's reports: %d visible", n)
	}
	changed, err := tx.CaseFile.Update().Where(casefile.ID(w.hidden)).SetNillableManagerID(nil).ClearClosedAt().Save(ctx)
	if err != nil || changed != 0 {
		t.Errorf("update of the hidden case changed %d rows (err %v)", changed, err)
	}
	gone, err := tx.Family.Delete().Where(family.ID(w.hiddenFamily)).Exec(ctx)
	if err != nil || gone != 0 {
		t.Errorf("delete of the hidden family removed %d rows (err %v)", gone, err)
	}
}

// TestRLSAloneEnforcesReportsAndObjects: a reporting partner reads only its
// own reports, a role without violence_case:read no violence report, and
// a role the policy does not let read case files none of them.
func TestRLSAloneEnforcesReportsAndObjects(t *testing.T) {
	_, client := open(t)
	w := buildWorld(t, client)

	tx, ctx := asViewer(t, client, w, "US0000000000000000000000SCHL", &tenant.Sight{
		Reporting: []pulid.ID{w.community}, Readable: map[string][]pulid.ID{"case_file": {}, "family": {}}})
	reps, err := tx.Report.Query().IDs(ctx)
	check(t, err)
	if len(reps) != 1 || reps[0] != w.ownReport {
		t.Errorf("the partner's reports: got %v, want only its own %v", reps, w.ownReport)
	}
	n, err := tx.Report.Query().Where(report.HasCaseWith(casefile.HasFamilyWith(family.Name("Прихована")))).Count(ctx)
	check(t, err)
	if n != 0 {
		t.Errorf("a filter through the case behind its own report counts %d", n)
	}
	if n, err := tx.CaseFile.Query().Count(ctx); err != nil || n != 0 {
		t.Errorf("no case_file:read: %d cases visible (err %v)", n, err)
	}
	_ = tx.Rollback()

	tx, ctx = asViewer(t, client, w, "US00000000000000000000000SSD", &tenant.Sight{NoViolence: []pulid.ID{w.community}})
	reps, err = tx.Report.Query().IDs(ctx)
	check(t, err)
	if len(reps) != 2 || contains(reps, w.violentID) {
		t.Errorf("without violence_case:read: reports %v, want the two without violence", reps)
	}
	cases, err := tx.CaseFile.Query().IDs(ctx)
	check(t, err)
	if contains(cases, w.hidden) || !contains(cases, w.shared) {
		t.Errorf("without violence_case:read: cases %v, want %v without the violent %v", cases, w.shared, w.hidden)
	}
}

func contains(ids []pulid.ID, id pulid.ID) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// TestViolenceCategoriesAgree keeps the SQL list of violence categories
// equal to the procedure's.
func TestViolenceCategoriesAgree(t *testing.T) {
	db, _ := open(t)
	var got pq.StringArray
	check(t, db.QueryRow(`SELECT turbota_violence_categories()`).Scan(&got))
	var want []string
	for _, c := range procedure.Categories() {
		if c.IsViolence() {
			want = append(want, string(c))
		}
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("turbota_violence_categories() = %v, procedure says %v", got, want)
	}
}
