package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/community"
	"github.com/turbota/turbota/ent/family"
	"github.com/turbota/turbota/ent/organization"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/ent/voucherprogramme"
	"github.com/turbota/turbota/internal/platform/clock"
)

// programmeName names the voucher programme every demo community runs.
const programmeName = "Сертифікат на соціальні послуги для сімей у складних життєвих обставинах"

// programme finds or opens a community's voucher programme, running since
// the start of last year with room for budget vouchers.
func programme(ctx context.Context, client *ent.Client, cm pulid.ID, budget int) (pulid.ID, error) {
	id, err := client.VoucherProgramme.Query().
		Where(voucherprogramme.CommunityID(cm), voucherprogramme.Name(programmeName)).FirstID(ctx)
	if err == nil || !ent.IsNotFound(err) {
		return id, err
	}
	start := time.Date(clock.Now().Year()-1, time.January, 1, 0, 0, 0, 0, time.UTC)
	p, err := client.VoucherProgramme.Create().SetCommunityID(cm).SetName(programmeName).SetValueUah(4800).
		SetVouchers(budget).SetStartsOn(start).
		SetEligibility("Сім'ї з дітьми, які перебувають у складних життєвих обставинах, за висновком оцінювання потреб").Save(ctx)
	if err != nil {
		return "", fmt.Errorf("demo: voucher programme: %w", err)
	}
	return p.ID, nil
}

// demoVouchers gives the demo community its programme, three vouchers of
// its families and one of them redeemed with its public centre.
func demoVouchers(ctx context.Context, client *ent.Client) error {
	cm, err := client.Community.Query().Where(community.KatottgCode(VinnytsiaCommunityCode)).Only(ctx)
	if err != nil {
		return fmt.Errorf("demo vouchers: %w", err)
	}
	if ok, err := client.VoucherProgramme.Query().Where(voucherprogramme.CommunityID(cm.ID)).Exist(ctx); err != nil || ok {
		return err
	}
	prog, err := programme(ctx, client, cm.ID, 20)
	if err != nil {
		return err
	}
	centre, err := client.Organization.Query().Where(organization.CommunityID(cm.ID),
		organization.KindEQ(organization.KindPUBLIC_PROVIDER)).Order(organization.ByName()).FirstID(ctx)
	if err != nil {
		return fmt.Errorf("demo vouchers: centre: %w", err)
	}
	families, err := client.Family.Query().Where(family.CommunityID(cm.ID)).Order(family.ByName()).Limit(3).All(ctx)
	if err != nil {
		return fmt.Errorf("demo vouchers: families: %w", err)
	}
	now := clock.Now()
	for i, f := range families {
		issued := now.AddDate(0, 0, -20+5*i)
		vc := client.Voucher.Create().SetCommunityID(cm.ID).SetProgrammeID(prog).SetFamilyID(f.ID).
			SetNumber(fmt.Sprintf("%03d", i+1)).SetIssuedAt(issued)
		if i == 0 {
			vc.SetStatus("REDEEMED").SetProviderID(centre).SetRedeemedAt(issued.AddDate(0, 0, 7))
		}
		if err := vc.Exec(ctx); err != nil {
			return fmt.Errorf("demo vouchers: %w", err)
		}
	}
	return nil
}

// regionVouchers issues every fourth family of a region community a
// voucher of its programme, and its centre redeems every other one.
func regionVouchers(ctx context.Context, client *ent.Client, cm, prog, centre pulid.ID) error {
	families, err := client.Family.Query().Where(family.CommunityID(cm)).Order(family.ByID()).All(ctx)
	if err != nil {
		return fmt.Errorf("demo region: vouchers: %w", err)
	}
	now := clock.Now()
	for i, f := range families {
		if i%4 != 1 {
			continue
		}
		issued := now.AddDate(0, 0, -10-i)
		vc := client.Voucher.Create().SetCommunityID(cm).SetProgrammeID(prog).SetFamilyID(f.ID).
			SetNumber(fmt.Sprintf("%03d", i+1)).SetIssuedAt(issued)
		if i%8 == 1 {
			vc.SetStatus("REDEEMED").SetProviderID(centre).SetRedeemedAt(issued.AddDate(0, 0, 7))
		}
		if err := vc.Exec(ctx); err != nil {
			return fmt.Errorf("demo region: vouchers: %w", err)
		}
	}
	return nil
}
