package tenant_test

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/turbota/turbota/internal/platform/sourcetree"
)

// bypassCall is a use of the named bypass, with its step.
var bypassCall = regexp.MustCompile(`tenant\.Bypass\([^,]*, "([^"]*)"\)`)

// reviewedBypasses are the places written code may pass the privacy
// policies, each with its step and how many times it appears there. Every
// one is the system's own work, and its step says why: a record the system
// keeps (timeline, accesses, audit), a message to others, a counter or a
// yes/no the workflow needs and shows no one. A new use fails
// TestEveryBypassIsReviewed until it is reviewed and listed here; work a
// viewer does is allowed by a privacy rule instead (authz/*_rules.go).
var reviewedBypasses = map[string]map[string]int{
	"internal/audit/audit.go": {"write the change log: audit": 1},
	// The record's own read policy is asked first (History): only its
	// readers get here, and only the log lines about that record.
	"internal/audit/history.go": {"read the history of a record the viewer may read: its own read policy answered": 1},
	"internal/workflow/access.go": {
		"grant access to a case: case accesses are the system's record, no role writes them":           1,
		"read the case an access or approval concerns: to carry the step out, nothing shown":           1,
		"revoke a case access: case accesses are the system's record, no role writes them":             1,
		"revoke a former manager's access: case accesses are the system's record, no role writes them": 1,
	},
	"internal/workflow/approval.go": {
		"file a request for approval: a record of the system's, no role creates one": 1,
		"read a subject's approval status: a yes/no for the workflow, nothing shown": 1,
		"date the move an approved needs assessment makes: its dates, nothing shown": 1,
		"date an approval of a plan after the plan: its date, nothing shown":         1,
	},
	"internal/workflow/calendar.go": {"read the holiday calendar: reference data for deadlines": 1},
	"internal/workflow/cases.go": {
		"open a case for a report: the system's intake, whoever reported":                1,
		"write the case's timeline: the system's record of what people did, append-only": 1,
	},
	"internal/workflow/documents.go": {
		"read a document's chunk: the file's bytes, after the document itself was read as the viewer":      1,
		"store a document's chunks: the file's bytes, after the document itself was written as the viewer": 1,
	},
	"internal/workflow/plan.go": {
		"count the plan's versions: a number for the workflow, nothing shown":            1,
		"withdraw the approvals of older plan versions: the system's record of requests": 2,
	},
	"internal/workflow/progress.go": {
		"keep reports' status with their case: a derived field the system maintains": 1,
		"read a case's deadlines: timers the system keeps, nothing shown":            1,
	},
	"internal/workflow/referral.go":            {"read back a settled referral: the answer to the one who settled it": 1},
	"internal/workflow/team.go":                {"check a team place exists: a yes/no for the workflow, nothing shown": 1},
	"internal/workflow/community_transfer.go":  {"check a case awaits a transfer's answer: a yes/no for the workflow, nothing shown": 1},
	"internal/programmes/vouchers/vouchers.go": {"count a programme's vouchers: a counter, nothing shown": 1},
	"internal/documents/number.go":             {"issue a document's number: the register of numbers, for a record the viewer read": 1},
	"internal/workflow/when.go":                {"date a move of a case after its previous one: the timeline's last date, nothing shown": 1},
	"internal/workflow/withdrawal.go": {
		"record a consent's withdrawal on the family's cases: the timeline, the system's record": 1,
		"revoke what a consent gave: case accesses are the system's record, no role writes them": 1,
	},
	"graph/oversight.resolvers.go": {"show who opened an emergency access: the name on the audit record": 1},
	"internal/notify/notify.go": {
		"deliver notifications to others: messages to people other than the viewer": 1,
		"find the recipients of a notification: others' memberships, nothing shown": 1,
	},
}

// rawBypass is a decision handed to ent privacy by hand, which only
// tenant.Bypass may do: anywhere else it would be an unnamed way past the
// privacy policies.
var rawBypass = regexp.MustCompile(`privacy\.DecisionContext\(`)

// TestOnlyBypassPassesThePrivacyPolicies fails when written code (tests
// included; ent's generated code not) decides past the privacy policies
// other than through tenant.Bypass, which names its step.
func TestOnlyBypassPassesThePrivacyPolicies(t *testing.T) {
	walkWritten(t, func(rel string, src []byte) {
		for i, line := range strings.Split(string(src), "\n") {
			if rawBypass.MatchString(line) {
				t.Errorf("%s:%d passes the privacy policies by hand; use tenant.Bypass(ctx, step), naming the step", rel, i+1)
			}
		}
	})
}

// TestEveryBypassIsReviewed fails on a use of tenant.Bypass in written
// code (tests aside) that reviewedBypasses does not list with its step, and
// on a listed one that is gone, so that the list stays the truth.
func TestEveryBypassIsReviewed(t *testing.T) {
	found := map[string]map[string]int{}
	walkWritten(t, func(rel string, src []byte) {
		if strings.HasSuffix(rel, "_test.go") {
			return
		}
		for _, m := range bypassCall.FindAllSubmatch(src, -1) {
			if found[rel] == nil {
				found[rel] = map[string]int{}
			}
			found[rel][string(m[1])]++
		}
	})
	for file, steps := range found {
		for step, n := range steps {
			if want := reviewedBypasses[file][step]; n != want {
				t.Errorf("%s: %d uses of tenant.Bypass for %q, %d reviewed: is it the system's own work? Then list it in reviewedBypasses; if it is a viewer's step, write the privacy rule that allows it", file, n, step, want)
			}
		}
	}
	for file, steps := range reviewedBypasses {
		for step := range steps {
			if found[file][step] == 0 {
				t.Errorf("%s: reviewed bypass %q no longer used; take it off the list", file, step)
			}
		}
	}
}

// walkWritten calls visit with each written Go file of the module (ent's
// generated code, tenant/system.go and this file aside).
func walkWritten(t *testing.T, visit func(rel string, src []byte)) {
	t.Helper()
	sourcetree.Walk(t, func(f sourcetree.File) {
		if f.Generated || f.Rel == "tenant/system.go" || f.Rel == "tenant/bypass_guard_test.go" {
			return
		}
		src, err := os.ReadFile(f.Path)
		if err != nil {
			t.Fatal(err)
		}
		visit(f.Rel, src)
	})
}
