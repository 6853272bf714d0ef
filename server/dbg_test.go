package server_test

import (
	"strings"
	"testing"
	"github.com/turbota/turbota/demo"
	"github.com/turbota/turbota/server"
)

func TestDebugInternal(t *testing.T) {
	e := newEnv(t, server.Config{})
	tok := e.login(demo.VinnytsiaChildrenServiceEmail)
	r := e.do(tok, `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": fx[own].Family})
	t.Log(r.Errors, r.Data)
	r = e.do(tok, `mutation($id: ID!) { updateOrganization(id: $id, input: {name: "x"}) { id } }`, map[string]any{"id": fx[own].Organization})
	t.Log(r.Errors)
	for _, l := range strings.Split(logs.String(), "\n") {
		if strings.Contains(l, "error") { t.Log(l) }
	}
	var n int
	e.db.QueryRow("select count(*) from audit_events where action='READ'").Scan(&n)
	t.Log("reads", n)
}
