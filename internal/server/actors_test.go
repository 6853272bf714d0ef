package server_test

import (
	"context"
	"testing"

	"github.com/turbota/turbota/internal/demo"
	"github.com/turbota/turbota/internal/server"
	"github.com/turbota/turbota/internal/server/apitest"
)

// Actor tables: every workflow mutation, tried by the six callers the
// policy speaks of, each with the outcome the policy gives it. They test
// the API's answers (allowed, or the stable error code), not where the
// decision is taken, so they hold whichever layer enforces the rule.

// actor is one caller of an actor table.
type actor string

const (
	// owner: the role the step belongs to, on a case it works on.
	owner actor = "owner"
	// colleague: same community, a role without the step's permission.
	colleague actor = "colleague"
	// provider: a provider's manager whose organisation has no access to
	// the case (strangerEmail).
	provider actor = "provider-without-access"
	// other: the owner's role in another region's community.
	other actor = "other-community"
	// regional: the regional supervisor over the own community.
	regional actor = "regional"
	// apiClient: the own community's third-party app (API_CLIENT role).
	apiClient actor = "api-client"
)

// The refused run first and the owner last: a refusal must leave the state
// as it was, so the owner's step still succeeds after them.
var actorOrder = []actor{colleague, provider, other, regional, apiClient, owner}

// Outcomes of a call.
const (
	allowed   = "allowed"
	forbidden = server.CodeForbidden
	notFound  = server.CodeNotFound
	// isOwner marks the column of the actor who is the table's owner
	// (the regional supervisor breaking the glass): it runs as the owner.
	isOwner = "is the owner"
)

// outcomes is the expected answer per actor; an empty one fails the table,
// so no actor is forgotten.
type outcomes map[actor]string

// actorTable is one mutation's table.
type actorTable struct {
	// ownerEmail and colleagueEmail: demo accounts of the own community
	// (default: the children's service, and the community admin, who has
	// no access to case files). otherEmail is the owner's counterpart in
	// Полтава (default: its children's service).
	ownerEmail, colleagueEmail, otherEmail string
	// setup brings a fresh scene to where the step applies; it returns what
	// the call acts on.
	setup func(t *testing.T, s *scene) string
	// call is the mutation through the typed client.
	call func(ctx context.Context, c *apitest.Client, s *scene, target string) error
	want outcomes
}

// counterparts: the other community's user of the owner's role.
var counterparts = map[string]string{
	demo.VinnytsiaChildrenServiceEmail:  demo.PoltavaChildrenServiceEmail,
	demo.VinnytsiaProviderManagerEmail:  demo.PoltavaProviderManagerEmail,
	demo.VinnytsiaSocialProtectionEmail: demo.PoltavaSocialProtectionEmail,
	demo.VinnytsiaGuardianshipEmail:     demo.PoltavaGuardianshipEmail,
	demo.VinnytsiaAdminEmail:            demo.PoltavaAdminEmail,
}

func TestActorTables(t *testing.T) {
	for name, tb := range actorTables {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			runActorTable(t, tb)
		})
	}
}

func runActorTable(t *testing.T, tb actorTable) {
	for _, a := range actorOrder {
		if tb.want[a] == "" {
			t.Fatalf("no expected outcome for %s", a)
		}
	}
	e := newEnv(t, server.Config{})
	e.addStranger()
	s := newScene(t, e, apitest.ReportCategoryNeglect)
	target := ""
	if tb.setup != nil {
		target = tb.setup(t, s)
	}
	ownerEmail := or(tb.ownerEmail, demo.VinnytsiaChildrenServiceEmail)
	callers := map[actor]func() *apitest.Client{
		owner:     func() *apitest.Client { return e.as(ownerEmail) },
		colleague: func() *apitest.Client { return e.as(or(tb.colleagueEmail, demo.VinnytsiaAdminEmail)) },
		provider:  func() *apitest.Client { return e.as(strangerEmail) },
		other:     func() *apitest.Client { return e.as(or(tb.otherEmail, counterparts[ownerEmail])) },
		regional:  func() *apitest.Client { return e.as(demo.RegionalSupervisorEmail) },
		apiClient: func() *apitest.Client { return e.api(fx[own].APIToken) },
	}
	for _, a := range actorOrder {
		want := tb.want[a]
		if want == isOwner {
			continue
		}
		err := tb.call(context.Background(), callers[a](), s, target)
		if got := outcome(err); got != want {
			t.Errorf("%s: got %s, want %s (%v)", a, got, want, err)
		}
	}
}

// outcome is "allowed" or the error's stable code.
func outcome(err error) string {
	if err == nil {
		return allowed
	}
	return apitest.Code(err)
}

func or(s, def string) string {
	if s != "" {
		return s
	}
	return def
}

// refusedOutside is the common shape: the owner may; the colleague and
// the stranger provider are refused with the given codes (FORBIDDEN where
// they see the record but lack the permission, NOT_FOUND where they may
// not see it); to the other community, the regional supervisor (who never
// writes and reads no case file) and the API client (which only reports)
// the record does not exist.
func refusedOutside(colleagueCode, providerCode string) outcomes {
	return outcomes{owner: allowed, colleague: colleagueCode, provider: providerCode,
		other: notFound, regional: notFound, apiClient: notFound}
}
