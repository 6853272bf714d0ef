package server_test

import (
	"bytes"
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/community"
	"github.com/turbota/turbota/ent/decision"
	"github.com/turbota/turbota/ent/needsassessment"
	"github.com/turbota/turbota/ent/person"
	"github.com/turbota/turbota/ent/report"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/ent/schema/schematype"
	"github.com/turbota/turbota/internal/demo"
	"github.com/turbota/turbota/internal/oversight/indicators"
	"github.com/turbota/turbota/internal/procedure"
	"github.com/turbota/turbota/internal/server"
	"github.com/turbota/turbota/tenant"
)

// handBuilt fills an empty community of the demo region with a month of
// work whose indicators are known, and returns the community.
func handBuilt(t *testing.T, e *env, month time.Time) pulid.ID {
	t.Helper()
	ctx := tenant.SystemContext(context.Background())
	c := e.client
	vin, err := c.Community.Get(ctx, fx[own].Community)
	if err != nil {
		t.Fatal(err)
	}
	cm, err := c.Community.Query().Where(community.RegionID(vin.RegionID),
		community.IDNotIn(fx[own].Community, fx[sameRegion].Community)).Order(community.ByKatottgCode()).First(ctx)
	if err != nil {
		t.Fatal(err)
	}
	at := func(day, hour int) time.Time { return month.AddDate(0, 0, day-1).Add(time.Duration(hour) * time.Hour) }
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	fam := c.Family.Create().SetCommunityID(cm.ID).SetName("Known").SaveX(ctx)
	kid := func(n string) *ent.Person {
		return c.Person.Create().SetCommunityID(cm.ID).SetFamilyID(fam.ID).SetKind(person.KindCHILD).SetFirstName(n).SetLastName("Known").SaveX(ctx)
	}
	k1, k2 := kid("A"), kid("B")
	newCase := func(day int, status procedure.State) *ent.CaseFile {
		return c.CaseFile.Create().SetCommunityID(cm.ID).SetFamilyID(fam.ID).SetOpenedAt(at(day, 0)).SetStatus(status).
			SetRuleSetVersion("2026-64").AddChildIDs(k1.ID, k2.ID).SaveX(ctx)
	}
	c1, c2, c3 := newCase(2, procedure.StateOpen), newCase(3, procedure.StateOpen), newCase(4, procedure.StateClosed)
	must(c.CaseFile.UpdateOneID(c3.ID).SetClosedAt(at(20, 0)).SetClosureOutcome("GOALS_ACHIEVED").Exec(ctx))
	rep := func(day int, src report.Source, cats ...procedure.Category) {
		c.Report.Create().SetCommunityID(cm.ID).SetReceivedAt(at(day, 0)).SetSource(src).SetSummary("known").SetCategories(cats).SaveX(ctx)
	}
	rep(2, report.SourceSCHOOL, procedure.CategoryNeglect)
	rep(3, report.SourceSCHOOL, procedure.CategoryNeglect, procedure.CategoryPoverty)
	rep(4, report.SourcePOLICE, procedure.CategoryPhysicalViolence)
	rep(40, report.SourcePOLICE) // next month: not counted
	c.SafetyAssessment.Create().SetCommunityID(cm.ID).SetCaseID(c1.ID).SetConductedAt(at(2, 10)).SetResult(procedure.SafetyDangerPresent).SetOnTime(true).SaveX(ctx)
	// The urgent measures remove one child of the two and place it with a
	// foster family; the other goes to a shelter later by a decision, and
	// home again within the month; next month's placement is not counted.
	foster := procedure.CareFosterFamily
	sa := c.SafetyAssessment.Create().SetCommunityID(cm.ID).SetCaseID(c2.ID).SetConductedAt(at(5, 0)).SetResult(procedure.SafetyImmediateThreat).SetOnTime(false).
		SetUrgentMeasures([]schematype.UrgentMeasure{{Kind: procedure.MeasureRemoval, LegalBasis: "ст. 170 СК", Children: []pulid.ID{k1.ID}},
			{Kind: procedure.MeasurePlacement, LegalBasis: "—", Children: []pulid.ID{k1.ID}, Form: &foster, Placement: "вул. Соборна, 1"}}).SaveX(ctx)
	c.Placement.Create().SetCommunityID(cm.ID).SetCaseID(c2.ID).SetChildID(k1.ID).SetForm(foster).SetAddress("вул. Соборна, 1").
		SetStartedAt(at(5, 0)).SetSafetyAssessmentID(sa.ID).SaveX(ctx)
	placed := c.Decision.Create().SetCommunityID(cm.ID).SetCaseID(c1.ID).SetBody(decision.BodyGUARDIANSHIP_BODY).
		SetKind(decision.KindPLACEMENT).SetNumber("7").SetDecidedAt(at(9, 0)).SetLegalBasis("ПКМУ № 866").SetChildren([]pulid.ID{k2.ID}).SaveX(ctx)
	c.Placement.Create().SetCommunityID(cm.ID).SetCaseID(c1.ID).SetChildID(k2.ID).SetForm(procedure.CareInstitutionShelter).SetAddress("притулок").
		SetStartedAt(at(9, 0)).SetDecisionID(placed.ID).SetEndedAt(at(12, 0)).SetEndReason(procedure.CareEndReturned).SaveX(ctx)
	c.Placement.Create().SetCommunityID(cm.ID).SetCaseID(c1.ID).SetChildID(k2.ID).SetForm(procedure.CareGuardianship).SetAddress("бабуся").
		SetStartedAt(at(40, 0)).SaveX(ctx)
	org := c.Organization.Create().SetCommunityID(cm.ID).SetName("Known provider").SetKind("PUBLIC_PROVIDER").SaveX(ctx)
	c.NeedsAssessment.Create().SetCommunityID(cm.ID).SetCaseID(c1.ID).SetProviderID(org.ID).SetKind(needsassessment.KindINITIAL).
		SetConductedAt(at(6, 0)).SetDomains([]schematype.DomainRating{}).SetStrengths("").SetConclusion("c").SetActNumber("1").
		SetActFiledAt(at(6, 0)).SetDue(at(9, 0)).SetOnTime(true).SaveX(ctx)
	c.Decision.Create().SetCommunityID(cm.ID).SetCaseID(c1.ID).SetBody(decision.BodyGUARDIANSHIP_BODY).
		SetKind(decision.KindREGISTER_IN_DIFFICULT_CIRCUMSTANCES).SetNumber("1").SetDecidedAt(at(8, 0)).SetLegalBasis("ПКМУ № 585").SaveX(ctx)
	st := c.ServiceType.Query().FirstX(ctx)
	c.ServiceProvision.Create().SetCommunityID(cm.ID).SetCaseID(c1.ID).SetProviderID(org.ID).SetServiceTypeID(st.ID).SetStartedAt(at(10, 0)).SaveX(ctx)
	prog := c.VoucherProgramme.Create().SetCommunityID(cm.ID).SetName("Known").SetValueUah(1000).SetVouchers(10).
		SetEligibility("known").SetStartsOn(at(1, 0)).SaveX(ctx)
	voucher := func(n string, day int) *ent.VoucherCreate {
		return c.Voucher.Create().SetCommunityID(cm.ID).SetProgrammeID(prog.ID).SetFamilyID(fam.ID).SetNumber(n).SetIssuedAt(at(day, 0))
	}
	voucher("1", 5).SetStatus("REDEEMED").SetProviderID(org.ID).SetRedeemedAt(at(15, 0)).SaveX(ctx)
	voucher("2", 6).SaveX(ctx)
	voucher("3", 7).SetStatus("CANCELLED").SetCancelReason("moved").SaveX(ctx)
	voucher("4", 40).SaveX(ctx) // next month
	return cm.ID
}

// c1Service is the part services_started counts the hand-built service under.
func c1Service(t *testing.T, e *env) string {
	t.Helper()
	st := e.client.ServiceType.Query().FirstX(tenant.SystemContext(context.Background()))
	if st.Code != nil && *st.Code != "" {
		return *st.Code
	}
	return st.NameUk
}

func TestIndicatorsOfAHandBuiltMonth(t *testing.T) {
	e := newEnv(t, server.Config{})
	month := time.Date(2026, 3, 1, 0, 0, 0, 0, procedure.Kyiv())
	cm := handBuilt(t, e, month)
	p, err := indicators.PeriodOf(indicators.Month, 2026, 3)
	if err != nil {
		t.Fatal(err)
	}
	per, err := indicators.Compute(context.Background(), e.db, []pulid.ID{cm}, p, false)
	if err != nil {
		t.Fatal(err)
	}
	f := per[cm]
	value := func(key, part string) float64 {
		d, _ := indicators.Find(key)
		return indicators.Value(d, f[indicators.Key{Indicator: key, Part: part}])
	}
	for _, c := range []struct {
		key, part string
		want      float64
	}{
		{"reports_received", "", 3},
		{"reports_by_source", "SCHOOL", 2},
		{"reports_by_source", "POLICE", 1},
		{"reports_by_category", "NEGLECT", 2},
		{"reports_by_category", "POVERTY", 1},
		{"safety_assessments", "", 2},
		{"safety_on_time", "", 0.5},
		{"needs_assessments", "", 1},
		{"needs_on_time", "", 1},
		{"open_cases", "", 2},
		{"cases_per_specialist", "", 0}, // nobody works there yet: no caseload to speak of
		{"children_registered", "", 2},
		{"children_removed", "", 1}, // one child of the two, named by both the removal and the urgent placement
		{"placements_family", "", 1},
		{"placements_institution", "", 1},
		{"placements_by_form", "FOSTER_FAMILY", 1},
		{"placements_by_form", "INSTITUTION_SHELTER", 1},
		{"placements_by_form", "GUARDIANSHIP", 0}, // next month
		{"family_based_share", "", 0.5},
		{"returns_to_family", "", 1},
		{"cases_closed", "GOALS_ACHIEVED", 1},
		{"services_started", c1Service(t, e), 1},
		{"vouchers_issued", "", 2},
		{"vouchers_redeemed", "", 1},
	} {
		if got := value(c.key, c.part); got != c.want {
			t.Errorf("%s %s = %v, want %v", c.key, c.part, got, c.want)
		}
	}
}

func TestIndicatorsAreSuppressedWithoutRecordAccessAndScoped(t *testing.T) {
	e := newEnv(t, server.Config{})
	cm := handBuilt(t, e, time.Date(2026, 3, 1, 0, 0, 0, 0, procedure.Kyiv()))
	q := `query($s: IndicatorScope) { indicators(scope: $s, period: {kind: MONTH, year: 2026, number: 3}) {
		total { key part display suppressed value } communities { community { id } recordAccess cells { key display suppressed value } } } }`
	region := e.login(demo.RegionalSupervisorEmail)
	r := e.do(region, q, map[string]any{"s": map[string]any{"communityID": cm}})
	comms := r.Data["indicators"].(map[string]any)["communities"].([]any)
	if len(comms) != 1 {
		t.Fatalf("the regional supervisor's community: %v %v", r.Data, r.Errors)
	}
	for _, c := range comms[0].(map[string]any)["cells"].([]any) {
		cell := c.(map[string]any)
		if v, ok := cell["value"].(float64); ok && v >= 1 && v < indicators.Threshold && cell["key"] != "safety_on_time" &&
			cell["key"] != "needs_on_time" && cell["key"] != "family_based_share" && cell["key"] != "cases_per_specialist" {
			t.Errorf("a small count shown to the region: %v", cell)
		}
		if cell["key"] == "reports_received" && (cell["display"] != "<5" || cell["suppressed"] != true) {
			t.Errorf("3 reports shown to the region as %v", cell)
		}
	}
	// The supervisor of Вінницька область sees nothing of Полтавська.
	pol, _ := e.client.Community.Get(tenant.SystemContext(context.Background()), fx[otherRegion].Community)
	r = e.do(region, q, map[string]any{"s": map[string]any{"regionID": pol.RegionID}})
	if n := len(r.Data["indicators"].(map[string]any)["communities"].([]any)); n != 0 {
		t.Errorf("the supervisor sees %d communities of another region", n)
	}
	// The national analyst sees every region, suppressed as well.
	analyst := e.login(demo.NationalAnalystEmail)
	r = e.do(analyst, q, map[string]any{"s": map[string]any{"regionID": pol.RegionID}})
	if n := len(r.Data["indicators"].(map[string]any)["communities"].([]any)); n == 0 {
		t.Errorf("the analyst sees no community of Полтавська область: %v", r.Errors)
	}
	// The children's service reads its own community's cases: nothing suppressed there.
	ssd := e.login(demo.VinnytsiaChildrenServiceEmail)
	r = e.do(ssd, q, map[string]any{"s": map[string]any{"communityID": fx[own].Community}})
	own := r.Data["indicators"].(map[string]any)["communities"].([]any)[0].(map[string]any)
	if own["recordAccess"] != true {
		t.Errorf("record access of the children's service: %v", own)
	}
	for _, c := range own["cells"].([]any) {
		if c.(map[string]any)["suppressed"] == true {
			t.Errorf("suppressed for the children's service: %v", c)
		}
	}
}

func TestIndicatorExportsMatchTheScreenAndAreLogged(t *testing.T) {
	e := newEnv(t, server.Config{})
	cm := handBuilt(t, e, time.Date(2026, 3, 1, 0, 0, 0, 0, procedure.Kyiv()))
	region := e.login(demo.RegionalSupervisorEmail)
	screen := e.do(region, `query($c: ID!) { indicators(scope: {communityID: $c}, period: {kind: MONTH, year: 2026, number: 3}) {
		communities { cells { key part display } } } }`, map[string]any{"c": cm})
	shown := map[string]string{}
	for _, c := range screen.Data["indicators"].(map[string]any)["communities"].([]any)[0].(map[string]any)["cells"].([]any) {
		cell := c.(map[string]any)
		if cell["part"] == nil {
			shown[cell["key"].(string)] = cell["display"].(string)
		}
	}
	status, body := e.get(region, "/exports/indicators.xlsx?period=month&year=2026&number=3&lang=en&communityID="+string(cm))
	if status != 200 {
		t.Fatalf("export: %d %s", status, body)
	}
	f, err := excelize.OpenReader(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("Indicators")
	if err != nil || len(rows) != 3 {
		t.Fatalf("rows: %v %v", rows, err)
	}
	for i, h := range rows[0] {
		d, ok := definitionNamed(h)
		if ok && rows[1][i] != shown[d] {
			t.Errorf("%s: file %q, screen %q", h, rows[1][i], shown[d])
		}
	}
	if !slices.Contains(rows[1], "<5") {
		t.Errorf("nothing suppressed in the region's export: %v", rows[1])
	}
	status, body = e.get(region, "/exports/indicators.csv?period=month&year=2026&number=3&communityID="+string(cm))
	if status != 200 || !strings.HasPrefix(string(body), "\ufeffГромада,КАТОТТГ,") {
		t.Errorf("csv: %d %.80s", status, body)
	}
	var logged int
	if err := e.db.QueryRow(`SELECT count(*) FROM audit_events WHERE action = 'EXPORT' AND community_id = $1`, cm).Scan(&logged); err != nil || logged != 2 {
		t.Errorf("exports in the log: %d (%v)", logged, err)
	}
	if status, _ := e.get(region, "/exports/indicators.xlsx?period=week&year=2026"); status != 400 {
		t.Errorf("a bad period: %d", status)
	}
}

// definitionNamed finds the indicator an English column header names.
func definitionNamed(header string) (string, bool) {
	for _, d := range indicators.Definitions {
		if d.Name.EN == header {
			return d.Key, true
		}
	}
	return "", false
}

func TestDeidentifiedCasesNameNobody(t *testing.T) {
	e := newEnv(t, server.Config{})
	region := e.login(demo.RegionalSupervisorEmail)
	r := e.do(region, `query($c: ID!) { deidentifiedCases(communityID: $c) { openedMonth status categories children safetyResult decisions closureOutcome } }`,
		map[string]any{"c": fx[own].Community})
	rows, _ := r.Data["deidentifiedCases"].([]any)
	if len(rows) < 6 || len(r.Errors) > 0 {
		t.Fatalf("the supervisor's drill-down: %d rows %v", len(rows), r.Errors)
	}
	text := r.String()
	for _, name := range append(demo.AllPersonNames(), "CS01", "FM01", "PS01") {
		if strings.Contains(text, name) {
			t.Errorf("the de-identified list holds %q", name)
		}
	}
	if r := e.do(region, `query($c: ID!) { node(id: $c) { id } }`, map[string]any{"c": fx[own].Case}); r.Data["node"] != nil {
		t.Error("the supervisor opens a named case without emergency access")
	}
	// The national analyst keeps to aggregates: no case list, on screen or exported.
	analyst := e.login(demo.NationalAnalystEmail)
	r = e.do(analyst, `query($c: ID!) { deidentifiedCases(communityID: $c) { status } }`, map[string]any{"c": fx[own].Community})
	if r.code() != server.CodeForbidden {
		t.Errorf("the analyst lists a community's cases: %s", r.String())
	}
	if status, _ := e.get(analyst, "/exports/cases.csv?communityID="+string(fx[own].Community)); status != http.StatusForbidden {
		t.Errorf("the analyst exports a community's cases: status %d", status)
	}
}
