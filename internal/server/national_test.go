package server_test

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/turbota/turbota/ent/community"
	"github.com/turbota/turbota/ent/membership"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/auth"
	"github.com/turbota/turbota/internal/auth/secret"
	"github.com/turbota/turbota/internal/demo"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/server"
	"github.com/turbota/turbota/internal/synthetic"
	"github.com/turbota/turbota/tenant"
)

// The regional dashboard compares the region's communities.
const regionIndicators = `query($s: IndicatorScope, $y: Int!) { indicators(scope: $s, period: {kind: YEAR, year: $y}) {
	total { key part display } communities { community { name } cells { key part display suppressed } } } }`

// The national view compares the regions.
const nationalIndicators = `query($y: Int!) { indicators(period: {kind: YEAR, year: $y}) {
	total { key part display } groups(by: REGION) { name cells { key part display suppressed } } } }`

// BenchmarkNationalIndicators fills every community of the country with
// synthetic cases (BENCH_NATIONAL_CASES a community, default 137: about
// 200,000 cases and 1,000,000 people) and times the regional dashboard of
// the largest region and the national view over HTTP.
func BenchmarkNationalIndicators(b *testing.B) {
	e := newEnv(b, server.Config{})
	ctx := tenant.SystemContext(context.Background())
	all, err := e.client.Community.Query().IDs(ctx)
	if err != nil {
		b.Fatal(err)
	}
	start := clock.Now()
	perCommunity := envInt("BENCH_NATIONAL_CASES", 137)
	programmes, err := synthetic.Programmes(ctx, e.db, all, perCommunity)
	if err != nil {
		b.Fatal(err)
	}
	st, err := synthetic.Fill(ctx, e.db, all, perCommunity, synthetic.Setting{Programmes: programmes})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := e.db.Exec(`ANALYZE`); err != nil {
		b.Fatal(err)
	}
	fmt.Fprintf(os.Stderr, "national data: %d communities, %d cases, %d persons in %s\n", len(all), st.Cases, st.Persons, clock.Since(start).Round(time.Second))
	largest, regionName := largestRegion(b, e)
	supervisor := regionalSupervisor(b, e, largest)
	analyst := e.login(demo.NationalAnalystEmail)
	year := clock.Now().Year()
	b.Run("region", func(b *testing.B) {
		vars := map[string]any{"s": map[string]any{"regionID": largest}, "y": year}
		benchQuery(b, e, supervisor, regionIndicators, vars, "regional dashboard of "+regionName, 200*time.Millisecond)
	})
	b.Run("national", func(b *testing.B) {
		benchQuery(b, e, analyst, nationalIndicators, map[string]any{"y": year}, "national view", time.Second)
	})
}

// largestRegion is the region with the most communities.
func largestRegion(b *testing.B, e *env) (pulid.ID, string) {
	var id pulid.ID
	var name string
	if err := e.db.QueryRow(`SELECT r.id, r.name FROM regions r JOIN communities c ON c.region_id = r.id
		GROUP BY r.id, r.name ORDER BY count(*) DESC LIMIT 1`).Scan(&id, &name); err != nil {
		b.Fatal(err)
	}
	n, _ := e.client.Community.Query().Where(community.RegionID(id)).Count(tenant.SystemContext(context.Background()))
	return id, fmt.Sprintf("%s (%d communities)", name, n)
}

// regionalSupervisor signs in a supervisor of the region.
func regionalSupervisor(b *testing.B, e *env, region pulid.ID) string {
	ctx := tenant.SystemContext(context.Background())
	// The demo password is refused to new accounts; the bench signs its
	// supervisor in with it as the demo's accounts are, from a hash.
	hash, err := secret.HashPassword(demo.DefaultPassword)
	if err != nil {
		b.Fatal(err)
	}
	u, err := auth.CreateUserWithHash(ctx, e.client, "bench-region@turbota.test", "Bench supervisor", hash)
	if err != nil {
		b.Fatal(err)
	}
	if err := e.client.Membership.Create().SetUserID(u.ID).SetRole(membership.RoleREGIONAL_SUPERVISOR).SetRegionID(region).Exec(ctx); err != nil {
		b.Fatal(err)
	}
	if err := e.authz.Reload(ctx); err != nil {
		b.Fatal(err)
	}
	return e.login("bench-region@turbota.test")
}

// benchQuery times one query and prints p50 and p99 next to the target.
func benchQuery(b *testing.B, e *env, token, query string, vars map[string]any, what string, target time.Duration) {
	if r := e.do(token, query, vars); len(r.Errors) > 0 { // warm the caches once, untimed
		b.Fatal(r.Errors)
	}
	var lat []time.Duration
	for b.Loop() {
		t0 := clock.Now()
		if r := e.do(token, query, vars); len(r.Errors) > 0 {
			b.Fatal(r.Errors)
		}
		lat = append(lat, clock.Since(t0))
	}
	p50, p99 := percentiles(lat)
	b.ReportMetric(float64(p50.Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(p99.Microseconds())/1000, "p99-ms")
	verdict := "within"
	if p99 > target {
		verdict = "OVER"
	}
	fmt.Fprintf(os.Stderr, "%s: p50 %s, p99 %s over %d requests (%s the %s target)\n", what,
		p50.Round(time.Millisecond), p99.Round(time.Millisecond), len(lat), verdict, target)
}
