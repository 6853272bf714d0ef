package server_test

import (
	"testing"
	"time"

	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/demo"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/platform/clock/clocktest"
	"github.com/turbota/turbota/internal/procedure"
	"github.com/turbota/turbota/internal/server"
)

const (
	createProgramme = `mutation($c: ID!, $n: Int!, $s: Date!, $e: Date) { createVoucherProgramme(input: {communityID: $c,
		name: "Сертифікат на денний догляд", valueUah: 4200, vouchers: $n, eligibility: "Сім'ї з дітьми з інвалідністю",
		startsOn: $s, endsOn: $e}) { id issuedCount remaining } }`
	issue = `mutation($p: ID!, $f: ID!, $at: Time!) { issueVoucher(input: {programmeID: $p, familyID: $f, issuedAt: $at}) {
		id number status programme { issuedCount remaining } } }`
	newFamily = `mutation($c: ID!, $n: String!) { createFamily(input: {communityID: $c, name: $n}) { id } }`
)

// vouchersIssued is the community's "vouchers issued" figure for the month of at.
func vouchersIssued(t *testing.T, e *env, token string, community pulid.ID, at time.Time) float64 {
	t.Helper()
	r := e.do(token, `query($c: ID!, $y: Int!, $m: Int!) { indicators(scope: {communityID: $c}, period: {kind: MONTH, year: $y, number: $m}) {
		communities { cells { key value } } } }`, map[string]any{"c": community, "y": at.Year(), "m": int(at.Month())})
	if len(r.Errors) > 0 {
		t.Fatal(r)
	}
	for _, c := range r.Data["indicators"].(map[string]any)["communities"].([]any) {
		for _, cell := range c.(map[string]any)["cells"].([]any) {
			if m := cell.(map[string]any); m["key"] == "vouchers_issued" {
				v, _ := m["value"].(float64)
				return v
			}
		}
	}
	return 0
}

// A programme's budget caps its vouchers, a family holds one at a time, a
// cancelled voucher frees its place, and the indicator counts what was issued.
func TestVouchersWithinBudget(t *testing.T) {
	e := newEnv(t, server.Config{})
	f := fx[own]
	ssd := e.login(demo.VinnytsiaSocialProtectionEmail)
	at := clock.Now().Add(-2 * time.Hour).UTC().Truncate(time.Second)
	start := at.AddDate(-1, 0, 0)
	before := vouchersIssued(t, e, ssd, f.Community, at)

	if r := e.do(ssd, createProgramme, map[string]any{"c": f.Community, "n": 2, "s": dayOf(start), "e": dayOf(start.AddDate(0, 0, -1))}); r.code() != server.CodeBadUserInput {
		t.Errorf("a programme ending before it starts: %s, want BAD_USER_INPUT", r.code())
	}
	r := e.do(ssd, createProgramme, map[string]any{"c": f.Community, "n": 2, "s": dayOf(start)})
	if len(r.Errors) > 0 {
		t.Fatal(r)
	}
	prog := str(r.Data, "createVoucherProgramme", "id")
	families := []string{string(f.Family)}
	for _, name := range []string{"Сім'я Воучер-2", "Сім'я Воучер-3"} {
		families = append(families, str(e.do(ssd, newFamily, map[string]any{"c": f.Community, "n": name}).Data, "createFamily", "id"))
	}

	first := e.do(ssd, issue, map[string]any{"p": prog, "f": families[0], "at": at})
	if len(first.Errors) > 0 || str(first.Data, "issueVoucher", "number") != "001" {
		t.Fatalf("first voucher: %v", first)
	}
	refusals := []struct {
		name       string
		vars       map[string]any
		code, rule string
	}{
		{"the same family again", map[string]any{"p": prog, "f": families[0], "at": at}, server.CodeConflict, "ALREADY_ISSUED"},
		{"in the future", map[string]any{"p": prog, "f": families[1], "at": clock.Now().Add(48 * time.Hour)}, server.CodeBadUserInput, ""},
		{"before the programme", map[string]any{"p": prog, "f": families[1], "at": start.AddDate(0, 0, -1)}, server.CodeBadUserInput, ""},
		{"a family of another community", map[string]any{"p": prog, "f": fx[sameRegion].Family, "at": at}, server.CodeBadUserInput, ""},
	}
	for _, tc := range refusals {
		r := e.do(ssd, issue, tc.vars)
		if r.code() != tc.code || (tc.rule != "" && r.Errors[0].Extensions["rule"] != tc.rule) {
			t.Errorf("%s: %v, want %s %s", tc.name, r, tc.code, tc.rule)
		}
	}
	if r := e.do(ssd, issue, map[string]any{"p": prog, "f": families[1], "at": at}); str(r.Data, "issueVoucher", "number") != "002" ||
		r.Data["issueVoucher"].(map[string]any)["programme"].(map[string]any)["remaining"] != float64(0) {
		t.Fatalf("second voucher: %v", r)
	}
	r = e.do(ssd, issue, map[string]any{"p": prog, "f": families[2], "at": at})
	if r.code() != server.CodeConflict || r.Errors[0].Extensions["rule"] != "BUDGET_SPENT" {
		t.Errorf("over the budget: %v, want CONFLICT BUDGET_SPENT", r)
	}
	if r := e.do(ssd, `mutation($id: ID!) { updateVoucherProgramme(id: $id, input: {vouchers: 1}) { id } }`, map[string]any{"id": prog}); r.code() != server.CodeBadUserInput {
		t.Errorf("a budget below the issued: %s, want BAD_USER_INPUT", r.code())
	}

	// Cancelling needs a reason, and frees the place in the budget.
	cancel := `mutation($id: ID!, $r: String!) { cancelVoucher(id: $id, reason: $r) { status cancelReason } }`
	firstID := str(first.Data, "issueVoucher", "id")
	if r := e.do(ssd, cancel, map[string]any{"id": firstID, "r": "  "}); r.code() != server.CodeBadUserInput {
		t.Errorf("cancelled without a reason: %s", r.code())
	}
	if r := e.do(ssd, cancel, map[string]any{"id": firstID, "r": "Сім'я переїхала до іншої громади"}); str(r.Data, "cancelVoucher", "status") != "CANCELLED" {
		t.Fatalf("cancel: %v", r)
	}
	third := e.do(ssd, issue, map[string]any{"p": prog, "f": families[2], "at": at})
	if len(third.Errors) > 0 || str(third.Data, "issueVoucher", "number") != "003" {
		t.Fatalf("third voucher after a cancellation: %v", third)
	}
	if got := vouchersIssued(t, e, ssd, f.Community, at); got != before+2 {
		t.Errorf("vouchers issued: %v, want %v (two live of three issued)", got, before+2)
	}
	if r := e.do(ssd, cancel, map[string]any{"id": firstID, "r": "again"}); r.code() != server.CodeConflict {
		t.Errorf("a cancelled voucher cancelled again: %s, want CONFLICT", r.code())
	}
}

// A voucher is redeemed with a provider of its community, once, after it
// was issued; a provider that may not see the family cannot touch it.
func TestVoucherRedeemed(t *testing.T) {
	e := newEnv(t, server.Config{})
	f := fx[own]
	ssd, provider := e.login(demo.VinnytsiaSocialProtectionEmail), e.login(demo.VinnytsiaProviderManagerEmail)
	redeem := `mutation($id: ID!, $o: ID!, $at: Time!) { redeemVoucher(id: $id, providerID: $o, redeemedAt: $at) { status redeemedAt provider { id } } }`
	at := clock.Now().Add(-time.Hour).UTC().Truncate(time.Second)

	if r := e.do(provider, redeem, map[string]any{"id": f.Voucher, "o": f.Organization, "at": at}); r.code() == "" {
		t.Error("a provider redeemed a voucher of a family it may not see")
	}
	cases := []struct {
		name string
		vars map[string]any
	}{
		// Days: the day before the issue, the day after tomorrow.
		{"before it was issued", map[string]any{"id": f.Voucher, "o": f.Organization, "at": fixtureDay.Add(-48 * time.Hour)}},
		{"in the future", map[string]any{"id": f.Voucher, "o": f.Organization, "at": clock.Now().Add(48 * time.Hour)}},
		{"with another community's provider", map[string]any{"id": f.Voucher, "o": fx[sameRegion].Organization, "at": at}},
	}
	for _, tc := range cases {
		if r := e.do(ssd, redeem, tc.vars); r.code() != server.CodeBadUserInput {
			t.Errorf("redeemed %s: %v, want BAD_USER_INPUT", tc.name, r)
		}
	}
	r := e.do(ssd, redeem, map[string]any{"id": f.Voucher, "o": f.Organization, "at": at})
	if str(r.Data, "redeemVoucher", "status") != "REDEEMED" || str(r.Data, "redeemVoucher", "provider", "id") != string(f.Organization) {
		t.Fatalf("redeem: %v", r)
	}
	if r := e.do(ssd, redeem, map[string]any{"id": f.Voucher, "o": f.Organization, "at": at}); r.code() != server.CodeConflict {
		t.Errorf("redeemed twice: %s, want CONFLICT", r.code())
	}
}

// A programme starting today issues vouchers dated today from the first
// minute of the day in Kyiv. The app sends both days as their midnight UTC;
// at 00:30 Kyiv that midnight is still ahead in UTC, and read as instants
// every voucher between midnight and 02:00 or 03:00 was refused.
func TestProgrammeRunsFromItsFirstDayInKyiv(t *testing.T) {
	e := newEnv(t, server.Config{})
	kyiv := procedure.Kyiv()
	today := clock.Now().In(kyiv)
	clocktest.RunFrom(t, time.Date(today.Year(), today.Month(), today.Day(), 0, 30, 0, 0, kyiv))
	uszn := e.login(demo.VinnytsiaSocialProtectionEmail)
	day := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
	r := e.do(uszn, createProgramme, map[string]any{"c": fx[own].Community, "n": 1, "s": dayOf(day), "e": dayOf(day)})
	if len(r.Errors) > 0 {
		t.Fatal(r)
	}
	prog := str(r.Data, "createVoucherProgramme", "id")
	if r := e.do(uszn, issue, map[string]any{"p": prog, "f": fx[own].Family, "at": day}); len(r.Errors) > 0 {
		t.Errorf("issued at 00:30 Kyiv on the programme's only day: %v", r.Errors)
	}
}
