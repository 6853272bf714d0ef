package server_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/lib/pq"

	"github.com/turbota/turbota/internal/demo"
	"github.com/turbota/turbota/internal/server"
)

func TestChangesAndReadsAreAttributable(t *testing.T) {
	e := newEnv(t, server.Config{})
	token := e.login(demo.VinnytsiaChildrenServiceEmail)
	person := fx[own].Person
	if r := e.do(token, `mutation($id: ID!) { updatePerson(id: $id, input: {firstName: "Нове"}) { id } }`, map[string]any{"id": person}); len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	if r := e.do(token, `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": person}); r.Data["node"] == nil {
		t.Fatal(r.Errors)
	}
	var user string
	if err := e.db.QueryRow(`SELECT id FROM users WHERE email = $1`, demo.VinnytsiaChildrenServiceEmail).Scan(&user); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ action, fields string }{{"UPDATE", `["first_name", "updated_at"]`}, {"READ", "null"}} {
		var actor, community, fields, request string
		err := e.db.QueryRow(`SELECT actor_user_id, community_id, coalesce(fields::text, 'null'), request_id FROM audit_events
			WHERE (entity_id = $1 OR entity_ids @> jsonb_build_array($1::text)) AND action = $2 ORDER BY occurred_at DESC LIMIT 1`, person, tc.action).
			Scan(&actor, &community, &fields, &request)
		if err != nil {
			t.Fatalf("%s event: %v", tc.action, err)
		}
		if actor != user || community != string(fx[own].Community) || fields != tc.fields || request == "" {
			t.Errorf("%s event: actor=%s community=%s fields=%s request=%q", tc.action, actor, community, fields, request)
		}
	}
	// Reading a case is logged too.
	if r := e.do(token, `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": fx[own].Case}); r.Data["node"] == nil {
		t.Fatal(r.Errors)
	}
	var reads int
	if err := e.db.QueryRow(`SELECT count(*) FROM audit_events WHERE entity_ids @> jsonb_build_array($1::text) AND action = 'READ' AND actor_user_id = $2`,
		fx[own].Case, user).Scan(&reads); err != nil || reads != 1 {
		t.Errorf("case reads logged: %d, %v", reads, err)
	}
	// The auditor of the community reads the log through the API.
	auditor := e.login(demo.VinnytsiaAuditorEmail)
	r := e.do(auditor, `query($id: ID!) { auditEvents(where: {record: $id}) { totalCount } }`, map[string]any{"id": string(person)})
	if n, _ := r.Data["auditEvents"].(map[string]any)["totalCount"].(float64); n < 2 {
		t.Errorf("auditor sees %v events of the person: %v", r.Data, r.Errors)
	}
	// … and sees who acted by name.
	r = e.do(auditor, `query($id: String!) { auditEvents(first: 1, where: {entityID: $id, action: UPDATE}) { edges { node { actorUser { displayName } } } } }`,
		map[string]any{"id": string(person)})
	if !strings.Contains(r.String(), `"displayName":"`) || strings.Contains(r.String(), `"actorUser":null`) {
		t.Errorf("the auditor does not see who changed the person: %s", r.String())
	}
}

func TestIntrospectionFollowsConfiguration(t *testing.T) {
	const q = `{ __schema { queryType { name } } }`
	if r := newEnv(t, server.Config{Introspection: true}).do("", q, nil); len(r.Errors) > 0 {
		t.Errorf("introspection on: %v", r.Errors)
	}
	if r := newEnv(t, server.Config{}).do("", q, nil); r.code() != server.CodeBadUserInput {
		t.Errorf("introspection off: %v", r.Errors)
	}
}

// TestLoggedUsersAreKept: the log names its actor by value (no foreign key,
// whose check cost every read), and a trigger still keeps a user who acted
// in it from being deleted, even by the owner; a user who never acted may be.
func TestLoggedUsersAreKept(t *testing.T) {
	e := newEnv(t, server.Config{})
	e.login(demo.VinnytsiaChildrenServiceEmail) // a LOGIN line
	var actor string
	if err := e.db.QueryRow(`SELECT id FROM users WHERE email = $1`, demo.VinnytsiaChildrenServiceEmail).Scan(&actor); err != nil {
		t.Fatal(err)
	}
	_, err := e.db.Exec(`DELETE FROM users WHERE id = $1`, actor)
	var pqErr *pq.Error
	if !errors.As(err, &pqErr) || pqErr.Code != "23503" {
		t.Errorf("deleting a user with lines in the log: %v, want a foreign_key_violation", err)
	}
	var idle string
	if err := e.db.QueryRow(`SELECT u.id FROM users u WHERE NOT EXISTS (SELECT 1 FROM audit_events a WHERE a.actor_user_id = u.id)
		AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id) AND NOT EXISTS (SELECT 1 FROM sessions s WHERE s.user_id = u.id)
		AND NOT EXISTS (SELECT 1 FROM credentials c WHERE c.user_id = u.id) LIMIT 1`).Scan(&idle); err != nil {
		if _, err := e.db.Exec(`INSERT INTO users (id, created_at, updated_at, email, display_name, totp_enabled, disabled)
			VALUES ('US0000000000000000000000IDLE', now(), now(), 'idle@example.org', 'Idle', false, false)`); err != nil {
			t.Fatal(err)
		}
		idle = "US0000000000000000000000IDLE"
	}
	if _, err := e.db.Exec(`DELETE FROM users WHERE id = $1`, idle); err != nil {
		t.Errorf("deleting a user who never acted: %v", err)
	}
}

// TestOneOperationLogsALinePerTypeAndCommunity: a list read in one
// operation is one READ line per type of record and community, listing
// every record read, not a line per record; "who read this record" still
// finds each of them.
func TestOneOperationLogsALinePerTypeAndCommunity(t *testing.T) {
	e := newEnv(t, server.Config{})
	token := e.login(demo.VinnytsiaChildrenServiceEmail)
	var before int
	if err := e.db.QueryRow(`SELECT count(*) FROM audit_events WHERE action = 'READ'`).Scan(&before); err != nil {
		t.Fatal(err)
	}
	r := e.do(token, `{ cases(first: 10) { edges { node { id family { id } children { id } } } } }`, nil)
	if len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	read := map[string][]string{}
	for _, edge := range r.Data["cases"].(map[string]any)["edges"].([]any) {
		node := edge.(map[string]any)["node"].(map[string]any)
		read["CaseFile"] = append(read["CaseFile"], node["id"].(string))
		if f, ok := node["family"].(map[string]any); ok {
			read["Family"] = append(read["Family"], f["id"].(string))
		}
		for _, c := range node["children"].([]any) {
			read["Person"] = append(read["Person"], c.(map[string]any)["id"].(string))
		}
	}
	rows, err := e.db.Query(`SELECT entity_type, community_id, entity_ids::text FROM audit_events
		WHERE action = 'READ' ORDER BY occurred_at DESC, entity_type LIMIT (SELECT count(*) - $1 FROM audit_events WHERE action = 'READ')`, before)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	lines := map[string]string{}
	for rows.Next() {
		var typ, community, ids string
		if err := rows.Scan(&typ, &community, &ids); err != nil {
			t.Fatal(err)
		}
		if _, twice := lines[typ]; twice || community != string(fx[own].Community) {
			t.Errorf("a second %s line, or one outside the community (%s)", typ, community)
		}
		lines[typ] = ids
	}
	if len(lines) != len(read) {
		t.Fatalf("%d READ lines for %d types read: %v", len(lines), len(read), lines)
	}
	for typ, ids := range read {
		for _, id := range ids {
			if !strings.Contains(lines[typ], `"`+id+`"`) {
				t.Errorf("the %s line does not name %s: %s", typ, id, lines[typ])
			}
		}
	}
	auditor := e.login(demo.VinnytsiaAuditorEmail)
	last := read["Person"][len(read["Person"])-1]
	r = e.do(auditor, `query($id: ID!) { auditEvents(where: {record: $id, action: READ}) { edges { node { entityType records } } } }`, map[string]any{"id": last})
	if !strings.Contains(r.String(), last) {
		t.Errorf("the auditor does not find who read %s: %s", last, r.String())
	}
}

// A read that did not name its community (a viewer of several communities
// whose query did not select the column) is logged under the record's own
// community, looked up, through the same INSERT as a read that named it.
func TestAReadWithoutItsCommunityIsLoggedUnderTheRecords(t *testing.T) {
	e := newEnv(t, server.Config{})
	var caseID, community string
	if err := e.db.QueryRow(`SELECT id, community_id FROM case_files WHERE community_id = $1 LIMIT 1`, fx[own].Community).
		Scan(&caseID, &community); err != nil {
		t.Fatal(err)
	}
	if _, err := e.db.Exec(`SELECT turbota_log_reads(now(), NULL, NULL, 'lookup-test', ARRAY['AU01LOOKUPTEST00000000000001', 'AU01LOOKUPTEST00000000000002'],
		ARRAY['CaseFile', 'CaseFile'], ARRAY[$1, $1], ARRAY['', $2])`, caseID, community); err != nil {
		t.Fatal(err)
	}
	var lines int
	var logged string
	if err := e.db.QueryRow(`SELECT count(*), min(community_id) FROM audit_events WHERE request_id = 'lookup-test'`).
		Scan(&lines, &logged); err != nil {
		t.Fatal(err)
	}
	if lines != 1 || strings.TrimSpace(logged) != community {
		t.Errorf("%d lines under %q, want one under the case's community %s", lines, logged, community)
	}
}
