// Package servicemap is the map of social services (мапування): which
// services of the classifier the organisations of each community offer,
// and which services of UNICEF's minimal package of integrated social
// services for families with children a community still lacks.
package servicemap

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/lib/pq"

	"github.com/turbota/turbota/authz"
	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/organization"
	"github.com/turbota/turbota/ent/providerservice"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/auth"
	"github.com/turbota/turbota/internal/oversight/indicators"
	"github.com/turbota/turbota/internal/procedure"
)

// PackageItem is one service of the minimal package, found in a community
// when one of its organisations offers the classifier service named here.
type PackageItem struct {
	Key     string
	Name    procedure.Label
	Service string // the classifier's Ukrainian name of the service that covers it
}

// MinimalPackage lists the minimal package's services (DOMAIN.md, "Around
// the cases"). Support during inclusive education names a service the
// built-in classifier does not list; it is found once the official table,
// imported, offers it under that name.
var MinimalPackage = []PackageItem{
	{"counselling", l("Консультування, розвиток стійкості", "Counselling and resilience building"), "Консультування"},
	{"accompaniment_orphans", l("Соціальний супровід сімей, які виховують дітей-сиріт і дітей, позбавлених батьківського піклування",
		"Social accompaniment of families raising orphans or children deprived of parental care"),
		"Соціальний супровід сімей, у яких виховуються діти-сироти і діти, позбавлені батьківського піклування"},
	{"early_intervention", l("Раннє втручання", "Early intervention"), "Раннє втручання"},
	{"inclusive_education", l("Супровід під час інклюзивного навчання", "Support during inclusive education"), "Супровід під час інклюзивного навчання"},
	{"day_care", l("Денний догляд дітей", "Day care for children"), "Денний догляд"},
	{"accompaniment_sjo", l("Соціальний супровід сімей у СЖО", "Social accompaniment of families in difficult life circumstances"),
		"Соціальний супровід сімей (осіб) у складних життєвих обставинах"},
	{"crisis", l("Кризове та екстрене втручання", "Crisis and emergency intervention"), "Кризове та екстрене втручання"},
	{"integration", l("Соціальна інтеграція дітей і молоді з досвідом альтернативного догляду",
		"Social integration of children and young people with experience of alternative care"), "Соціальна інтеграція та реінтеграція"},
}

func l(uk, en string) procedure.Label { return procedure.Label{UK: uk, EN: en} }

// Offer is one service on the map.
type Offer struct {
	Organization, Service string
	// ServiceName is the service's name in both languages.
	ServiceName          procedure.Label
	Code                 *string
	Capacity             *int
	AreaServed, Contacts string
}

// Community is a community's part of the map.
type Community struct {
	Community *ent.Community
	Offers    []Offer
	// Present says, for each minimal-package item's key, whether the
	// community offers it.
	Present map[string]bool
	// UnmetNeeds are the services its needs assessments found that none of
	// its organisations offers.
	UnmetNeeds []UnmetNeed
}

// UnmetNeed is a service families need that the community lacks.
type UnmetNeed struct {
	Service     string
	ServiceName procedure.Label
	Code        *string
	// Families, as the viewer may see the count (suppressed without record access).
	Families   *int
	Display    string
	Suppressed bool
}

const offersSQL = `SELECT ps.community_id, o.name, st.name_uk, st.name_en, st.code, ps.capacity, coalesce(ps.area_served, ''), coalesce(ps.contacts, '')
  FROM provider_services ps JOIN organizations o ON o.id = ps.organization_id JOIN service_types st ON st.id = ps.service_type_id
 WHERE ps.active AND ps.community_id = ANY($1) ORDER BY o.name, st.name_uk`

// unmetSQL: per community, the services named by the latest needs
// assessment of each family with an open case, that no active offer there
// covers, with how many families need each.
const unmetSQL = `WITH latest AS (
  SELECT DISTINCT ON (coalesce(c.family_id, c.id)) c.community_id, coalesce(c.family_id, c.id) AS family, n.needed_service_ids
    FROM needs_assessments n JOIN case_files c ON c.id = n.case_id
   WHERE n.community_id = ANY($1) AND c.status <> 'CLOSED'
   ORDER BY coalesce(c.family_id, c.id), n.conducted_at DESC)
SELECT l.community_id, st.name_uk, st.name_en, st.code, count(DISTINCT l.family)
  FROM latest l CROSS JOIN LATERAL jsonb_array_elements_text(coalesce(l.needed_service_ids, '[]')) need(id)
  JOIN service_types st ON st.id = need.id
 WHERE NOT EXISTS (SELECT 1 FROM provider_services ps
                    WHERE ps.community_id = l.community_id AND ps.service_type_id = st.id AND ps.active)
 GROUP BY 1, 2, 3, 4`

// Map is the service map of a scope for the viewer of ctx: the communities
// whose indicators they may see, read on the server's pool (db) as the
// indicators are. Counts of unmet needs are suppressed as indicators are.
func Map(ctx context.Context, c *ent.Client, db *sql.DB, s indicators.Scope) ([]Community, error) {
	a, err := indicators.AudienceOf(ctx, c, s)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(a.Communities))
	byID := map[pulid.ID]*Community{}
	out := make([]Community, len(a.Communities))
	for i, cm := range a.Communities {
		ids[i] = string(cm.ID)
		out[i] = Community{Community: cm, Present: map[string]bool{}}
		byID[cm.ID] = &out[i]
	}
	if err := loadOffers(ctx, db, ids, byID); err != nil {
		return nil, err
	}
	return out, loadUnmet(ctx, db, ids, byID, a.RecordAccess)
}

func loadOffers(ctx context.Context, db *sql.DB, ids []string, byID map[pulid.ID]*Community) error {
	rows, err := db.QueryContext(ctx, offersSQL, pq.Array(ids))
	if err != nil {
		return fmt.Errorf("service map: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			cm pulid.ID
			o  Offer
		)
		if err := rows.Scan(&cm, &o.Organization, &o.Service, &o.ServiceName.EN, &o.Code, &o.Capacity, &o.AreaServed, &o.Contacts); err != nil {
			return err
		}
		o.ServiceName.UK = o.Service
		entry := byID[cm]
		entry.Offers = append(entry.Offers, o)
		for _, it := range MinimalPackage {
			if it.Service == o.Service {
				entry.Present[it.Key] = true
			}
		}
	}
	return rows.Err()
}

func loadUnmet(ctx context.Context, db *sql.DB, ids []string, byID map[pulid.ID]*Community, records map[pulid.ID]bool) error {
	rows, err := db.QueryContext(ctx, unmetSQL, pq.Array(ids))
	if err != nil {
		return fmt.Errorf("unmet needs: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			cm pulid.ID
			u  UnmetNeed
			n  int
		)
		if err := rows.Scan(&cm, &u.Service, &u.ServiceName.EN, &u.Code, &n); err != nil {
			return err
		}
		u.ServiceName.UK = u.Service
		cell := indicators.Suppress(float64(n), n, false, records[cm])
		u.Display, u.Suppressed = cell.Display, cell.Suppressed
		if !cell.Suppressed {
			u.Families = &n
		}
		byID[cm].UnmetNeeds = append(byID[cm].UnmetNeeds, u)
	}
	for _, c := range byID {
		rank(c.UnmetNeeds)
	}
	return rows.Err()
}

// rank orders a community's unmet needs: shown counts largest first, then
// the hidden ones by name, so that the order says nothing of a hidden count
// (ordered by count, two hidden needs would say which is the larger).
func rank(needs []UnmetNeed) {
	slices.SortStableFunc(needs, func(a, b UnmetNeed) int {
		switch {
		case a.Suppressed != b.Suppressed:
			if a.Suppressed {
				return 1
			}
			return -1
		case !a.Suppressed && *a.Families != *b.Families:
			return *b.Families - *a.Families
		}
		return strings.Compare(a.Service, b.Service)
	})
}

// Add puts a service of an organisation on the map: the organisation is
// one of the row's community, the service one of the classifier.
func Add(ctx context.Context, c *ent.Client, in ent.CreateProviderServiceInput) (*ent.ProviderService, error) {
	// Who may put a service on the map is the row's policy, asked first so
	// that a role without the right hears so rather than what is wrong
	// with the organisation named.
	ask := c.ProviderService.Create().SetCommunityID(in.CommunityID)
	if err := authz.Ask(ctx, providerservice.Policy, ask.Mutation()); err != nil {
		return nil, err
	}
	ok, err := c.Organization.Query().Where(organization.ID(in.OrganizationID), organization.CommunityID(in.CommunityID)).Exist(ctx)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, &auth.InputError{Field: "organizationID", Err: errors.New("not an organisation of this community")}
	}
	create := c.ProviderService.Create().SetInput(in)
	return create.Save(ctx)
}
