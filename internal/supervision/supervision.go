// Package supervision keeps a community's supervision journal (issue 15):
// individual and group sessions, their supervisor (internal, or an
// external expert by name), supervisees, the cases discussed by reference,
// recommendations, and follow-up items with due dates that join the work
// list. Who records and who reads what is the policy's (authz:
// supervision_session, supervision_journal, FilterOwnSupervision); this
// package checks what a session names.
package supervision

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/turbota/turbota/authz"
	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/casefile"
	"github.com/turbota/turbota/ent/membership"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/ent/schema/schematype"
	"github.com/turbota/turbota/ent/supervisionsession"
	"github.com/turbota/turbota/ent/user"
	"github.com/turbota/turbota/internal/auth"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/procedure"
	"github.com/turbota/turbota/tenant"
)

// FollowUp is an item a session leaves, as it is recorded.
type FollowUp struct {
	Text     string
	Assignee *pulid.ID
	DueOn    time.Time
}

// Session is what a journal entry records.
type Session struct {
	Community             pulid.ID
	Kind                  supervisionsession.Kind
	Format                supervisionsession.Format
	HeldOn                time.Time
	SupervisorKind        supervisionsession.SupervisorKind
	Supervisor            *pulid.ID
	SupervisorName        string
	SupervisorAffiliation string
	Topic                 string
	Supervisees           []pulid.ID
	Cases                 []pulid.ID
	Recommendations       string
	FollowUps             []FollowUp
}

// Record writes a session to the journal. The policy decides first whether
// the viewer may record in the community; then every person named must be
// the community's staff, every case one the viewer may read there.
func Record(ctx context.Context, c *ent.Client, in Session) (*ent.SupervisionSession, error) {
	create := c.SupervisionSession.Create().SetCommunityID(in.Community)
	if err := askCreate(ctx, create.Mutation()); err != nil {
		return nil, err
	}
	if err := check(in); err != nil {
		return nil, err
	}
	if err := staff(ctx, c, in); err != nil {
		return nil, err
	}
	if err := readableCases(ctx, c, in.Community, in.Cases); err != nil {
		return nil, err
	}
	name := strings.TrimSpace(in.SupervisorName)
	if in.Supervisor != nil && name == "" {
		if u, err := c.User.Query().Where(user.ID(*in.Supervisor)).Only(ctx); err == nil {
			name = u.DisplayName
		}
	}
	return create.SetKind(in.Kind).SetFormat(in.Format).SetHeldOn(in.HeldOn).SetSupervisorKind(in.SupervisorKind).
		SetNillableSupervisorID(in.Supervisor).SetSupervisorName(name).
		SetSupervisorAffiliation(strings.TrimSpace(in.SupervisorAffiliation)).SetTopic(strings.TrimSpace(in.Topic)).
		SetSuperviseeIds(dedupe(in.Supervisees)).SetCaseIds(dedupe(in.Cases)).
		SetRecommendations(strings.TrimSpace(in.Recommendations)).SetFollowUps(followUps(in.FollowUps)).
		SetNillableRecordedByID(tenant.ActingUser(ctx)).Save(ctx)
}

// askCreate asks the session's policy before anything else is looked at,
// so a role that may not record hears so rather than what is wrong with
// the entry.
func askCreate(ctx context.Context, m ent.Mutation) error {
	return authz.Ask(ctx, supervisionsession.Policy, m)
}

// check: the session's own rules, which need no lookup.
func check(in Session) error {
	switch {
	case procedure.FutureDay(in.HeldOn, clock.Now()):
		return auth.Invalid("heldOn", "a session is recorded once held, not in the future")
	case len(in.Supervisees) == 0:
		return auth.Invalid("superviseeIDs", "a session has at least one supervisee")
	case in.Kind == supervisionsession.KindINDIVIDUAL && len(dedupe(in.Supervisees)) != 1:
		return auth.Invalid("superviseeIDs", "an individual session has one supervisee; record a group session for more")
	case in.SupervisorKind == supervisionsession.SupervisorKindINTERNAL && in.Supervisor == nil:
		return auth.Invalid("supervisorID", "an internal supervisor is a user of the community")
	case in.SupervisorKind == supervisionsession.SupervisorKindEXTERNAL && in.Supervisor != nil:
		return auth.Invalid("supervisorID", "an external expert is named, not chosen among the users")
	case in.SupervisorKind == supervisionsession.SupervisorKindEXTERNAL && strings.TrimSpace(in.SupervisorName) == "":
		return auth.Invalid("supervisorName", "an external expert is named in full")
	case in.Supervisor != nil && slices.Contains(in.Supervisees, *in.Supervisor):
		return auth.Invalid("superviseeIDs", "the supervisor is not among the supervisees")
	}
	for i, f := range in.FollowUps {
		if strings.TrimSpace(f.Text) == "" {
			return auth.Invalid("followUps", fmt.Sprintf("item %d says what is to be done", i+1))
		}
		if procedure.DateOf(f.DueOn).Before(procedure.DateOf(in.HeldOn)) {
			return auth.Invalid("followUps", fmt.Sprintf("item %d is due on or after the session", i+1))
		}
	}
	return nil
}

// staff: the supervisor, the supervisees and the follow-ups' assignees
// hold a role in the community.
func staff(ctx context.Context, c *ent.Client, in Session) error {
	named := map[string][]pulid.ID{"superviseeIDs": in.Supervisees}
	if in.Supervisor != nil {
		named["supervisorID"] = []pulid.ID{*in.Supervisor}
	}
	for _, f := range in.FollowUps {
		if f.Assignee != nil {
			named["followUps"] = append(named["followUps"], *f.Assignee)
		}
	}
	for field, ids := range named {
		ids = dedupe(ids)
		// The colleagues the viewer sees who hold a role in the community
		// (as caseManagers finds them): a yes/no per person, nothing shown.
		n, err := c.User.Query().Where(user.IDIn(ids...), user.HasMembershipsWith(membership.CommunityID(in.Community))).Count(ctx)
		if err != nil {
			return err
		}
		if n != len(ids) {
			return auth.Invalid(field, "not a member of the community's staff")
		}
	}
	return nil
}

// readableCases: the cases discussed are the community's and the viewer
// may read them; any other answers NOT_FOUND, as reading it would.
func readableCases(ctx context.Context, c *ent.Client, community pulid.ID, ids []pulid.ID) error {
	ids = dedupe(ids)
	if len(ids) == 0 {
		return nil
	}
	n, err := c.CaseFile.Query().Where(casefile.IDIn(ids...), casefile.CommunityID(community)).Count(ctx)
	if err != nil {
		return err
	}
	if n != len(ids) {
		return &ent.NotFoundError{}
	}
	return nil
}

func followUps(in []FollowUp) []schematype.SupervisionFollowUp {
	out := make([]schematype.SupervisionFollowUp, len(in))
	for i, f := range in {
		out[i] = schematype.SupervisionFollowUp{Key: strconv.Itoa(i + 1), Text: strings.TrimSpace(f.Text),
			AssigneeID: f.Assignee, DueOn: f.DueOn}
	}
	return out
}

// dedupe sorts ids and drops repeats; never nil, so the column holds a
// JSON list ([]), not null.
func dedupe(ids []pulid.ID) []pulid.ID {
	out := append([]pulid.ID{}, ids...)
	slices.Sort(out)
	return slices.Compact(out)
}
