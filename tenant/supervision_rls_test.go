package tenant_test

import (
	"context"
	"slices"
	"testing"

	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/ent/supervisionsession"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/tenant"
)

// TestRLSAloneNarrowsTheSupervisionJournal: with casbin and the ent
// privacy rules off, PostgreSQL alone shows a reader without
// supervision_journal only the sessions they supervised or were
// supervised in, and the journal's readers every session.
func TestRLSAloneNarrowsTheSupervisionJournal(t *testing.T) {
	_, client := open(t)
	w := buildWorld(t, client)
	sys := tenant.SystemContext(context.Background())
	const me, other = pulid.ID("US0000000000000000000000SUPE"), pulid.ID("US0000000000000000000000OTHR")
	session := func(supervisor *pulid.ID, supervisees ...pulid.ID) pulid.ID {
		s, err := client.SupervisionSession.Create().SetCommunityID(w.community).SetKind(supervisionsession.KindINDIVIDUAL).
			SetFormat(supervisionsession.FormatONLINE).SetHeldOn(clock.Now()).SetSupervisorKind(supervisionsession.SupervisorKindINTERNAL).
			SetNillableSupervisorID(supervisor).SetSuperviseeIds(supervisees).Save(sys)
		check(t, err)
		return s.ID
	}
	mine, theirs, byMe := session(nil, me), session(nil, other), session(func() *pulid.ID { id := me; return &id }(), other)

	tx, ctx := asViewer(t, client, w, me, &tenant.Sight{Readable: map[string][]pulid.ID{"supervision_journal": nil}})
	got, err := tx.SupervisionSession.Query().IDs(ctx)
	check(t, err)
	slices.Sort(got)
	want := []pulid.ID{mine, byMe}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("a supervisee reads %v, want only their own %v", got, want)
	}
	tx, ctx = asViewer(t, client, w, other, &tenant.Sight{})
	if n, err := tx.SupervisionSession.Query().Count(ctx); err != nil || n != 3 {
		t.Errorf("a reader of the journal reads %d sessions (%v), want 3 (%v)", n, err, theirs)
	}
}
