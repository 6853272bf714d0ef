package server_test

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/graph/generated"
	"github.com/turbota/turbota/internal/demo"
	"github.com/turbota/turbota/internal/server"
)

// The filter-probe matrix: for every list field of the query type with a
// where input, every has…With edge predicate of that input, aimed at each
// object the hostile viewer may not read, must count nothing. The fields
// and edges come from the served schema, so a new edge is probed without
// editing this test.

// probeField is one list field and the edges its where input walks.
type probeField struct {
	name       string
	connection bool
	edges      map[string]string // predicate → the GraphQL type it reaches
}

func probeFields() []probeField {
	schema := generated.NewExecutableSchema(generated.Config{}).Schema()
	var out []probeField
	for _, f := range schema.Query.Fields {
		pf := probeField{name: f.Name, connection: strings.HasSuffix(f.Type.Name(), "Connection")}
		usable := true
		for _, a := range f.Arguments {
			switch {
			case a.Name == "where":
				pf.edges = map[string]string{}
				for _, in := range schema.Types[a.Type.Name()].Fields {
					if strings.HasPrefix(in.Name, "has") && strings.HasSuffix(in.Name, "With") {
						pf.edges[in.Name] = strings.TrimSuffix(in.Type.Name(), "WhereInput")
					}
				}
			case a.Type.NonNull:
				usable = false // a field that needs more than a filter
			}
		}
		if usable && len(pf.edges) > 0 {
			out = append(out, pf)
		}
	}
	return out
}

// candidates are every fixture object of the own and the other region's
// community, and the hidden family's, by GraphQL type: each typed by the
// children's service that reads it.
func candidates(t *testing.T, e *env, planted hidden) map[string][]pulid.ID {
	t.Helper()
	out := map[string][]pulid.ID{}
	for name, email := range map[string]string{own: demo.VinnytsiaChildrenServiceEmail, otherRegion: demo.PoltavaChildrenServiceEmail} {
		ids := fixtureIDs(fx[name])
		if name == own {
			ids = append(ids, planted.IDs...)
		}
		for id, typ := range typesOf(t, e, e.login(email), ids) {
			if typ != "" {
				out[typ] = append(out[typ], id)
			}
		}
	}
	for _, ids := range out {
		sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	}
	return out
}

// fixtureIDs are the IDs a fixture holds.
func fixtureIDs(f *fixture) []pulid.ID {
	var out []pulid.ID
	v := reflect.ValueOf(f).Elem()
	for i := range v.NumField() {
		if id, ok := v.Field(i).Interface().(pulid.ID); ok && id != "" {
			out = append(out, id)
		}
	}
	return out
}

// typesOf asks, as the viewer, for the GraphQL type of each ID: "" where
// the viewer may not read it.
func typesOf(t *testing.T, e *env, token string, ids []pulid.ID) map[pulid.ID]string {
	t.Helper()
	out := map[pulid.ID]string{}
	const batch = 100
	for start := 0; start < len(ids); start += batch {
		part := ids[start:min(start+batch, len(ids))]
		r := e.do(token, `query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`, map[string]any{"ids": part})
		nodes, _ := r.Data["nodes"].([]any)
		for i, id := range part {
			out[id] = ""
			if i < len(nodes) {
				if n, ok := nodes[i].(map[string]any); ok {
					out[id], _ = n["__typename"].(string)
				}
			}
		}
	}
	return out
}

// TestFilterProbeMatrix aims every edge predicate of every filterable list
// at every object each hostile viewer may not read.
func TestFilterProbeMatrix(t *testing.T) {
	e := newEnv(t, server.Config{})
	byType := candidates(t, e, plantSecret(t, e))
	viewers := map[string]string{
		"provider not on the case": demo.VinnytsiaProviderManagerEmail,
		"school":                   demo.VinnytsiaPartnerReporterEmail,
		"community admin":          demo.VinnytsiaAdminEmail,
		"other community":          demo.PoltavaChildrenServiceEmail,
		"regional supervisor":      demo.RegionalSupervisorEmail,
	}
	probes, fields := 0, probeFields()
	for who, email := range viewers {
		token := e.login(email)
		var all []pulid.ID
		for _, ids := range byType {
			all = append(all, ids...)
		}
		seen := typesOf(t, e, token, all)
		for _, f := range fields {
			var aims []aim
			for pred, typ := range f.edges {
				for _, id := range byType[typ] {
					if seen[id] == "" { // the viewer may not read it
						aims = append(aims, aim{pred, id})
					}
				}
			}
			probes += len(aims)
			for start := 0; start < len(aims); start += 25 { // within the alias limit
				probeBatch(t, e, token, who, f, aims[start:min(start+25, len(aims))])
			}
		}
	}
	if probes < 100 {
		t.Errorf("only %d probes: the matrix found too little to aim at", probes)
	}
	t.Logf("%d filter probes", probes)
}

// aim is one edge predicate aimed at one object.
type aim struct {
	pred string
	id   pulid.ID
}

// probeBatch asks the field through each aim in one operation, and wants
// nothing counted.
func probeBatch(t *testing.T, e *env, token, who string, f probeField, aims []aim) {
	t.Helper()
	var params, fields []string
	vars := map[string]any{}
	for i, a := range aims {
		n := fmt.Sprintf("i%d", i)
		params = append(params, "$"+n+": ID!")
		fields = append(fields, fmt.Sprintf("%s: %s(where: {%s: [{id: $%s}]}) { %s }", n, f.name, a.pred, n, selection(f)))
		vars[n] = a.id
	}
	r := e.do(token, "query("+strings.Join(params, ", ")+") {\n"+strings.Join(fields, "\n")+"\n}", vars)
	if len(r.Errors) > 0 {
		t.Errorf("%s: %s: %v", who, f.name, r.Errors[0].Message)
		return
	}
	for i, a := range aims {
		if n := count(r.Data[fmt.Sprintf("i%d", i)]); n != 0 {
			t.Errorf("%s: %s(where: {%s: {id: %s}}) counts %d through an object it may not read", who, f.name, a.pred, a.id, n)
		}
	}
}

func selection(f probeField) string {
	if f.connection {
		return "totalCount"
	}
	return "id"
}

// count is a connection's totalCount or a list's length.
func count(v any) int {
	switch x := v.(type) {
	case map[string]any:
		n, _ := x["totalCount"].(float64)
		return int(n)
	case []any:
		return len(x)
	}
	return 0
}
