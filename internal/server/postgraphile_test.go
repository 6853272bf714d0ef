package server_test

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// postgraphileConfig serves the database's public schema with PostGraphile
// v5's Amber preset; every request runs as the application role with the
// viewer's communities in the transaction's settings (pgSettings), the
// same walls Turbota's requests and the raw handler run under. The viewer
// comes in headers here: a bench stands in for a signed token.
const postgraphileConfig = `import { PostGraphileAmberPreset } from "postgraphile/presets/amber";
import { makePgService } from "postgraphile/adaptors/pg";

export default {
  extends: [PostGraphileAmberPreset],
  pgServices: [makePgService({ connectionString: process.env.DATABASE_URL, schemas: ["public"], poolConfig: { max: 32 } })],
  grafserv: { port: Number(process.env.PORT), host: "127.0.0.1", graphiql: false },
  grafast: {
    explain: false,
    context(ctx) {
      const h = ctx.node?.req?.headers ?? {};
      return { pgSettings: { role: "turbota_app", "turbota.read_communities": h["x-read"] ?? "",
        "turbota.write_communities": h["x-write"] ?? "", "turbota.user_id": h["x-user"] ?? "" } };
    },
  },
};
`

// PostGraphile's operations for the shapes it is compared on.
const (
	pgByID = `query($id: String!) { caseFileByRowId(rowId: $id) { rowId status openedAt closedAt safetyAssessmentDue } }`
	pgList = `{ allCaseFiles(first: 50, orderBy: OPENED_AT_DESC) { nodes { rowId status openedAt familyByFamilyId { name }
	caseFileChildrenByCaseFileId { nodes { personByPersonId { firstName lastName birthDate } } }
	safetyAssessmentsByCaseId { nodes { result conductedAt } } userByManagerId { displayName } } } }`
	pgDeep = `query($id: String!) { caseFileByRowId(rowId: $id) { rowId status openedAt
	familyByFamilyId { name address peopleByFamilyId(first: 10) { totalCount nodes { firstName lastName birthDate
		reportChildrenByPersonId(first: 5) { nodes { reportByReportId { source receivedAt } } } } } }
	caseFileChildrenByCaseFileId { nodes { personByPersonId { firstName lastName birthDate } } }
	safetyAssessmentsByCaseId { nodes { result conductedAt } } userByManagerId { displayName } } }`
)

// postgraphileTarget starts PostGraphile on the bench's database when
// BENCH_POSTGRAPHILE names a directory where postgraphile@5 is installed
// (npm install postgraphile@5; node ≥ 22, or BENCH_NODE naming such a
// node), and returns nil, saying why, when it cannot.
func postgraphileTarget(b *testing.B, e *env, w *world) *benchTarget {
	dir := os.Getenv("BENCH_POSTGRAPHILE")
	if dir == "" {
		fmt.Fprintln(os.Stderr, "PostGraphile: skipped (set BENCH_POSTGRAPHILE to a directory with postgraphile@5 installed)")
		return nil
	}
	cli := filepath.Join(dir, "node_modules", "postgraphile", "dist", "cli-run.js")
	if _, err := os.Stat(cli); err != nil {
		fmt.Fprintf(os.Stderr, "PostGraphile: skipped (%v)\n", err)
		return nil
	}
	node := os.Getenv("BENCH_NODE")
	if node == "" {
		node = "node"
	}
	config := filepath.Join(dir, "turbota-bench.config.mjs")
	if err := os.WriteFile(config, []byte(postgraphileConfig), 0o644); err != nil {
		b.Fatal(err)
	}
	port := freePort(b)
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, node, cli, "-C", config)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "DATABASE_URL="+pgURL(e.dsn), fmt.Sprint("PORT=", port), "GRAPHILE_ENV=production")
	out, _ := cmd.StdoutPipe()
	cmd.Stderr = cmd.Stdout
	if err := cmd.Start(); err != nil {
		cancel()
		fmt.Fprintf(os.Stderr, "PostGraphile: skipped (%v)\n", err)
		return nil
	}
	b.Cleanup(func() { cancel(); _ = cmd.Wait() })
	w.meter.node = cmd.Process.Pid
	if !listening(out, 2*time.Minute) {
		fmt.Fprintln(os.Stderr, "PostGraphile: skipped (it did not start)")
		return nil
	}
	base := fmt.Sprintf("http://127.0.0.1:%d/graphql", port)
	viewer := http.Header{"X-Read": {joinIDs(w.ssdViewer.ReadCommunities())}, "X-Write": {joinIDs(w.ssdViewer.WriteCommunities())},
		"X-User": {string(w.ssdViewer.UserID)}}
	t := &benchTarget{name: "postgraphile", client: newBenchClient(), request: func(sh benchShape) *http.Request {
		switch sh {
		case shapeByID:
			return graphQLRequest(base, "", pgByID, map[string]any{"id": w.caseID}, viewer)
		case shapeList:
			return graphQLRequest(base, "", pgList, nil, viewer)
		case shapeDeep:
			return graphQLRequest(base, "", pgDeep, map[string]any{"id": w.caseID}, viewer)
		}
		return nil
	}}
	if err := send(*t, shapeByID); err != nil {
		fmt.Fprintf(os.Stderr, "PostGraphile: skipped (it answers %v)\n", err)
		return nil
	}
	return t
}

// listening waits for PostGraphile to say it listens, passing its output on.
func listening(out interface{ Read([]byte) (int, error) }, within time.Duration) bool {
	ready := make(chan bool, 1)
	go func() {
		s := bufio.NewScanner(out)
		for s.Scan() {
			if strings.Contains(s.Text(), "Server listening") {
				ready <- true
			}
		}
		ready <- false
	}()
	select {
	case ok := <-ready:
		return ok
	case <-time.After(within):
		return false
	}
}

func freePort(b *testing.B) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// pgURL turns a key=value DSN (host=/socket/dir port=… user=… dbname=…)
// into the URL node's pg client wants.
func pgURL(dsn string) string {
	kv := map[string]string{}
	for _, f := range strings.Fields(dsn) {
		if k, v, ok := strings.Cut(f, "="); ok {
			kv[k] = v
		}
	}
	q := url.Values{"host": {kv["host"]}, "port": {kv["port"]}}
	return fmt.Sprintf("postgres://%s@/%s?%s", url.PathEscape(kv["user"]), url.PathEscape(kv["dbname"]), q.Encode())
}
