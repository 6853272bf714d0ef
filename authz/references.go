package authz

import (
	"context"
	"fmt"

	"entgo.io/ent/dialect/sql"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/casefile"
	"github.com/turbota/turbota/ent/commissionsession"
	"github.com/turbota/turbota/ent/community"
	"github.com/turbota/turbota/ent/consent"
	"github.com/turbota/turbota/ent/customrole"
	"github.com/turbota/turbota/ent/decision"
	"github.com/turbota/turbota/ent/district"
	"github.com/turbota/turbota/ent/document"
	"github.com/turbota/turbota/ent/family"
	"github.com/turbota/turbota/ent/organization"
	"github.com/turbota/turbota/ent/person"
	"github.com/turbota/turbota/ent/plan"
	"github.com/turbota/turbota/ent/privacy"
	"github.com/turbota/turbota/ent/region"
	"github.com/turbota/turbota/ent/report"
	"github.com/turbota/turbota/ent/safetyassessment"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/ent/serviceprovision"
	"github.com/turbota/turbota/ent/servicetype"
	"github.com/turbota/turbota/ent/staffposition"
	"github.com/turbota/turbota/ent/trainingenrolment"
	"github.com/turbota/turbota/ent/trainingevent"
	"github.com/turbota/turbota/ent/trainingprogramme"
	"github.com/turbota/turbota/ent/user"
	"github.com/turbota/turbota/ent/voucher"
	"github.com/turbota/turbota/ent/voucherprogramme"
	"github.com/turbota/turbota/ent/workinggroup"
	"github.com/turbota/turbota/ent/workinggroupmeeting"
	"github.com/turbota/turbota/ent/workinggroupmember"
	"github.com/turbota/turbota/tenant"
)

// References. A foreign key is checked by the database against every row,
// whoever may see it, and row-level security does not apply to that check:
// a change naming an ID the viewer cannot read (a family never referred to
// their organisation, a person of another community) would otherwise link
// records across the walls. So every ID a change sets on an edge is looked
// up through the viewer's own client, under the same privacy rules as a
// read, and must be found, and in the community of the change: otherwise
// the change answers NOT_FOUND, exactly as reading the ID would. The rule
// sits in the policy of every schema with such edges (DenyForeignReferences),
// so no resolver or workflow step has to remember it.

// owner finds, through the viewer's client, the community of a record of
// one type; global is set for records no community owns (users, the
// classifier, the territory), which are only required to be visible. The
// lookups select one column, so they read no personal data (and log none
// as read).
type owner func(ctx context.Context, c *ent.Client, id pulid.ID) (cm pulid.ID, global bool, err error)

func owned(q func(ctx context.Context, c *ent.Client, id pulid.ID) (string, error)) owner {
	return func(ctx context.Context, c *ent.Client, id pulid.ID) (pulid.ID, bool, error) {
		s, err := q(ctx, c, id)
		return pulid.ID(s), false, err
	}
}

func visible(q func(ctx context.Context, c *ent.Client, id pulid.ID) (bool, error)) owner {
	return func(ctx context.Context, c *ent.Client, id pulid.ID) (pulid.ID, bool, error) {
		ok, err := q(ctx, c, id)
		if err == nil && !ok {
			err = &ent.NotFoundError{}
		}
		return "", true, err
	}
}

// owners covers every table an edge may point to; ReferencedTables lists
// them, and a test checks it against the schema's foreign keys, so an edge
// to a type missing here fails a test rather than every change naming it.
var owners = map[string]owner{
	community.Table: func(ctx context.Context, c *ent.Client, id pulid.ID) (pulid.ID, bool, error) {
		ok, err := c.Community.Query().Where(community.ID(id)).Exist(ctx)
		if err == nil && !ok {
			err = &ent.NotFoundError{}
		}
		return id, false, err
	},
	family.Table: owned(func(ctx context.Context, c *ent.Client, id pulid.ID) (string, error) {
		return c.Family.Query().Where(family.ID(id)).Select(family.FieldCommunityID).String(ctx)
	}),
	person.Table: owned(func(ctx context.Context, c *ent.Client, id pulid.ID) (string, error) {
		return c.Person.Query().Where(person.ID(id)).Select(person.FieldCommunityID).String(ctx)
	}),
	casefile.Table: owned(func(ctx context.Context, c *ent.Client, id pulid.ID) (string, error) {
		return c.CaseFile.Query().Where(casefile.ID(id)).Select(casefile.FieldCommunityID).String(ctx)
	}),
	report.Table: owned(func(ctx context.Context, c *ent.Client, id pulid.ID) (string, error) {
		return c.Report.Query().Where(report.ID(id)).Select(report.FieldCommunityID).String(ctx)
	}),
	organization.Table: owned(func(ctx context.Context, c *ent.Client, id pulid.ID) (string, error) {
		return c.Organization.Query().Where(organization.ID(id)).Select(organization.FieldCommunityID).String(ctx)
	}),
	voucher.Table: owned(func(ctx context.Context, c *ent.Client, id pulid.ID) (string, error) {
		return c.Voucher.Query().Where(voucher.ID(id)).Select(voucher.FieldCommunityID).String(ctx)
	}),
	voucherprogramme.Table: owned(func(ctx context.Context, c *ent.Client, id pulid.ID) (string, error) {
		return c.VoucherProgramme.Query().Where(voucherprogramme.ID(id)).Select(voucherprogramme.FieldCommunityID).String(ctx)
	}),
	serviceprovision.Table: owned(func(ctx context.Context, c *ent.Client, id pulid.ID) (string, error) {
		return c.ServiceProvision.Query().Where(serviceprovision.ID(id)).Select(serviceprovision.FieldCommunityID).String(ctx)
	}),
	commissionsession.Table: owned(func(ctx context.Context, c *ent.Client, id pulid.ID) (string, error) {
		return c.CommissionSession.Query().Where(commissionsession.ID(id)).Select(commissionsession.FieldCommunityID).String(ctx)
	}),
	consent.Table: owned(func(ctx context.Context, c *ent.Client, id pulid.ID) (string, error) {
		return c.Consent.Query().Where(consent.ID(id)).Select(consent.FieldCommunityID).String(ctx)
	}),
	document.Table: owned(func(ctx context.Context, c *ent.Client, id pulid.ID) (string, error) {
		return c.Document.Query().Where(document.ID(id)).Select(document.FieldCommunityID).String(ctx)
	}),
	decision.Table: owned(func(ctx context.Context, c *ent.Client, id pulid.ID) (string, error) {
		return c.Decision.Query().Where(decision.ID(id)).Select(decision.FieldCommunityID).String(ctx)
	}),
	safetyassessment.Table: owned(func(ctx context.Context, c *ent.Client, id pulid.ID) (string, error) {
		return c.SafetyAssessment.Query().Where(safetyassessment.ID(id)).Select(safetyassessment.FieldCommunityID).String(ctx)
	}),
	plan.Table: owned(func(ctx context.Context, c *ent.Client, id pulid.ID) (string, error) {
		return c.Plan.Query().Where(plan.ID(id)).Select(plan.FieldCommunityID).String(ctx)
	}),
	customrole.Table: owned(func(ctx context.Context, c *ent.Client, id pulid.ID) (string, error) {
		return c.CustomRole.Query().Where(customrole.ID(id)).Select(customrole.FieldCommunityID).String(ctx)
	}),
	staffposition.Table: owned(func(ctx context.Context, c *ent.Client, id pulid.ID) (string, error) {
		return c.StaffPosition.Query().Where(staffposition.ID(id)).Select(staffposition.FieldCommunityID).String(ctx)
	}),
	trainingprogramme.Table: owned(func(ctx context.Context, c *ent.Client, id pulid.ID) (string, error) {
		return c.TrainingProgramme.Query().Where(trainingprogramme.ID(id)).Select(trainingprogramme.FieldCommunityID).String(ctx)
	}),
	trainingevent.Table: owned(func(ctx context.Context, c *ent.Client, id pulid.ID) (string, error) {
		return c.TrainingEvent.Query().Where(trainingevent.ID(id)).Select(trainingevent.FieldCommunityID).String(ctx)
	}),
	trainingenrolment.Table: owned(func(ctx context.Context, c *ent.Client, id pulid.ID) (string, error) {
		return c.TrainingEnrolment.Query().Where(trainingenrolment.ID(id)).Select(trainingenrolment.FieldCommunityID).String(ctx)
	}),
	workinggroup.Table: owned(func(ctx context.Context, c *ent.Client, id pulid.ID) (string, error) {
		return c.WorkingGroup.Query().Where(workinggroup.ID(id)).Select(workinggroup.FieldCommunityID).String(ctx)
	}),
	workinggroupmember.Table: owned(func(ctx context.Context, c *ent.Client, id pulid.ID) (string, error) {
		return c.WorkingGroupMember.Query().Where(workinggroupmember.ID(id)).Select(workinggroupmember.FieldCommunityID).String(ctx)
	}),
	workinggroupmeeting.Table: owned(func(ctx context.Context, c *ent.Client, id pulid.ID) (string, error) {
		return c.WorkingGroupMeeting.Query().Where(workinggroupmeeting.ID(id)).Select(workinggroupmeeting.FieldCommunityID).String(ctx)
	}),
	user.Table: visible(func(ctx context.Context, c *ent.Client, id pulid.ID) (bool, error) {
		return c.User.Query().Where(user.ID(id)).Exist(ctx)
	}),
	servicetype.Table: visible(func(ctx context.Context, c *ent.Client, id pulid.ID) (bool, error) {
		return c.ServiceType.Query().Where(servicetype.ID(id)).Exist(ctx)
	}),
	region.Table: visible(func(ctx context.Context, c *ent.Client, id pulid.ID) (bool, error) {
		return c.Region.Query().Where(region.ID(id)).Exist(ctx)
	}),
	district.Table: visible(func(ctx context.Context, c *ent.Client, id pulid.ID) (bool, error) {
		return c.District.Query().Where(district.ID(id)).Exist(ctx)
	}),
}

// ReferencedTables are the tables whose rows a change may name.
func ReferencedTables() []string {
	out := make([]string, 0, len(owners))
	for t := range owners {
		out = append(out, t)
	}
	return out
}

// RefError says which input field named a record that is not there for the
// viewer. It is a NOT_FOUND: what one may not read is not there; and a
// privacy refusal.
type RefError struct{ Field string }

func (e *RefError) Error() string { return e.Field + ": not found" }

// Unwrap makes it a tenant.ErrNotVisible and a privacy.Deny.
func (e *RefError) Unwrap() []error { return []error{tenant.ErrNotVisible, privacy.Deny} }

// ref is one ID a change names, with the input field it came in.
type ref struct {
	field string
	id    pulid.ID
}

// ownerOf looks an ID up through the viewer's client: its community, or
// global for a record no community owns; a RefError when the viewer does
// not see it.
func ownerOf(ctx context.Context, c *ent.Client, r ref) (pulid.ID, bool, error) {
	table, err := ent.IDToType(ctx, r.id)
	if err != nil {
		return "", false, &RefError{Field: r.field}
	}
	find, ok := owners[table]
	if !ok {
		return "", false, &RefError{Field: r.field}
	}
	got, global, err := find(ctx, c, r.id)
	switch {
	case ent.IsNotFound(err):
		return "", false, &RefError{Field: r.field}
	case err != nil:
		return "", false, fmt.Errorf("look up %s: %w", r.field, err)
	}
	return got, global, nil
}

// CheckRef applies the rule to an ID that is no edge of the schema (one
// inside a JSON field, as a plan action's responsible organisation): it
// must be visible to the viewer and, unless global, of the community.
func CheckRef(ctx context.Context, c *ent.Client, community pulid.ID, field string, id pulid.ID) error {
	got, global, err := ownerOf(ctx, c, ref{field: field, id: id})
	if err == nil && !global && got != community {
		err = &RefError{Field: field}
	}
	return err
}

// DenyForeignReferences is the mutation rule of every schema with edges:
// each ID a change adds to or removes from an edge names a record the
// viewer can read, of the community of the change (a create's community,
// or that of the record updated; a bulk update is narrowed to the rows of
// the referenced records' community).
func DenyForeignReferences() privacy.MutationRule {
	return privacy.MutationRuleFunc(func(ctx context.Context, m ent.Mutation) error {
		refs := referencesOf(m)
		if len(refs) == 0 {
			return privacy.Skip
		}
		c, ok := m.(interface{ Client() *ent.Client })
		if !ok {
			return privacy.Denyf("authz: %s names records it cannot check", m.Type())
		}
		return checkChange(ctx, c.Client(), m, refs)
	})
}

func checkChange(ctx context.Context, c *ent.Client, m ent.Mutation, refs []ref) error {
	cm, bulk, err := changeCommunity(ctx, m)
	if err != nil {
		return err
	}
	for _, r := range refs {
		got, global, err := ownerOf(ctx, c, r)
		switch {
		case err != nil:
			return err
		case global:
		case bulk:
			if err := narrowTo(m, got); err != nil {
				return err
			}
		case got != cm:
			return &RefError{Field: r.field}
		}
	}
	return privacy.Skip
}

// unchecked are the edges whose records the viewer is not meant to see:
// the community (the tenant wall checks it), and the person an invitation
// goes to, whose account may be another community's and is found past
// row-level security so that inviting tells nothing of who has one
// (auth.Invite; FilterInvitationChanges decides what may be offered); and
// the community a transfer goes to, another community by design, named
// from the codifier (reference data every viewer reads).
var unchecked = map[string]bool{"*.community": true, "Invitation.user": true, "CaseTransfer.to_community": true}

// referencesOf lists the IDs a change adds to or removes from its edges,
// those unchecked aside. The field reported is the edge's name.
func referencesOf(m ent.Mutation) []ref {
	var refs []ref
	add := func(edge string, ids []ent.Value) {
		if unchecked["*."+edge] || unchecked[m.Type()+"."+edge] {
			return
		}
		for _, id := range ids {
			v, _ := id.(pulid.ID)
			refs = append(refs, ref{field: edge, id: v})
		}
	}
	for _, e := range m.AddedEdges() {
		add(e, m.AddedIDs(e))
	}
	for _, e := range m.RemovedEdges() {
		add(e, m.RemovedIDs(e))
	}
	return refs
}

// changeCommunity is the community a change is made in: the one a create
// names, or the one of the record an update changes; for a bulk update,
// none (bulk is set).
func changeCommunity(ctx context.Context, m ent.Mutation) (pulid.ID, bool, error) {
	if m.Op().Is(ent.OpCreate) {
		v, _ := m.Field("community_id")
		id, _ := v.(pulid.ID)
		return id, false, nil
	}
	if !m.Op().Is(ent.OpUpdateOne) {
		return "", true, nil
	}
	v, err := m.OldField(ctx, "community_id")
	if err != nil {
		if ent.IsNotFound(err) {
			return "", false, fmt.Errorf("%w: %w", tenant.ErrNotVisible, privacy.Deny)
		}
		return "", false, fmt.Errorf("community of the change: %w", err)
	}
	id, _ := v.(pulid.ID)
	return id, false, nil
}

// narrowTo confines a bulk update to rows of the community.
func narrowTo(m ent.Mutation, cm pulid.ID) error {
	wm, ok := m.(interface{ WhereP(...func(*sql.Selector)) })
	if !ok {
		return privacy.Denyf("authz: %s cannot be filtered", m.Type())
	}
	wm.WhereP(sql.FieldEQ("community_id", string(cm)))
	return nil
}
