package tenant_test

import (
	"context"
	"testing"

	"github.com/turbota/turbota/tenant"
)

// TestReadsCommitWithoutWaitingForTheDisk: a read's transaction (its one
// write the access log) commits with synchronous_commit off unless the
// operator asked for durable reads; a change's keeps the server's setting.
func TestReadsCommitWithoutWaitingForTheDisk(t *testing.T) {
	db, client := open(t)
	// The test cluster runs with synchronous_commit off; the database's
	// own setting, which new connections take, makes the cases differ.
	if _, err := db.Exec(`DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET synchronous_commit = on', current_database()); END $$`); err != nil {
		t.Fatal(err)
	}
	db.SetMaxIdleConns(0) // the next transactions open connections that see it
	const server = "on"
	v := &tenant.Viewer{UserID: "US00000000000000000000000000"}
	v.SetSight(&tenant.Sight{})
	for _, c := range []struct {
		name   string
		limits tenant.Limits
		want   string
	}{
		{"change", tenant.DefaultLimits(), server},
		{"read", tenant.DefaultLimits().ForRead(), "off"},
		{"durable read", tenant.Limits{DurableReads: true}.ForRead(), server},
	} {
		tx, err := tenant.BeginWith(context.Background(), client, v, c.limits)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := tx.QueryContext(context.Background(), `SHOW synchronous_commit`)
		if err != nil {
			t.Fatal(err)
		}
		var got string
		for rows.Next() {
			_ = rows.Scan(&got)
		}
		rows.Close()
		_ = tx.Rollback()
		if got != c.want {
			t.Errorf("%s: synchronous_commit %q, want %q", c.name, got, c.want)
		}
	}
}
