package workflow

import (
	"context"
	"slices"

	"entgo.io/ent/dialect/sql"
	"github.com/lib/pq"

	"github.com/turbota/turbota/authz"
	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/casefile"
	"github.com/turbota/turbota/ent/membership"
	"github.com/turbota/turbota/ent/predicate"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/ent/user"
	"github.com/turbota/turbota/internal/procedure"
	"github.com/turbota/turbota/tenant"
)

// SavedCaseFilter turns one of the viewer's saved filters into the where
// filter of the cases it keeps, so the cases query applies it through the
// same path as its explicit where argument. A filter that is not the
// viewer's is NOT_FOUND (authz.FilterOwnSavedFilters).
func SavedCaseFilter(ctx context.Context, c *ent.Client, id pulid.ID) (*ent.CaseWhereInput, error) {
	f, err := c.SavedFilter.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	w := &ent.CaseWhereInput{CommunityID: &f.CommunityID, ManagerIDIsNil: f.Unassigned}
	for _, s := range f.CaseStatuses {
		w.StatusIn = append(w.StatusIn, procedure.State(s))
	}
	if v := tenant.FromContext(ctx); f.Mine && v != nil {
		w.ManagerID = &v.UserID
	}
	if f.FamilyName != "" {
		w.HasFamilyWith = []*ent.FamilyWhereInput{{NameContainsFold: &f.FamilyName}}
	}
	if f.OrganizationID != nil {
		w.HasAccessesWith = []*ent.CaseAccessWhereInput{{OrganizationID: f.OrganizationID, RevokedAtIsNil: true}}
	}
	if len(f.Statuses) == 0 && len(f.Kinds) == 0 {
		return w, nil
	}
	ids, err := casesDue(ctx, c, f)
	if err != nil {
		return nil, err
	}
	w.AddPredicates(idAmong(ids))
	return w, nil
}

// casesDue are the cases with an open deadline or task of the filter's
// due statuses and kinds, as the deadlines and tasks queries list them.
func casesDue(ctx context.Context, c *ent.Client, f *ent.SavedFilter) ([]string, error) {
	df := Filter{Community: f.CommunityID, Mine: f.Mine}
	if f.OrganizationID != nil {
		df.Organization = *f.OrganizationID
	}
	for _, s := range f.Statuses {
		df.Statuses = append(df.Statuses, procedure.DueStatus(s))
	}
	keep := func(kind string) bool { return len(f.Kinds) == 0 || slices.Contains(f.Kinds, kind) }
	var ids []string
	ds, err := Deadlines(ctx, c, df)
	if err != nil {
		return nil, err
	}
	for _, d := range ds {
		if keep(string(d.Kind)) {
			ids = append(ids, string(d.Case.ID))
		}
	}
	ts, err := Tasks(ctx, c, df)
	if err != nil {
		return nil, err
	}
	for _, t := range ts {
		if keep(string(t.Kind)) {
			ids = append(ids, string(t.Case.ID))
		}
	}
	slices.Sort(ids)
	return slices.Compact(ids), nil
}

// idAmong keeps the cases of the IDs in one array parameter, however many
// (an IN list would take a parameter each).
func idAmong(ids []string) predicate.CaseFile {
	return predicate.CaseFile(func(s *sql.Selector) {
		s.Where(sql.P(func(b *sql.Builder) {
			b.Ident(s.C(casefile.FieldID)).WriteString(" = ANY(").Arg(pq.Array(ids)).WriteString(")")
		}))
	})
}

// CaseManagers are the people who may manage the cases of a community
// (authz.CaseworkRoles), of those the viewer may see, by name.
func CaseManagers(ctx context.Context, c *ent.Client, community pulid.ID) ([]*ent.User, error) {
	roles, err := authz.CaseworkRoles(ctx, community)
	if err != nil {
		return nil, err
	}
	return c.User.Query().Where(user.HasMembershipsWith(membership.CommunityID(community), membership.RoleIn(roles...))).
		Order(ent.Asc(user.FieldDisplayName)).All(ctx)
}
