package server_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/demo"
	"github.com/turbota/turbota/internal/oversight/indicators"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/procedure"
	"github.com/turbota/turbota/internal/server"
	"github.com/turbota/turbota/internal/server/apitest"
)

// gatekeeping is the gatekeeping figures of a community over the last
// month, counted by the indicators.
func gatekeeping(t *testing.T, e *env, community string) indicators.Figures {
	t.Helper()
	now := clock.Now()
	p := indicators.Period{From: now.AddDate(0, -1, 0), To: now.Add(time.Hour)}
	per, err := indicators.Compute(context.Background(), e.db, []pulid.ID{pulid.ID(community)}, p, false)
	if err != nil {
		t.Fatal(err)
	}
	return per[pulid.ID(community)]
}

// TestPlacementsCountChildren replays the scenario: of two
// siblings one baby is removed by an urgent measure and placed with
// relatives, the other placed by the guardianship body's decision in a
// foster family. One child was removed, two were placed (one per form),
// both in family-based care; the first goes home and counts as returned.
func TestPlacementsCountChildren(t *testing.T) {
	t.Parallel()
	e := newEnv(t, server.Config{})
	ctx := context.Background()
	s := newScene(t, e, apitest.ReportCategoryNeglect)
	before := gatekeeping(t, e, s.community)
	baby := s.child
	sibling := okay(apitest.CreateChild(ctx, s.ssd, s.community, s.family, "Sibling", "Child"))(t, "sibling").CreatePerson.Id
	okay(apitest.UpdateCase(ctx, s.ssd, s.cs, apitest.UpdateCaseInput{AddChildIDs: []string{sibling}}))(t, "add the sibling")

	kin, foster := apitest.CareFormKinCare, apitest.CareFormFosterFamily
	// A removal that names no child, and a placement without a form, are refused.
	for name, m := range map[string]apitest.UrgentMeasureInput{
		"removal of nobody":      {Kind: apitest.UrgentMeasureKindRemoval, LegalBasis: "ст. 170 СК"},
		"placement without form": {Kind: apitest.UrgentMeasureKindPlacement, LegalBasis: "ст. 170 СК", Children: []string{baby}, Placement: ptr("бабуся")},
	} {
		_, err := apitest.RecordSafetyAssessment(ctx, s.ssd, apitest.RecordSafetyAssessmentInput{CaseID: s.cs, ConductedAt: at(2 * time.Hour),
			Result: apitest.SafetyResultImmediateThreat, UrgentMeasures: []apitest.UrgentMeasureInput{m}})
		if apitest.Code(err) != server.CodeBadUserInput {
			t.Errorf("%s: %v", name, err)
		}
	}
	sa := okay(apitest.RecordSafetyAssessment(ctx, s.ssd, apitest.RecordSafetyAssessmentInput{CaseID: s.cs, ConductedAt: at(2 * time.Hour),
		Result: apitest.SafetyResultImmediateThreat, UrgentMeasures: []apitest.UrgentMeasureInput{
			{Kind: apitest.UrgentMeasureKindRemoval, LegalBasis: "ст. 170 Сімейного кодексу України", Children: []string{baby}},
			{Kind: apitest.UrgentMeasureKindPlacement, LegalBasis: "ст. 170 Сімейного кодексу України", Children: []string{baby},
				Form: &kin, Placement: ptr("бабуся, вул. Соборна, 5")},
		}}))(t, "safety").RecordSafetyAssessment
	if len(sa.UrgentMeasures) != 2 || sa.UrgentMeasures[1].Form == nil || *sa.UrgentMeasures[1].Form != kin {
		t.Errorf("urgent measures kept: %#v", sa.UrgentMeasures)
	}
	gb := e.as(demo.VinnytsiaGuardianshipEmail)
	d := okay(apitest.RecordDecision(ctx, gb, apitest.RecordDecisionInput{CaseID: s.cs, Body: apitest.DecisionBodyGuardianshipBody,
		Kind: apitest.DecisionKindPlacement, Number: "112", DecidedAt: at(time.Hour), LegalBasis: "ПКМУ № 866",
		Placements: []apitest.DecisionPlacementInput{{ChildID: sibling, Form: foster, Address: ptr("прийомна сім'я Коваленків")}}}))(t, "placement decision").RecordDecision
	if len(d.Children) != 1 || d.Children[0] != sibling {
		t.Errorf("the decision's children: %v", d.Children)
	}

	history := func(child string) []apitest.ChildPlacementsNodePersonPlacementsPlacement {
		n, ok := okay(apitest.ChildPlacements(ctx, s.ssd, child))(t, "history").Node.(*apitest.ChildPlacementsNodePerson)
		if !ok {
			t.Fatalf("child %s not visible", child)
		}
		return n.Placements
	}
	hb, hs := history(baby), history(sibling)
	if len(hb) != 1 || hb[0].Form != kin || len(hs) != 1 || hs[0].Form != foster {
		t.Fatalf("care histories: baby %#v, sibling %#v", hb, hs)
	}

	after := gatekeeping(t, e, s.community)
	delta := func(key, part string) float64 {
		k := indicators.Key{Indicator: key, Part: part}
		return after[k].Num - before[k].Num
	}
	for _, c := range []struct {
		key, part string
		want      float64
	}{
		{"children_removed", "", 1}, // one baby of two
		{"placements_by_form", "KIN_CARE", 1},
		{"placements_by_form", "FOSTER_FAMILY", 1},
		{"placements_family", "", 2}, // siblings count one each
		{"placements_institution", "", 0},
		{"returns_to_family", "", 0},
	} {
		if got := delta(c.key, c.part); got != c.want {
			t.Errorf("%s %s: +%v, want +%v", c.key, c.part, got, c.want)
		}
	}

	// The baby goes home: a return to the family; a placement ends once.
	end := apitest.EndPlacementInput{Id: hb[0].Id, EndedAt: at(time.Minute), Reason: apitest.CareEndReasonReturnedToFamily}
	okay(apitest.EndPlacement(ctx, s.ssd, end))(t, "return home")
	if _, err := apitest.EndPlacement(ctx, s.ssd, end); apitest.Code(err) != server.CodeConflict || apitest.Rule(err) != "ALREADY_ENDED" {
		t.Errorf("ending twice: %v", err)
	}
	if got := gatekeeping(t, e, s.community)[indicators.Key{Indicator: "returns_to_family"}].Num - before[indicators.Key{Indicator: "returns_to_family"}].Num; got != 1 {
		t.Errorf("returns to the family: +%v, want +1", got)
	}
	// A child of another case is not placed on this one.
	other := newScene(t, e, apitest.ReportCategoryNeglect)
	_, err := apitest.RecordPlacement(ctx, s.ssd, apitest.RecordPlacementInput{CaseID: s.cs, ChildID: other.child, Form: kin,
		Address: ptr("тітка"), StartedAt: at(time.Minute)})
	if apitest.Rule(err) != "NOT_A_CHILD_OF_THE_CASE" {
		t.Errorf("placing a child of another case: %v", err)
	}
}

// TestAChildIsInOnePlaceAtATime: a baby placed with relatives by an urgent
// measure and then in a foster family by the guardianship body's decision
// is in the foster family only: the kin care ends the day the foster care
// begins (moved to other care, on the timeline), a placement begun before
// the open one is refused, and the return home ends the one placement.
func TestAChildIsInOnePlaceAtATime(t *testing.T) {
	t.Parallel()
	e := newEnv(t, server.Config{})
	ctx := context.Background()
	s := newScene(t, e, apitest.ReportCategoryNeglect)
	kin, foster := apitest.CareFormKinCare, apitest.CareFormFosterFamily
	okay(apitest.RecordSafetyAssessment(ctx, s.ssd, apitest.RecordSafetyAssessmentInput{CaseID: s.cs, ConductedAt: at(50 * time.Hour),
		Result: apitest.SafetyResultImmediateThreat, UrgentMeasures: []apitest.UrgentMeasureInput{
			{Kind: apitest.UrgentMeasureKindPlacement, LegalBasis: "ст. 170 Сімейного кодексу України", Children: []string{s.child},
				Form: &kin, Placement: ptr("бабуся")}}}))(t, "safety")
	before := gatekeeping(t, e, s.community)
	fosterFrom := at(30 * time.Hour).Truncate(time.Second)
	okay(apitest.RecordDecision(ctx, e.as(demo.VinnytsiaGuardianshipEmail), apitest.RecordDecisionInput{CaseID: s.cs,
		Body: apitest.DecisionBodyGuardianshipBody, Kind: apitest.DecisionKindPlacement, Number: "113", DecidedAt: fosterFrom,
		LegalBasis: "ПКМУ № 866", Placements: []apitest.DecisionPlacementInput{{ChildID: s.child, Form: foster,
			Address: ptr("прийомна сім'я Коваленків")}}}))(t, "placement decision")

	history := func() []apitest.ChildPlacementsNodePersonPlacementsPlacement {
		n, ok := okay(apitest.ChildPlacements(ctx, s.ssd, s.child))(t, "history").Node.(*apitest.ChildPlacementsNodePerson)
		if !ok {
			t.Fatal("child not visible")
		}
		return n.Placements
	}
	open := func(h []apitest.ChildPlacementsNodePersonPlacementsPlacement) (n int, last apitest.ChildPlacementsNodePersonPlacementsPlacement) {
		for _, p := range h {
			if p.EndedAt == nil {
				n, last = n+1, p
			}
		}
		return n, last
	}
	h := history()
	if n, cur := open(h); n != 1 || cur.Form != foster {
		t.Fatalf("open placements after the decision: %d (%#v)", n, h)
	}
	for _, p := range h {
		if p.Form == kin && (p.EndedAt == nil || !p.EndedAt.Equal(fosterFrom) || p.EndReason == nil ||
			*p.EndReason != apitest.CareEndReasonMovedToOtherCare) {
			t.Errorf("the kin care after the foster placement: %#v", p)
		}
	}
	if kinds, _ := s.timeline(t, s.cs); !slices.Contains(kinds, string(apitest.CaseEventKindPlacementEnded)) {
		t.Errorf("the kin care's end is not on the timeline: %v", kinds)
	}
	// A placement begun before the open one would be open beside it.
	_, err := apitest.RecordPlacement(ctx, s.ssd, apitest.RecordPlacementInput{CaseID: s.cs, ChildID: s.child, Form: kin,
		Address: ptr("тітка"), StartedAt: fosterFrom.Add(-time.Hour)})
	if apitest.Code(err) != server.CodeBadUserInput {
		t.Errorf("a placement begun before the open one: %v", err)
	}
	// The child goes home from the foster family: one return, nothing open.
	_, cur := open(history())
	okay(apitest.EndPlacement(ctx, s.ssd, apitest.EndPlacementInput{Id: cur.Id, EndedAt: at(time.Minute),
		Reason: apitest.CareEndReasonReturnedToFamily}))(t, "return home")
	if n, _ := open(history()); n != 0 {
		t.Errorf("placements still open after the return home: %d", n)
	}
	after := gatekeeping(t, e, s.community)
	for _, c := range []struct {
		key, part string
		want      float64
	}{
		{"placements_by_form", "FOSTER_FAMILY", 1},
		{"placements_by_form", "KIN_CARE", 0}, // counted when the measure placed the child
		{"returns_to_family", "", 1},
	} {
		k := indicators.Key{Indicator: c.key, Part: c.part}
		if got := after[k].Num - before[k].Num; got != c.want {
			t.Errorf("%s %s: +%v, want +%v", c.key, c.part, got, c.want)
		}
	}
}

// TestInstitutionalPlacementIsGatekept: without a comprehensive needs
// assessment and the commission's decision an institution is refused; in an
// emergency, with the reason stated, it goes ahead, the timeline says so,
// and the placement is to be reviewed within the rules' time.
func TestInstitutionalPlacementIsGatekept(t *testing.T) {
	t.Parallel()
	e := newEnv(t, server.Config{})
	ctx := context.Background()
	s := newScene(t, e, apitest.ReportCategoryNeglect)
	in := apitest.RecordPlacementInput{CaseID: s.cs, ChildID: s.child, Form: apitest.CareFormInstitutionShelter,
		Address: ptr("притулок для дітей"), StartedAt: at(time.Hour)}
	_, err := apitest.RecordPlacement(ctx, s.ssd, in)
	if apitest.Code(err) != server.CodeConflict || apitest.Rule(err) != string(procedure.RuleGatekeeping) {
		t.Fatalf("an institution without assessment or commission: %v (code %s, rule %s)", err, apitest.Code(err), apitest.Rule(err))
	}
	// The same through an urgent measure.
	shelter := apitest.CareFormInstitutionShelter
	_, err = apitest.RecordSafetyAssessment(ctx, s.ssd, apitest.RecordSafetyAssessmentInput{CaseID: s.cs, ConductedAt: at(2 * time.Hour),
		Result: apitest.SafetyResultImmediateThreat, UrgentMeasures: []apitest.UrgentMeasureInput{{Kind: apitest.UrgentMeasureKindPlacement,
			LegalBasis: "ст. 170 СК", Children: []string{s.child}, Form: &shelter, Placement: ptr("притулок")}}})
	if apitest.Rule(err) != string(procedure.RuleGatekeeping) {
		t.Errorf("an urgent institutional placement without a reason: %v", err)
	}
	// A guardianship body's colleague without the override permission (the
	// social protection department cannot place at all) hears FORBIDDEN.
	in.EmergencyReason = ptr("нічний виїзд, родичів і патронатної сім'ї не знайдено")
	if _, err := apitest.RecordPlacement(ctx, e.as(demo.VinnytsiaSocialProtectionEmail), in); apitest.Code(err) != server.CodeForbidden {
		t.Errorf("social protection placing a child: %v", err)
	}
	p := okay(apitest.RecordPlacement(ctx, s.ssd, in))(t, "emergency override").RecordPlacement
	if p.EmergencyReason == nil || p.ReviewDue == nil {
		t.Fatalf("override not kept: %#v", p)
	}
	// Five working days (the shipped rule) end within nine calendar days.
	if !p.ReviewDue.After(in.StartedAt) || p.ReviewDue.After(in.StartedAt.AddDate(0, 0, 10)) {
		t.Errorf("review due %s for a placement of %s", p.ReviewDue, in.StartedAt)
	}
	tl, ok := okay(apitest.CaseTimeline(ctx, s.ssd, s.cs))(t, "timeline").Node.(*apitest.CaseTimelineNodeCase)
	if !ok {
		t.Fatal("case not visible")
	}
	var placed, overridden bool
	for _, ev := range tl.Events.Edges {
		placed = placed || ev.Node.Kind == apitest.CaseEventKindChildPlaced
		overridden = overridden || ev.Node.Kind == apitest.CaseEventKindGatekeepingOverridden
	}
	if !placed || !overridden {
		t.Errorf("timeline: placed %v, override logged %v", placed, overridden)
	}
	if f := gatekeeping(t, e, s.community); f[indicators.Key{Indicator: "placements_institution"}].Num < 1 {
		t.Errorf("the institutional placement is not counted: %v", f)
	}
}

// TestParentalCareRegister: the children's service enters a child in the
// register with the basis and date, the guardianship body reads the list.
func TestParentalCareRegister(t *testing.T) {
	t.Parallel()
	e := newEnv(t, server.Config{})
	ctx := context.Background()
	s := newScene(t, e, apitest.ReportCategoryParentsEvadingDuties)
	_, err := apitest.RecordParentalCareStatus(ctx, s.ssd, apitest.RecordParentalCareStatusInput{PersonID: s.child,
		Status: apitest.PersonParentalCareStatusDeprivedOfParentalCare})
	if apitest.Code(err) != server.CodeBadUserInput {
		t.Errorf("entering the register without a basis: %v", err)
	}
	since := at(24 * time.Hour)
	r := okay(apitest.RecordParentalCareStatus(ctx, s.ssd, apitest.RecordParentalCareStatusInput{PersonID: s.child,
		Status: apitest.PersonParentalCareStatusDeprivedOfParentalCare, Basis: ptr("рішення суду № 127/55/26 про позбавлення батьківських прав"),
		Since: &since}))(t, "register").RecordParentalCareStatus
	if r.ParentalCareBasis == nil || r.ParentalCareSince == nil {
		t.Errorf("status kept without its basis: %#v", r)
	}
	list := okay(apitest.ParentalCareRegister(ctx, e.as(demo.VinnytsiaGuardianshipEmail), s.community))(t, "the list").ParentalCareRegister
	found := false
	for _, p := range list {
		found = found || p.Id == s.child
	}
	if !found {
		t.Errorf("the child is not in the guardianship body's register: %v", list)
	}
	okay(apitest.RecordParentalCareStatus(ctx, s.ssd, apitest.RecordParentalCareStatusInput{PersonID: s.child,
		Status: apitest.PersonParentalCareStatusWithParents}))(t, "off the register")
	for _, p := range okay(apitest.ParentalCareRegister(ctx, s.ssd, s.community))(t, "the list").ParentalCareRegister {
		if p.Id == s.child {
			t.Error("the child is still in the register")
		}
	}
}

// TestFamilyBasedShareCountsChildren: two siblings placed together in one
// foster family are two children in family-based care; when one of them is
// later moved to a shelter, the share counts that child once, by the
// latest placement: one of two children placed is in family-based care.
func TestFamilyBasedShareCountsChildren(t *testing.T) {
	t.Parallel()
	e := newEnv(t, server.Config{})
	ctx := context.Background()
	s := newScene(t, e, apitest.ReportCategoryNeglect)
	before := gatekeeping(t, e, s.community)
	sibling := okay(apitest.CreateChild(ctx, s.ssd, s.community, s.family, "Sibling", "Child"))(t, "sibling").CreatePerson.Id
	okay(apitest.UpdateCase(ctx, s.ssd, s.cs, apitest.UpdateCaseInput{AddChildIDs: []string{sibling}}))(t, "add the sibling")
	gb := e.as(demo.VinnytsiaGuardianshipEmail)
	family := ptr("прийомна сім'я Коваленків")
	okay(apitest.RecordDecision(ctx, gb, apitest.RecordDecisionInput{CaseID: s.cs, Body: apitest.DecisionBodyGuardianshipBody,
		Kind: apitest.DecisionKindPlacement, Number: "112", DecidedAt: at(2 * time.Hour), LegalBasis: "ПКМУ № 866",
		Placements: []apitest.DecisionPlacementInput{
			{ChildID: s.child, Form: apitest.CareFormFosterFamily, Address: family},
			{ChildID: sibling, Form: apitest.CareFormFosterFamily, Address: family},
		}}))(t, "siblings placed together")
	mid := gatekeeping(t, e, s.community)
	share := indicators.Key{Indicator: "family_based_share"}
	if d := mid[indicators.Key{Indicator: "placements_family"}].Num - before[indicators.Key{Indicator: "placements_family"}].Num; d != 2 {
		t.Errorf("siblings in one foster family: +%v children in family-based care, want +2", d)
	}
	if n, b := mid[share].Num-before[share].Num, mid[share].Base-before[share].Base; n != 2 || b != 2 {
		t.Errorf("share after the siblings' placement: +%v of +%v, want +2 of +2", n, b)
	}
	okay(apitest.RecordDecision(ctx, gb, apitest.RecordDecisionInput{CaseID: s.cs, Body: apitest.DecisionBodyGuardianshipBody,
		Kind: apitest.DecisionKindPlacement, Number: "113", DecidedAt: at(time.Hour), LegalBasis: "ПКМУ № 866",
		Placements: []apitest.DecisionPlacementInput{{ChildID: s.child, Form: apitest.CareFormInstitutionShelter,
			Address: ptr("притулок"), EmergencyReason: ptr("прийомна сім'я не може доглядати дитину")}}}))(t, "one moved to a shelter")
	after := gatekeeping(t, e, s.community)
	if n, b := after[share].Num-before[share].Num, after[share].Base-before[share].Base; n != 1 || b != 2 {
		t.Errorf("share after one sibling's move: +%v of +%v, want +1 of +2 (each child once, by the latest placement)", n, b)
	}
}
