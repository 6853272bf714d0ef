package demo

import (
	"context"
	"fmt"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/community"
	"github.com/turbota/turbota/ent/organization"
	"github.com/turbota/turbota/ent/providerservice"
	"github.com/turbota/turbota/ent/region"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/ent/servicetype"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/tenant"
)

// RegionCommunities is how many more communities of the demo region get
// invented casework, so that the regional supervisor has a region to
// compare.
const RegionCommunities = 11

// centreName names a community's public centre of social services.
func centreName(cm *ent.Community) string {
	return "Центр надання соціальних послуг: " + cm.Name
}

// mapped are the classifier services (by Ukrainian name) the demo's
// centres may offer: the minimal package's and a few more.
var mapped = []string{"Консультування", "Соціальний супровід сімей (осіб) у складних життєвих обставинах",
	"Кризове та екстрене втручання", "Денний догляд", "Раннє втручання", "Соціальна інтеграція та реінтеграція",
	"Соціальний супровід сімей, у яких виховуються діти-сироти і діти, позбавлені батьківського піклування",
	"Соціальна профілактика", "Представництво інтересів"}

// LoadRegion gives the demo region its shape: communities of Вінницька
// область with a public centre, services on the map (each lacking some of
// the minimal package), a voucher programme and between 8 and 16 invented
// cases each, worked through the workflow by an invented staff
// (invented.go), and the demo community's own centre on the map and its
// vouchers. Run after Load, in one transaction; a second run changes
// nothing.
func LoadRegion(ctx context.Context, client *ent.Client) error {
	base := staffBase(ctx)
	ctx = tenant.SystemContext(ctx)
	tx, err := client.Tx(ctx)
	if err != nil {
		return fmt.Errorf("demo region: begin: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit
	l := &loader{c: tx.Client(), now: clock.Now(), base: base, crews: map[string]crew{}}
	if err := l.region(ctx); err != nil {
		return err
	}
	if err := l.flushReads(); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("demo region: commit: %w", err)
	}
	return nil
}

// regionWork is a region community new to the demo, whose cases are to
// be worked once every new community's staff exist.
type regionWork struct {
	cm        *ent.Community
	spec      communitySpec
	orgs      map[organization.Kind]pulid.ID
	cases     int
	programme pulid.ID
}

func (l *loader) region(ctx context.Context) error {
	client := l.c
	services, err := client.ServiceType.Query().Where(servicetype.NameUkIn(mapped...)).All(ctx)
	if err != nil {
		return fmt.Errorf("demo region: services: %w", err)
	}
	if err := mapDemoCommunity(ctx, client, services); err != nil {
		return err
	}
	if err := demoVouchers(ctx, client); err != nil {
		return err
	}
	if err := l.demoWorkforce(ctx); err != nil {
		return err
	}
	if err := l.demoWorkingGroup(ctx); err != nil {
		return err
	}
	if err := l.demoSupervision(ctx); err != nil {
		return err
	}
	cms, err := client.Community.Query().
		Where(community.HasRegionWith(region.KatottgCode(VinnytsiaOblastCode)), community.KatottgCodeNEQ(VinnytsiaCommunityCode)).
		Order(community.ByKatottgCode()).Limit(RegionCommunities).All(ctx)
	if err != nil {
		return fmt.Errorf("demo region: communities: %w", err)
	}
	needs := make([]pulid.ID, len(services))
	for i, s := range services {
		needs[i] = s.ID
	}
	var work []regionWork
	for i, cm := range cms {
		centre, created, err := ensureCentre(ctx, client, cm)
		if err != nil {
			return err
		}
		if !created {
			break
		}
		// Each centre offers a different part of the list: the map shows gaps.
		for j, s := range services {
			if (i+j)%3 == 0 {
				continue
			}
			if err := offer(ctx, client, cm.ID, centre, s.ID, 10+5*((i+j)%6)); err != nil {
				return err
			}
		}
		cases := 8 + (i*5)%9
		prog, err := programme(ctx, client, cm.ID, cases/2+1)
		if err != nil {
			return err
		}
		spec, orgs, err := l.regionCrew(ctx, cm, centre)
		if err != nil {
			return err
		}
		work = append(work, regionWork{cm: cm, spec: spec, orgs: orgs, cases: cases, programme: prog})
	}
	if len(work) == 0 {
		return nil
	}
	// The staff act under the policy that knows them all.
	if l.authz, err = l.authorizer(ctx); err != nil {
		return err
	}
	for _, w := range work {
		if err := l.regionStaffOf(ctx, w.spec, w.orgs); err != nil {
			return err
		}
		if err := l.regionCases(ctx, w.cm, w.cases, needs); err != nil {
			return err
		}
		if err := regionVouchers(ctx, client, w.cm.ID, w.programme, w.orgs[organization.KindPUBLIC_PROVIDER]); err != nil {
			return err
		}
	}
	return nil
}

// ensureCentre finds or opens a community's public centre; created says
// whether the community is new to the demo.
func ensureCentre(ctx context.Context, client *ent.Client, cm *ent.Community) (pulid.ID, bool, error) {
	id, err := client.Organization.Query().Where(organization.CommunityID(cm.ID), organization.Name(centreName(cm))).FirstID(ctx)
	if err == nil || !ent.IsNotFound(err) {
		return id, false, err
	}
	o, err := client.Organization.Create().SetCommunityID(cm.ID).SetKind(organization.KindPUBLIC_PROVIDER).SetName(centreName(cm)).Save(ctx)
	if err != nil {
		return "", false, fmt.Errorf("demo region: centre of %s: %w", cm.Name, err)
	}
	return o.ID, true, nil
}

// mapDemoCommunity puts the demo community's public provider on the map.
func mapDemoCommunity(ctx context.Context, client *ent.Client, services []*ent.ServiceType) error {
	org, err := client.Organization.Query().Where(organization.HasCommunityWith(community.KatottgCode(VinnytsiaCommunityCode)),
		organization.KindEQ(organization.KindPUBLIC_PROVIDER)).Order(organization.ByName()).First(ctx)
	if err != nil {
		return fmt.Errorf("demo region: the demo community's provider: %w", err)
	}
	for i, s := range services {
		if i%4 != 3 {
			if err := offer(ctx, client, org.CommunityID, org.ID, s.ID, 15+5*(i%4)); err != nil {
				return err
			}
		}
	}
	return nil
}

// offer puts a service on the map unless it is there.
func offer(ctx context.Context, client *ent.Client, cm, org, service pulid.ID, capacity int) error {
	ok, err := client.ProviderService.Query().Where(providerservice.OrganizationID(org), providerservice.ServiceTypeID(service)).Exist(ctx)
	if err != nil || ok {
		return err
	}
	return client.ProviderService.Create().SetCommunityID(cm).SetOrganizationID(org).SetServiceTypeID(service).
		SetCapacity(capacity).SetAreaServed("Уся громада").SetContacts("Телефон центру: +380 43 200 00 00").Exec(ctx)
}
