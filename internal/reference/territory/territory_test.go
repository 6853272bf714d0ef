package territory_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/turbota/turbota/ent/community"
	"github.com/turbota/turbota/ent/region"
	"github.com/turbota/turbota/internal/platform/testdb"
	"github.com/turbota/turbota/internal/reference/territory"
	"github.com/turbota/turbota/internal/reference/territory/territorytest"
	"github.com/turbota/turbota/tenant"
)

func TestMain(m *testing.M) { os.Exit(testdb.Main(m, territorytest.CreateSchema)) }

const (
	wantRegions     = 25   // 24 oblasts + Kyiv
	wantDistricts   = 126  // 136 raions less Crimea's 10
	wantCommunities = 1470 // 1469 + Kyiv
)

func TestParse(t *testing.T) {
	d, err := territory.Parse()
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Regions) != wantRegions || len(d.Districts) != wantDistricts || len(d.Communities) != wantCommunities {
		t.Fatalf("parsed %d regions, %d districts, %d communities; want %d, %d, %d",
			len(d.Regions), len(d.Districts), len(d.Communities), wantRegions, wantDistricts, wantCommunities)
	}
	kinds := map[community.Kind]int{}
	for _, c := range d.Communities {
		kinds[c.Kind]++
		if c.RegionCode == territory.CrimeaCode || c.RegionCode == territory.SevastopolCode {
			t.Errorf("community %s is in an excluded region", c.Code)
		}
	}
	// SOURCE.md: сільська 611, селищна 447, міська 411, plus Kyiv.
	if kinds[community.KindVILLAGE] != 611 || kinds[community.KindSETTLEMENT] != 447 || kinds[community.KindCITY] != 412 {
		t.Errorf("kinds = %v", kinds)
	}
	special := 0
	for _, r := range d.Regions {
		if r.Kind == region.KindSPECIAL_CITY {
			special++
			if r.Code != territory.KyivCode || r.Name != "Київ" {
				t.Errorf("special city %+v", r)
			}
		}
	}
	if special != 1 {
		t.Errorf("%d special cities, want 1 (Kyiv)", special)
	}
}

func TestLoad(t *testing.T) {
	ctx := context.Background()
	client := territorytest.Open(t, testdb.New(t))

	start := time.Now()
	st, err := territory.Load(ctx, client)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("first load: %v, %+v", time.Since(start), st)
	want := territory.Stats{Regions: wantRegions, Districts: wantDistricts, Communities: wantCommunities}
	if st != want {
		t.Fatalf("stats = %+v, want %+v", st, want)
	}

	sys := tenant.SystemContext(ctx)
	vin, err := client.Community.Query().Where(community.KatottgCode("UA05020030000031457")).
		WithRegion().WithDistrict().Only(sys)
	if err != nil {
		t.Fatal(err)
	}
	if vin.Name != "Вінницька" || vin.Kind != community.KindCITY ||
		vin.Edges.Region.Name != "Вінницька" || vin.Edges.Region.Kind != region.KindOBLAST ||
		vin.Edges.District == nil || vin.Edges.District.Name != "Вінницький" {
		t.Errorf("Vinnytsia community = %+v, region %+v, district %+v", vin, vin.Edges.Region, vin.Edges.District)
	}
	if vin.Edges.District != nil && vin.Edges.District.RegionID != vin.RegionID {
		t.Errorf("Vinnytsia's district is in another region")
	}

	kyiv, err := client.Community.Query().Where(community.KatottgCode(territory.KyivCode)).WithRegion().Only(sys)
	if err != nil {
		t.Fatal(err)
	}
	if kyiv.Name != "Київ" || kyiv.Kind != community.KindCITY || kyiv.DistrictID != nil ||
		kyiv.Edges.Region.Kind != region.KindSPECIAL_CITY || kyiv.Edges.Region.KatottgCode != territory.KyivCode {
		t.Errorf("Kyiv = %+v, region %+v", kyiv, kyiv.Edges.Region)
	}
	if n, err := client.Region.Query().Where(region.KatottgCodeIn(territory.CrimeaCode, territory.SevastopolCode)).Count(sys); err != nil || n != 0 {
		t.Errorf("excluded regions loaded: %d, %v", n, err)
	}

	// Every community sits in a district of its own region (Kyiv excepted).
	var mismatched int
	all, err := client.Community.Query().WithDistrict().All(sys)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range all {
		if c.Edges.District != nil && c.Edges.District.RegionID != c.RegionID {
			mismatched++
		}
	}
	if mismatched != 0 {
		t.Errorf("%d communities in a district of another region", mismatched)
	}

	// A second load changes nothing; a name changed by hand is restored.
	if _, err := client.Community.UpdateOneID(vin.ID).SetName("Перейменована").Save(sys); err != nil {
		t.Fatal(err)
	}
	start = time.Now()
	st, err = territory.Load(ctx, client)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("second load: %v, %+v", time.Since(start), st)
	if st != want {
		t.Fatalf("stats after second load = %+v, want %+v", st, want)
	}
	again, err := client.Community.Query().Where(community.KatottgCode("UA05020030000031457")).Only(sys)
	if err != nil {
		t.Fatal(err)
	}
	if again.ID != vin.ID || again.Name != "Вінницька" {
		t.Errorf("after reload: id %s (was %s), name %q", again.ID, vin.ID, again.Name)
	}
}

func TestRegionDisplayName(t *testing.T) {
	if got := territory.RegionDisplayName("Вінницька", region.KindOBLAST); got != "Вінницька область" {
		t.Errorf("oblast: %q", got)
	}
	if got := territory.RegionDisplayName("Київ", region.KindSPECIAL_CITY); got != "Київ" {
		t.Errorf("Kyiv: %q", got)
	}
}
