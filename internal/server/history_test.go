package server_test

import (
	"context"
	"strings"
	"testing"

	"github.com/turbota/turbota/internal/auth"
	"github.com/turbota/turbota/internal/demo"
	"github.com/turbota/turbota/internal/server"
	"github.com/turbota/turbota/internal/server/apitest"
	"github.com/turbota/turbota/tenant"
)

const historyQuery = `query($id: ID!) { history(record: $id) { action valuesHidden actor { id } fields { field old new redacted } } }`

// fieldChange finds a field of the record's history's last change naming it.
func fieldChange(r *gqlResponse, field string) (change, fc map[string]any) {
	list, _ := r.Data["history"].([]any)
	for _, c := range list {
		for _, f := range c.(map[string]any)["fields"].([]any) {
			if f.(map[string]any)["field"] == field {
				change, fc = c.(map[string]any), f.(map[string]any)
			}
		}
	}
	return change, fc
}

// TestHistoryShowsValuesToReadersOnly: a change of a person's name keeps the
// name before and after; whoever may read the person sees both, an auditor
// of the community sees the change without values, another community or a
// reporting partner sees nothing.
func TestHistoryShowsValuesToReadersOnly(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t, server.Config{})
	ssd := e.as(demo.VinnytsiaChildrenServiceEmail)
	community := string(fx[own].Community)
	family := okay(apitest.CreateFamily(ctx, ssd, community, "History family"))(t, "family").CreateFamily.Id
	child := okay(apitest.CreateChild(ctx, ssd, community, family, "Олена", "Коваль"))(t, "child").CreatePerson.Id
	token := e.login(demo.VinnytsiaChildrenServiceEmail)
	if r := e.do(token, `mutation($id: ID!) { updatePerson(id: $id, input: {lastName: "Шевченко"}) { lastName } }`, map[string]any{"id": child}); len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}

	r := e.do(token, historyQuery, map[string]any{"id": child})
	change, fc := fieldChange(r, "last_name")
	if fc == nil || change["action"] != "UPDATE" || change["valuesHidden"] != false ||
		fc["old"] != `"Коваль"` || fc["new"] != `"Шевченко"` || change["actor"] == nil {
		t.Fatalf("the name's change for the children's service: %v %v", r.Data, r.Errors)
	}
	if list := r.Data["history"].([]any); list[0].(map[string]any)["action"] != "CREATE" {
		t.Errorf("the history starts with %v", list[0])
	}

	auditor := e.do(e.login(demo.VinnytsiaAuditorEmail), historyQuery, map[string]any{"id": child})
	if _, fc := fieldChange(auditor, "last_name"); fc != nil && (fc["old"] != nil || fc["new"] != nil) {
		if own := e.do(e.login(demo.VinnytsiaAuditorEmail), `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": child}); str(own.Data, "node", "id") == "" {
			t.Errorf("an auditor who may not read the person reads its values: %v", fc)
		}
	}
	for _, who := range []string{demo.PoltavaChildrenServiceEmail, demo.VinnytsiaPartnerReporterEmail} {
		r := e.do(e.login(who), historyQuery, map[string]any{"id": child})
		if strings.Contains(r.String(), "Коваль") || strings.Contains(r.String(), "Шевченко") {
			t.Errorf("%s reads the history's values: %v", who, r.Data)
		}
	}
}

// TestSecretsAreNeverInTheLog: a token's hash is named in the log but its
// value is not kept.
func TestSecretsAreNeverInTheLog(t *testing.T) {
	t.Parallel()
	e := newEnv(t, server.Config{})
	if _, _, _, err := auth.NewAPIClient(tenant.SystemContext(context.Background()), e.client, fx[own].Community, auth.APIClientInput{Name: "School portal"}); err != nil {
		t.Fatal(err)
	}
	rows, err := e.db.Query(`SELECT c->>'field', c ? 'old', c ? 'new', coalesce((c->>'redacted')::bool, false)
		FROM audit_events, jsonb_array_elements(changes) c WHERE changes IS NOT NULL`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	seen := 0
	for rows.Next() {
		var field string
		var old, new, redacted bool
		if err := rows.Scan(&field, &old, &new, &redacted); err != nil {
			t.Fatal(err)
		}
		secretName := strings.Contains(field, "hash") || strings.Contains(field, "token") || strings.Contains(field, "secret") || strings.Contains(field, "password")
		if secretName {
			seen++
			if old || new || !redacted {
				t.Errorf("a secret's value in the log: %s", field)
			}
		}
	}
	if seen == 0 {
		t.Error("the API client's token hash is not named in the log")
	}
}
