// Package territory holds Ukraine's administrative territory as the KATOTTG
// codifier describes it (regions, raions, territorial communities) and loads
// it into the database. The data is embedded: see data/SOURCE.md for where it
// came from and what was left out.
package territory

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/community"
	"github.com/turbota/turbota/ent/district"
	"github.com/turbota/turbota/ent/region"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/tenant"
)

//go:embed data/katottg-regions.csv
var regionsCSV []byte

//go:embed data/katottg-communities.csv
var communitiesCSV []byte

// Codes of the units the loader treats specially.
const (
	// KyivCode is Kyiv city: a region with special status and, added by
	// hand, a community (the codifier has no community row for it).
	KyivCode = "UA80000000000093317"
	// KyivName is the name Kyiv is loaded with, as a region and as a community.
	KyivName = "Київ"
	// CrimeaCode is AR Crimea, left out with its raions and communities.
	CrimeaCode = "UA01000000000013043"
	// SevastopolCode is Sevastopol, left out.
	SevastopolCode = "UA85000000000065278"
)

// batchSize bounds one INSERT (each row binds fewer than 10 parameters).
const batchSize = 500

// Stats counts what the database holds after Load.
type Stats struct {
	Regions, Districts, Communities int
}

// Unit is one region or raion of the codifier as the loader uses it.
type Unit struct {
	Code, Name string
	// RegionCode is the oblast of a raion; empty for a region.
	RegionCode string
}

// RegionUnit is a region with its kind.
type RegionUnit struct {
	Unit
	Kind region.Kind
}

// CommunityUnit is a territorial community of the codifier.
type CommunityUnit struct {
	Code, Name   string
	Kind         community.Kind
	RegionCode   string
	DistrictCode string // empty for Kyiv
}

// Data is the parsed reference data, in file order.
type Data struct {
	Regions     []RegionUnit
	Districts   []Unit
	Communities []CommunityUnit
}

// Parse reads the embedded files and applies the rules of data/SOURCE.md:
// no Crimea, no Sevastopol, raions linked to their oblast through the
// communities file, Kyiv added as a community by hand.
func Parse() (*Data, error) {
	regRows, err := readCSV(regionsCSV, "code", "name_uk", "level")
	if err != nil {
		return nil, fmt.Errorf("territory: regions file: %w", err)
	}
	comRows, err := readCSV(communitiesCSV,
		"katottg_code", "name_uk", "category", "oblast_code", "oblast_name_uk", "raion_code", "raion_name_uk")
	if err != nil {
		return nil, fmt.Errorf("territory: communities file: %w", err)
	}

	d := &Data{}
	regionNames := map[string]string{}
	raionNames := map[string]string{}
	for _, r := range regRows {
		code, name, level := r[0], r[1], r[2]
		switch level {
		case "1":
			if code == CrimeaCode || code == SevastopolCode {
				continue
			}
			kind := region.KindOBLAST
			if code == KyivCode {
				kind, name = region.KindSPECIAL_CITY, KyivName
			}
			regionNames[code] = name
			d.Regions = append(d.Regions, RegionUnit{Unit: Unit{Code: code, Name: name}, Kind: kind})
		case "2":
			raionNames[code] = name
		default:
			return nil, fmt.Errorf("territory: region %s has unknown level %q", code, level)
		}
	}

	// The communities file is the authority on which raion is in which oblast.
	raionRegion := map[string]string{}
	for _, r := range comRows {
		code, name, category, oblast, raion := r[0], r[1], r[2], r[3], r[5]
		kind, ok := kinds[category]
		if !ok {
			return nil, fmt.Errorf("territory: community %s has unknown category %q", code, category)
		}
		if _, ok := regionNames[oblast]; !ok {
			return nil, fmt.Errorf("territory: community %s is in unknown oblast %s", code, oblast)
		}
		if _, ok := raionNames[raion]; !ok {
			return nil, fmt.Errorf("territory: community %s is in unknown raion %s", code, raion)
		}
		if prev, ok := raionRegion[raion]; ok {
			if prev != oblast {
				return nil, fmt.Errorf("territory: raion %s is in two oblasts (%s, %s)", raion, prev, oblast)
			}
		} else {
			// The code says it too: a raion's code starts with its oblast's
			// two digits (UA05020… is in UA05…).
			if len(raion) < 4 || len(oblast) < 4 || raion[:4] != oblast[:4] {
				return nil, fmt.Errorf("territory: raion %s is listed in oblast %s", raion, oblast)
			}
			raionRegion[raion] = oblast
			d.Districts = append(d.Districts, Unit{Code: raion, Name: raionNames[raion], RegionCode: oblast})
		}
		d.Communities = append(d.Communities, CommunityUnit{
			Code: code, Name: name, Kind: kind, RegionCode: oblast, DistrictCode: raion,
		})
	}
	d.Communities = append(d.Communities, CommunityUnit{
		Code: KyivCode, Name: KyivName, Kind: community.KindCITY, RegionCode: KyivCode,
	})
	slices.SortStableFunc(d.Districts, func(a, b Unit) int { return strings.Compare(a.Code, b.Code) })
	return d, nil
}

var kinds = map[string]community.Kind{
	"міська":   community.KindCITY,
	"селищна":  community.KindSETTLEMENT,
	"сільська": community.KindVILLAGE,
}

func readCSV(b []byte, header ...string) ([][]string, error) {
	r := csv.NewReader(bytes.NewReader(b))
	r.FieldsPerRecord = len(header)
	r.ReuseRecord = false
	first, err := r.Read()
	if err != nil {
		return nil, err
	}
	if !slices.Equal(first, header) {
		return nil, fmt.Errorf("unexpected header %v", first)
	}
	var rows [][]string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return rows, nil
		}
		if err != nil {
			return nil, err
		}
		rows = append(rows, rec)
	}
}

// Load writes the reference data into the database, in one transaction:
// units missing by KATOTTG code are created, units whose name changed are
// renamed, nothing is deleted. Running it again changes nothing.
func Load(ctx context.Context, client *ent.Client) (Stats, error) {
	d, err := Parse()
	if err != nil {
		return Stats{}, err
	}
	ctx = tenant.SystemContext(ctx)
	tx, err := client.Tx(ctx)
	if err != nil {
		return Stats{}, fmt.Errorf("territory: begin: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit
	st, err := load(ctx, tx.Client(), d)
	if err != nil {
		return Stats{}, err
	}
	if err := tx.Commit(); err != nil {
		return Stats{}, fmt.Errorf("territory: commit: %w", err)
	}
	return st, nil
}

type existing struct {
	ID   pulid.ID `json:"id"`
	Code string   `json:"katottg_code"`
	Name string   `json:"name"`
}

func index(rows []existing) map[string]existing {
	m := make(map[string]existing, len(rows))
	for _, r := range rows {
		m[r.Code] = r
	}
	return m
}

func load(ctx context.Context, c *ent.Client, d *Data) (Stats, error) {
	// Regions.
	var rows []existing
	if err := c.Region.Query().Select(region.FieldID, region.FieldKatottgCode, region.FieldName).Scan(ctx, &rows); err != nil {
		return Stats{}, fmt.Errorf("territory: read regions: %w", err)
	}
	regions := index(rows)
	var newRegions []*ent.RegionCreate
	for _, r := range d.Regions {
		if e, ok := regions[r.Code]; ok {
			if e.Name != r.Name {
				if err := c.Region.UpdateOneID(e.ID).SetName(r.Name).Exec(ctx); err != nil {
					return Stats{}, fmt.Errorf("territory: rename region %s: %w", r.Code, err)
				}
			}
			continue
		}
		newRegions = append(newRegions, c.Region.Create().SetKatottgCode(r.Code).SetName(r.Name).SetKind(r.Kind))
	}
	for b := range slices.Chunk(newRegions, batchSize) {
		created, err := c.Region.CreateBulk(b...).Save(ctx)
		if err != nil {
			return Stats{}, fmt.Errorf("territory: create regions: %w", err)
		}
		for _, r := range created {
			regions[r.KatottgCode] = existing{ID: r.ID, Code: r.KatottgCode, Name: r.Name}
		}
	}

	// Districts.
	rows = nil
	if err := c.District.Query().Select(district.FieldID, district.FieldKatottgCode, district.FieldName).Scan(ctx, &rows); err != nil {
		return Stats{}, fmt.Errorf("territory: read districts: %w", err)
	}
	districts := index(rows)
	var newDistricts []*ent.DistrictCreate
	for _, r := range d.Districts {
		if e, ok := districts[r.Code]; ok {
			if e.Name != r.Name {
				if err := c.District.UpdateOneID(e.ID).SetName(r.Name).Exec(ctx); err != nil {
					return Stats{}, fmt.Errorf("territory: rename district %s: %w", r.Code, err)
				}
			}
			continue
		}
		newDistricts = append(newDistricts, c.District.Create().
			SetKatottgCode(r.Code).SetName(r.Name).SetRegionID(regions[r.RegionCode].ID))
	}
	for b := range slices.Chunk(newDistricts, batchSize) {
		created, err := c.District.CreateBulk(b...).Save(ctx)
		if err != nil {
			return Stats{}, fmt.Errorf("territory: create districts: %w", err)
		}
		for _, r := range created {
			districts[r.KatottgCode] = existing{ID: r.ID, Code: r.KatottgCode, Name: r.Name}
		}
	}

	// Communities.
	rows = nil
	if err := c.Community.Query().Select(community.FieldID, community.FieldKatottgCode, community.FieldName).Scan(ctx, &rows); err != nil {
		return Stats{}, fmt.Errorf("territory: read communities: %w", err)
	}
	communities := index(rows)
	var newCommunities []*ent.CommunityCreate
	for _, r := range d.Communities {
		if e, ok := communities[r.Code]; ok {
			if e.Name != r.Name {
				if err := c.Community.UpdateOneID(e.ID).SetName(r.Name).Exec(ctx); err != nil {
					return Stats{}, fmt.Errorf("territory: rename community %s: %w", r.Code, err)
				}
			}
			continue
		}
		cc := c.Community.Create().SetKatottgCode(r.Code).SetName(r.Name).SetKind(r.Kind).
			SetRegionID(regions[r.RegionCode].ID)
		if r.DistrictCode != "" {
			cc.SetDistrictID(districts[r.DistrictCode].ID)
		}
		newCommunities = append(newCommunities, cc)
	}
	for b := range slices.Chunk(newCommunities, batchSize) {
		if err := c.Community.CreateBulk(b...).Exec(ctx); err != nil {
			return Stats{}, fmt.Errorf("territory: create communities: %w", err)
		}
	}

	var st Stats
	var err error
	if st.Regions, err = c.Region.Query().Count(ctx); err != nil {
		return Stats{}, fmt.Errorf("territory: count regions: %w", err)
	}
	if st.Districts, err = c.District.Query().Count(ctx); err != nil {
		return Stats{}, fmt.Errorf("territory: count districts: %w", err)
	}
	if st.Communities, err = c.Community.Query().Count(ctx); err != nil {
		return Stats{}, fmt.Errorf("territory: count communities: %w", err)
	}
	return st, nil
}

// RegionDisplayName is how the UI names a region: an oblast with its generic
// noun ("Вінницька область"), Kyiv as it is.
func RegionDisplayName(name string, kind region.Kind) string {
	if kind == region.KindOBLAST {
		return name + " область"
	}
	return name
}
