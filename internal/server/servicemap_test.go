package server_test

import (
	"context"
	"testing"
	"time"

	"github.com/turbota/turbota/ent/casefile"
	"github.com/turbota/turbota/ent/needsassessment"
	"github.com/turbota/turbota/ent/organization"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/ent/schema/schematype"
	"github.com/turbota/turbota/ent/servicetype"
	"github.com/turbota/turbota/internal/demo"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/server"
	"github.com/turbota/turbota/tenant"
)

const mapQuery = `query($s: IndicatorScope) { serviceMap(scope: $s) { community { id }
	services { organization service capacity areaServed }
	minimalPackage { key present }
	unmetNeeds { service families display suppressed } } }`

// mapOf returns the map entry of one community, or nil.
func mapOf(r *gqlResponse, community pulid.ID) map[string]any {
	list, _ := r.Data["serviceMap"].([]any)
	for _, x := range list {
		if m := x.(map[string]any); str(m, "community", "id") == string(community) {
			return m
		}
	}
	return nil
}

func present(m map[string]any, key string) bool {
	for _, x := range m["minimalPackage"].([]any) {
		if it := x.(map[string]any); it["key"] == key {
			return it["present"] == true
		}
	}
	return false
}

// The service map: what a community offers, the minimal package it lacks,
// and the needs no local service covers, counted as indicators are.
func TestServiceMapOffersMinimalPackageAndUnmetNeeds(t *testing.T) {
	e := newEnv(t, server.Config{})
	f := fx[own]
	ctx := tenant.SystemContext(context.Background())
	st := func(name string) pulid.ID {
		return e.client.ServiceType.Query().Where(servicetype.NameUk(name)).OnlyIDX(ctx)
	}
	early, dayCare := st("Раннє втручання"), st("Денний догляд")
	org := e.client.Organization.Query().Where(organization.CommunityID(f.Community), organization.NameHasPrefix("Fixture org")).OnlyIDX(ctx)
	admin, ssd, region := e.login(demo.VinnytsiaAdminEmail), e.login(demo.VinnytsiaChildrenServiceEmail), e.login(demo.RegionalSupervisorEmail)

	add := `mutation($c: ID!, $o: ID!, $s: ID!, $n: Int) { createProviderService(input: {communityID: $c, organizationID: $o,
		serviceTypeID: $s, capacity: $n, areaServed: "Усі старостинські округи", contacts: "+380 43 000 00 00"}) { id } }`
	if r := e.do(admin, add, map[string]any{"c": f.Community, "o": fx[sameRegion].Organization, "s": early}); r.code() == "" {
		t.Error("a service of another community's organisation was put on the map")
	}
	if r := e.do(admin, add, map[string]any{"c": f.Community, "o": org, "s": early, "n": -1}); r.code() != server.CodeBadUserInput {
		t.Errorf("a negative capacity: %s, want BAD_USER_INPUT", r.code())
	}
	before := mapOf(e.do(ssd, mapQuery, map[string]any{"s": map[string]any{"communityID": f.Community}}), f.Community)
	if before == nil || present(before, "early_intervention") {
		t.Fatalf("before: %v", before)
	}
	if r := e.do(admin, add, map[string]any{"c": f.Community, "o": org, "s": early, "n": 12}); len(r.Errors) > 0 {
		t.Fatal(r)
	}

	// The fixture case's family needs early intervention (now offered) and day care (not).
	cf := e.client.CaseFile.Query().Where(casefile.ID(f.Case)).OnlyX(ctx)
	e.client.NeedsAssessment.Create().SetCommunityID(f.Community).SetCaseID(cf.ID).SetProviderID(org).
		SetKind(needsassessment.KindCOMPREHENSIVE).SetConductedAt(clock.Now().Add(time.Minute)).SetDomains([]schematype.DomainRating{}).
		SetStrengths("").SetConclusion("c").SetActNumber("M-1").SetActFiledAt(fixtureDay).SetDue(fixtureDay).SetOnTime(true).
		SetNeededServiceIds([]pulid.ID{early, dayCare}).SaveX(ctx)

	own := mapOf(e.do(ssd, mapQuery, map[string]any{"s": map[string]any{"communityID": f.Community}}), f.Community)
	if !present(own, "early_intervention") || present(own, "day_care") {
		t.Errorf("minimal package after the offer: %v", own["minimalPackage"])
	}
	unmet := own["unmetNeeds"].([]any)
	if len(unmet) != 1 || str(unmet[0].(map[string]any), "service") != "Денний догляд" || unmet[0].(map[string]any)["families"] != 1.0 {
		t.Errorf("unmet needs seen by the children's service: %v", unmet)
	}

	// The region sees its communities, and small counts as "<5".
	regionID := e.client.Community.GetX(ctx, f.Community).RegionID
	r := e.do(region, mapQuery, map[string]any{"s": map[string]any{"regionID": regionID}})
	ro := mapOf(r, f.Community)
	if ro == nil || mapOf(r, fx[sameRegion].Community) == nil || mapOf(r, fx[otherRegion].Community) != nil {
		t.Fatalf("the region's map: own=%v same=%v other=%v", ro != nil, mapOf(r, fx[sameRegion].Community) != nil, mapOf(r, fx[otherRegion].Community) != nil)
	}
	if u := ro["unmetNeeds"].([]any)[0].(map[string]any); u["display"] != "<5" || u["families"] != nil || u["suppressed"] != true {
		t.Errorf("an unmet need of one family, seen by the region: %v", u)
	}
	r = e.do(region, mapQuery, map[string]any{"s": map[string]any{"communityID": fx[otherRegion].Community}})
	if list, _ := r.Data["serviceMap"].([]any); len(list) != 0 {
		t.Errorf("the supervisor sees another region's map: %v", r)
	}
}
