package cases

import (
	"context"
	"fmt"

	"github.com/turbota/turbota/authz"
	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/casefile"
	"github.com/turbota/turbota/ent/commissionsession"
	"github.com/turbota/turbota/ent/community"
	"github.com/turbota/turbota/ent/family"
	"github.com/turbota/turbota/ent/organization"
	"github.com/turbota/turbota/ent/person"
	"github.com/turbota/turbota/ent/report"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/ent/serviceprovision"
	"github.com/turbota/turbota/ent/servicetype"
	"github.com/turbota/turbota/ent/user"
	"github.com/turbota/turbota/ent/voucher"
	"github.com/turbota/turbota/tenant"
)

// References. A foreign key is checked by the database against every row,
// whoever may see it, and row-level security does not apply to that check:
// an input naming an ID the viewer cannot read (a family never referred to
// their organisation, a person of another community) would otherwise link
// records across the walls. So every ID a change names is first looked up
// through the viewer's own client, under the same privacy rules as a read,
// and must be found, and in the community of the change: otherwise the
// change answers NOT_FOUND, exactly as reading the ID would.

// ref is one ID an input names, with the input field it came in.
type ref struct {
	field string
	id    pulid.ID
}

// owner finds, through the viewer's client, the community of a record of
// one type; global is set for records no community owns (users, the
// classifier), which are only required to be visible. The lookups select
// one column, so they read no personal data (and log none as read).
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

// owners covers the types an input of the API may name. A type not listed
// here cannot be named by an input at all.
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
	serviceprovision.Table: owned(func(ctx context.Context, c *ent.Client, id pulid.ID) (string, error) {
		return c.ServiceProvision.Query().Where(serviceprovision.ID(id)).Select(serviceprovision.FieldCommunityID).String(ctx)
	}),
	commissionsession.Table: owned(func(ctx context.Context, c *ent.Client, id pulid.ID) (string, error) {
		return c.CommissionSession.Query().Where(commissionsession.ID(id)).Select(commissionsession.FieldCommunityID).String(ctx)
	}),
	user.Table: visible(func(ctx context.Context, c *ent.Client, id pulid.ID) (bool, error) {
		return c.User.Query().Where(user.ID(id)).Exist(ctx)
	}),
	servicetype.Table: visible(func(ctx context.Context, c *ent.Client, id pulid.ID) (bool, error) {
		return c.ServiceType.Query().Where(servicetype.ID(id)).Exist(ctx)
	}),
}

// RefError says which input field named a record that is not there for the
// viewer. It is a NOT_FOUND: what one may not read is not there.
type RefError struct{ Field string }

func (e *RefError) Error() string { return e.Field + ": not found" }

// Unwrap makes it a tenant.ErrNotVisible.
func (e *RefError) Unwrap() error { return tenant.ErrNotVisible }

// checkRefs looks each ID up through the viewer's client: it must be
// visible to the viewer and, unless global, of the community.
func checkRefs(ctx context.Context, c *ent.Client, cm pulid.ID, refs ...ref) error {
	for _, r := range refs {
		table, err := ent.IDToType(ctx, r.id)
		if err != nil {
			return &RefError{Field: r.field}
		}
		find, ok := owners[table]
		if !ok {
			return &RefError{Field: r.field}
		}
		got, global, err := find(ctx, c, r.id)
		switch {
		case ent.IsNotFound(err):
			return &RefError{Field: r.field}
		case err != nil:
			return fmt.Errorf("look up %s: %w", r.field, err)
		case !global && got != cm:
			return &RefError{Field: r.field}
		}
	}
	return nil
}

// CheckRef applies the rule to one ID an input field names, for the
// resolvers that build their change by hand.
func CheckRef(ctx context.Context, c *ent.Client, community pulid.ID, field string, id pulid.ID) error {
	return checkRefs(ctx, c, community, ref{field: field, id: id})
}

// CheckReferences applies the rule to a change built from one of the
// API's generated inputs (SetInput): every edge it adds or removes names a
// record the viewer can read, of the community of the change (a create's
// community, or that of the record updated). Call it before Save.
func CheckReferences(ctx context.Context, c *ent.Client, m ent.Mutation) error {
	cm, err := communityOf(ctx, m)
	if err != nil {
		return err
	}
	var refs []ref
	for _, e := range m.AddedEdges() {
		for _, id := range m.AddedIDs(e) {
			refs = append(refs, ref{field: e, id: asID(id)})
		}
	}
	for _, e := range m.RemovedEdges() {
		for _, id := range m.RemovedIDs(e) {
			refs = append(refs, ref{field: e, id: asID(id)})
		}
	}
	return checkRefs(ctx, c, cm, refs...)
}

func asID(v ent.Value) pulid.ID {
	id, _ := v.(pulid.ID)
	return id
}

// communityOf is the community a change is made in: the one a create
// names, or the one of the record an update changes.
func communityOf(ctx context.Context, m ent.Mutation) (pulid.ID, error) {
	if m.Op().Is(ent.OpCreate) {
		v, _ := m.Field("community_id")
		id, _ := v.(pulid.ID)
		return id, nil
	}
	v, err := m.OldField(ctx, "community_id")
	if err != nil {
		if ent.IsNotFound(err) {
			return "", err
		}
		return "", fmt.Errorf("community of the change: %w", err)
	}
	id, _ := v.(pulid.ID)
	return id, nil
}

// actFor: a provider's staff act for their own organisation only; a
// viewer whose sight of the community is not narrowed to an organisation's
// work (the community's own services) may name any provider, where the
// policy lets their role do the act at all. See authz.ActsFor.
func actFor(ctx context.Context, cm, org pulid.ID, field string) error {
	if !authz.ActsFor(tenant.FromContext(ctx), cm, org) {
		return &authz.Refusal{Reason: field + ": you may act only for an organisation you work in"}
	}
	return nil
}

// Checked saves a change built from a generated input (create.Mutation(),
// create.Save) once CheckReferences passes: the resolvers' one way to
// write such a change.
func Checked[T any](ctx context.Context, c *ent.Client, m ent.Mutation, save func(context.Context) (T, error)) (T, error) {
	if err := CheckReferences(ctx, c, m); err != nil {
		var zero T
		return zero, err
	}
	return save(ctx)
}
