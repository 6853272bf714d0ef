package server_test

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/xuri/excelize/v2"

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

// xlsxRows downloads an export as XLSX and reads its only sheet.
func xlsxRows(t *testing.T, e *env, token, file string, q url.Values) [][]string {
	t.Helper()
	status, body := e.get(token, "/exports/"+file+".xlsx?"+q.Encode())
	if status != 200 {
		t.Fatalf("%s: %d %s", file, status, body)
	}
	f, err := excelize.OpenReader(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows(f.GetSheetName(0))
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// Every table of the oversight screens downloads, scoped and suppressed as
// on screen, and each download is in the log of the communities it covers.
func TestEveryTableExports(t *testing.T) {
	e := newEnv(t, server.Config{})
	f := fx[own]
	ctx := tenant.SystemContext(context.Background())
	dayCare := e.client.ServiceType.Query().Where(servicetype.NameUk("Денний догляд")).OnlyIDX(ctx)
	org := e.client.Organization.Query().Where(organization.CommunityID(f.Community), organization.NameHasPrefix("Fixture org")).OnlyIDX(ctx)
	e.client.NeedsAssessment.Create().SetCommunityID(f.Community).SetCaseID(f.Case).SetProviderID(org).
		SetKind(needsassessment.KindCOMPREHENSIVE).SetConductedAt(clock.Now()).SetDomains([]schematype.DomainRating{}).
		SetStrengths("").SetConclusion("c").SetActNumber("E-1").SetActFiledAt(fixtureDay).SetDue(fixtureDay).SetOnTime(true).
		SetNeededServiceIds([]pulid.ID{dayCare}).SaveX(ctx)
	region := e.login(demo.RegionalSupervisorEmail)
	scope := url.Values{"regionID": {string(f.Region)}, "lang": {"en"}, "period": {"year"}, "year": {"2026"}, "key": {"reports_received"}}

	for file, header := range map[string]string{"trend": "Period from", "servicemap": "Community", "minimalpackage": "Community", "unmetneeds": "Community"} {
		rows := xlsxRows(t, e, region, file, scope)
		if len(rows) < 2 || rows[0][0] != header {
			t.Errorf("%s: %v", file, rows)
		}
	}
	var unmet []string
	for _, r := range xlsxRows(t, e, region, "unmetneeds", scope) {
		if len(r) == 4 && r[1] == "Day care" && r[0] != "" {
			unmet = r
		}
	}
	if len(unmet) != 4 || unmet[3] != "<5" {
		t.Errorf("an unmet need of one family, for the region: %v, want <5", unmet)
	}
	if rows := xlsxRows(t, e, region, "cases", url.Values{"communityID": {string(f.Community)}}); len(rows) < 2 || rows[0][0] != "Посилання" {
		t.Errorf("the de-identified cases: %d rows, header %v", len(rows), rows[0])
	}
	if status, _ := e.get(region, "/exports/cases.xlsx?communityID="+string(fx[otherRegion].Community)); status != http.StatusForbidden {
		t.Errorf("another region's cases exported: status %d", status)
	}
	var logged, elsewhere int
	if err := e.db.QueryRow(`SELECT count(*) FILTER (WHERE community_id = $1), count(*) FILTER (WHERE community_id = $2)
		FROM audit_events WHERE action = 'EXPORT'`, f.Community, fx[otherRegion].Community).Scan(&logged, &elsewhere); err != nil || logged != 6 || elsewhere != 0 {
		t.Errorf("exports in the logs: %d here, %d in the other region (%v), want 6 and 0", logged, elsewhere, err)
	}
	for _, bad := range []string{"/exports/trend.csv?period=year&year=2026&key=nothing", "/exports/cases.csv", "/exports/secrets.csv"} {
		if status, _ := e.get(region, bad); status != 400 && status != 404 {
			t.Errorf("%s: %d", bad, status)
		}
	}
}
