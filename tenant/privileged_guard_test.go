package tenant_test

import (
	"testing"

	"github.com/turbota/turbota/tenant"
)

// reviewedPrivilegedWrites are the database functions that change rows as
// their owner (SECURITY DEFINER, VOLATILE) and that requests may call:
// paths past row-level security, each named here with why it is safe. The
// read-only lookups the policies call (STABLE) are not changes and are not
// listed, nor trigger functions, which no one calls. A new one fails TestEveryPrivilegedWriteIsReviewed until it is
// reviewed and listed; one that is gone fails it too, so the list stays the
// truth (as reviewedBypasses does for the ent privacy policies).
var reviewedPrivilegedWrites = map[string]string{
	// The one path by which records change community: it checks the
	// transfer is ACCEPTED by the calling viewer, not yet carried, and
	// addressed to a community the viewer writes in (workflow.carry).
	"turbota_carry_transfer": "carry an accepted transfer's records to the receiving community",
	// Writes notifications to the other community's staff: the caller must
	// write in the community whose step the transfer's status is
	// (workflow.notifyTransfer).
	"turbota_notify_transfer": "tell the other community of a transfer what happened",
}

// TestEveryPrivilegedWriteIsReviewed compares the catalog's owner-run
// functions that the application role may execute with the reviewed list.
func TestEveryPrivilegedWriteIsReviewed(t *testing.T) {
	db, _ := open(t)
	rows, err := db.Query(`SELECT p.proname FROM pg_proc p
		WHERE p.pronamespace = 'public'::regnamespace AND p.prosecdef AND p.provolatile = 'v'
		  AND p.prorettype <> 'trigger'::regtype
		  AND has_function_privilege($1, p.oid, 'EXECUTE')`, tenant.AppRole)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	found := map[string]bool{}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		found[name] = true
		if _, ok := reviewedPrivilegedWrites[name]; !ok {
			t.Errorf("%s changes rows as the owner and %s may call it: review it and list it in reviewedPrivilegedWrites, or make it SECURITY INVOKER", name, tenant.AppRole)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	for name := range reviewedPrivilegedWrites {
		if !found[name] {
			t.Errorf("reviewed privileged function %s is gone; take it off the list", name)
		}
	}
}
