package graph

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/turbota/turbota/authz"
	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/ent/schema/schematype"
	"github.com/turbota/turbota/graph/model"
	"github.com/turbota/turbota/internal/audit"
	"github.com/turbota/turbota/internal/auth"
	"github.com/turbota/turbota/internal/oversight/indicators"
	"github.com/turbota/turbota/internal/procedure"
	"github.com/turbota/turbota/internal/workflow"
	"github.com/turbota/turbota/tenant"
)

// Resolver holds the services the resolvers call. Request-scoped state (the
// viewer and the per-request transaction) comes through the context.
type Resolver struct {
	Auth       *auth.Service
	Authorizer *authz.Authorizer
	// Stats is the server's own pool, for aggregate indicator queries over
	// the communities authz allows (see indicators).
	Stats *sql.DB
}

// db is the request's transactional client: every resolver reads and writes
// through it, under the viewer's privacy rules and row-level security.
func db(ctx context.Context) (*ent.Client, error) {
	if tenant.FromContext(ctx) == nil {
		return nil, auth.ErrUnauthenticated
	}
	c := ent.FromContext(ctx)
	if c == nil {
		return nil, auth.ErrUnauthenticated
	}
	return c, nil
}

// withDB runs fn with the request's client: most resolvers are one call.
func withDB[T any](ctx context.Context, fn func(*ent.Client) (T, error)) (T, error) {
	c, err := db(ctx)
	if err != nil {
		var zero T
		return zero, err
	}
	return fn(c)
}

// viewerClient is the client and context to read a viewer's own records:
// the request's, or, for the viewer a sign-in just created, the owner
// client under that viewer's privacy rules (the request is anonymous).
func (r *viewerResolver) viewerClient(ctx context.Context, obj *model.Viewer) (*ent.Client, context.Context, error) {
	if v := tenant.FromContext(ctx); v != nil && v.UserID == obj.V.UserID {
		c, err := db(ctx)
		return c, ctx, err
	}
	return r.Auth.Client(), tenant.NewContext(authz.NewContext(ctx, r.Authorizer), obj.V), nil
}

// values turns gqlgen's list of input pointers into a list of values.
func values[T any](in []*T) []T {
	out := make([]T, 0, len(in))
	for _, p := range in {
		if p != nil {
			out = append(out, *p)
		}
	}
	return out
}

// pointers turns a list of values into the list of pointers gqlgen wants.
func pointers[T any](in []T) []*T {
	out := make([]*T, len(in))
	for i := range in {
		out[i] = &in[i]
	}
	return out
}

// text is an optional string argument, "" when absent.
func text(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// calendarYear turns the API's calendar year into the procedure's. The
// Date scalar has already refused anything that is not YYYY-MM-DD.
func calendarYear(in model.CalendarYearInput) procedure.Year {
	return procedure.Year{Year: in.Year, HolidaysAreWorkingDays: in.HolidaysAreWorkingDays, Note: text(in.Note),
		Holidays: days(in.Holidays), ExtraDaysOff: days(in.ExtraDaysOff), ExtraWorkingDays: days(in.ExtraWorkingDays)}
}

// days are the calendar days of Date inputs (midnight UTC, see scalars).
func days(in []*time.Time) []procedure.Date {
	out := make([]procedure.Date, 0, len(in))
	for _, t := range in {
		if t != nil {
			out = append(out, procedure.DayOf(*t))
		}
	}
	return out
}

// dates are procedure days as the Date scalar carries them.
func dates(ds []procedure.Date) []*time.Time {
	out := make([]*time.Time, len(ds))
	for i, d := range ds {
		t := time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
		out[i] = &t
	}
	return out
}

// calendarConfig is the procedure's year as the API shows it.
func calendarConfig(y procedure.Year, custom bool) *model.CalendarYearConfig {
	out := &model.CalendarYearConfig{Year: y.Year, Holidays: dates(y.Holidays), HolidaysAreWorkingDays: y.HolidaysAreWorkingDays,
		ExtraDaysOff: dates(y.ExtraDaysOff), ExtraWorkingDays: dates(y.ExtraWorkingDays), Custom: custom}
	if y.Note != "" {
		out.Note = &y.Note
	}
	return out
}

// session is the API's commission sitting as cases takes it.
func session(community pulid.ID, heldAt *time.Time, protocol *string, agenda []*schematype.AgendaItem, attendees []string, notes *string) workflow.Session {
	s := workflow.Session{Community: community, HeldAt: heldAt, Protocol: protocol, Attendees: attendees, Notes: notes}
	if agenda != nil {
		s.Agenda = values(agenda)
	}
	return s
}

// periodOf is the API's period as indicators takes it.
func periodOf(in model.PeriodInput) (indicators.Period, error) {
	n := 1
	if in.Number != nil {
		n = *in.Number
	}
	p, err := indicators.PeriodOf(in.Kind, in.Year, n)
	if err != nil {
		return p, &auth.InputError{Field: "period", Err: err}
	}
	return p, nil
}

// scopeOf is the API's scope as indicators takes it.
func scopeOf(in *model.IndicatorScope) indicators.Scope {
	if in == nil {
		return indicators.Scope{}
	}
	return indicators.Scope{Community: in.CommunityID, District: in.DistrictID, Region: in.RegionID}
}

// cells are shown figures as the API returns them.
func cells(shown []indicators.Shown) []*model.IndicatorCell {
	out := make([]*model.IndicatorCell, len(shown))
	for i, s := range shown {
		c := &model.IndicatorCell{Key: s.Definition.Key, Value: s.Cell.Value, Display: s.Cell.Display, Suppressed: s.Cell.Suppressed}
		if s.Part != "" {
			part := s.Part
			c.Part = &part
		}
		out[i] = c
	}
	return out
}

// errAccount refuses a colleague's account details: a name is for
// colleagues, the account for its holder and those who run the users.
var errAccount = &authz.Refusal{Reason: "only the user and those who manage the community's users see this"}

// account returns a detail of a user's account if the viewer may read it.
func account[T any](ctx context.Context, u *ent.User, detail T) (T, error) {
	var zero T
	if tenant.FromContext(ctx) == nil {
		return detail, nil // a sign-in's own payload: the only user an anonymous request reaches
	}
	c, err := db(ctx)
	if err != nil {
		return zero, err
	}
	ok, err := authz.AccountReadable(ctx, c, u.ID)
	switch {
	case err != nil:
		return zero, err
	case !ok:
		return zero, errAccount
	}
	return detail, nil
}

// deref is the string a pointer holds, "" for none.
func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// actor is the user behind a record (who recorded, sent, decided it), as
// far as the viewer may see them: a user of another community, an API
// client or a removed account is null, never an error.
func actor(ctx context.Context, id *pulid.ID) (*ent.User, error) {
	if id == nil || *id == "" {
		return nil, nil
	}
	return withDB(ctx, func(c *ent.Client) (*ent.User, error) { return audit.Actor(ctx, c, *id) })
}

// idOf is a non-nillable optional ID as the pointer actor takes.
func idOf(id pulid.ID) *pulid.ID { return &id }

// submitter is the user of a report's casbin subject ("user:…"); an API
// client's report ("api:…") has none.
func submitter(subject string) *pulid.ID {
	id, ok := strings.CutPrefix(subject, "user:")
	if !ok {
		return nil
	}
	return idOf(pulid.ID(id))
}

// accountAction is an administrator's change to an account, as the
// auth package takes it.
func accountAction(in model.AccountActionInput) auth.AccountAction {
	return auth.AccountAction{User: in.UserID, Reason: in.Reason}
}
