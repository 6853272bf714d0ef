package authz

import (
	"database/sql"
	"regexp"
	"testing"

	"entgo.io/ent/dialect/sql/schema"

	"github.com/turbota/turbota/ent/migrate"
	"github.com/turbota/turbota/internal/platform/testdb"
)

// TestRowLevelSecurityCoversTheRules keeps the migrations' policies in step
// with the privacy rules: every community-owned table (but unnarrowed)
// carries the policy's object permissions, and every table
// of a type need-to-know narrows carries need-to-know for reads, updates
// and deletes.
func TestRowLevelSecurityCoversTheRules(t *testing.T) {
	db, err := sql.Open("postgres", testdb.New(t))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT tablename, policyname, coalesce(qual, '') FROM pg_policies WHERE schemaname = 'public'`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	policies := map[string]map[string]string{} // table → policy → its condition
	for rows.Next() {
		var table, name, qual string
		if err := rows.Scan(&table, &name, &qual); err != nil {
			t.Fatal(err)
		}
		if policies[table] == nil {
			policies[table] = map[string]string{}
		}
		policies[table][name] = qual
	}
	objectOf := map[string]string{} // table → the object its object_read names
	quoted := regexp.MustCompile(`turbota_readable\('([a-z_]+)'`)
	for _, table := range migrate.Tables {
		if !hasColumn(table, "community_id") || unnarrowed[table.Name] {
			continue
		}
		m := quoted.FindStringSubmatch(policies[table.Name]["community_read"] + policies[table.Name]["object_read"])
		if m == nil {
			t.Errorf("%s: its community policy does not ask for the readable communities", table.Name)
			continue
		}
		objectOf[table.Name] = m[1]
	}
	for typ := range links {
		found := false
		for table, obj := range objectOf {
			if obj != Object(typ) || table == "document_chunks" {
				continue
			}
			found = true
			for _, p := range []string{"need_to_know_read", "need_to_know_update", "need_to_know_delete"} {
				if _, ok := policies[table][p]; !ok {
					t.Errorf("%s (%s) lacks %s", table, typ, p)
				}
			}
		}
		if !found {
			t.Errorf("no table carries the object permissions of %s", typ)
		}
	}
}

// unnarrowed are the community-owned tables whose rows the object
// permissions do not narrow in row-level security: notifications are each
// user's own, and workflows find in memberships whom to notify; saved
// filters are each user's own too (a restrictive owner-only policy).
var unnarrowed = map[string]bool{"notifications": true, "memberships": true, "saved_filters": true}

func hasColumn(t *schema.Table, name string) bool {
	for _, c := range t.Columns {
		if c.Name == name {
			return true
		}
	}
	return false
}
