package audit_test

import (
	"context"
	"crypto/ed25519"
	"database/sql"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"testing"
	"time"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	"github.com/lib/pq"
	"github.com/rs/zerolog"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/auditevent"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/audit"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/platform/migration"
	"github.com/turbota/turbota/internal/platform/testdb"
	"github.com/turbota/turbota/tenant"

	_ "github.com/turbota/turbota/ent/runtime"
)

func TestMain(m *testing.M) {
	os.Exit(testdb.Main(m, func(ctx context.Context, dsn string) error {
		db, err := sql.Open("postgres", dsn)
		if err != nil {
			return err
		}
		defer db.Close()
		_, err = migration.Apply(ctx, db, zerolog.Nop())
		return err
	}))
}

// The communities of these tests: the log names them by value, so they need
// no rows of their own.
const (
	communityA = "CM01AUDITCHAINTESTCOMMUNITYA"
	communityB = "CM01AUDITCHAINTESTCOMMUNITYB"
)

// testKey is the checkpoint key of the tests; otherKey is an intruder's.
var (
	testKey  = ed25519.NewKeyFromSeed([]byte(strings.Repeat("k", ed25519.SeedSize)))
	otherKey = ed25519.NewKeyFromSeed([]byte(strings.Repeat("x", ed25519.SeedSize)))
)

type logDB struct {
	t      testing.TB
	db     *sql.DB // the owner's: the migrations' role, who may tamper
	client *ent.Client
}

func newLog(t testing.TB) *logDB {
	t.Helper()
	db, err := sql.Open("postgres", testdb.New(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return &logDB{t: t, db: db, client: ent.NewClient(ent.Driver(entsql.OpenDB(dialect.Postgres, db)))}
}

// write appends n change lines to a community's chain ("" the global
// one), one statement each, as the change hook does.
func (l *logDB) write(community string, n int) {
	l.t.Helper()
	for i := 0; i < n; i++ {
		e := audit.Event{Action: auditevent.ActionUPDATE, Community: pulid.ID(community), EntityType: "Person",
			EntityID: fmt.Sprintf("PE%026d", i), Fields: []string{"last_name"}}
		if err := audit.Write(tenant.SystemContext(context.Background()), l.client, e); err != nil {
			l.t.Fatal(err)
		}
	}
}

func (l *logDB) exec(q string, args ...any) {
	l.t.Helper()
	if _, err := l.db.Exec(q, args...); err != nil {
		l.t.Fatalf("%s: %v", q, err)
	}
}

func (l *logDB) checkpoint() {
	l.t.Helper()
	if _, err := audit.MakeCheckpoints(context.Background(), l.db, testKey, clock.Now()); err != nil {
		l.t.Fatal(err)
	}
}

func (l *logDB) verify(opts audit.VerifyOptions) *audit.Report {
	l.t.Helper()
	opts.Key = testKey.Public().(ed25519.PublicKey)
	r, err := audit.Verify(context.Background(), l.db, opts)
	if err != nil {
		l.t.Fatal(err)
	}
	return r
}

func TestACleanLogVerifies(t *testing.T) {
	l := newLog(t)
	l.write(communityA, 5)
	l.write(communityB, 3)
	l.write(audit.GlobalChain, 2)
	l.checkpoint()
	l.write(communityA, 2) // past the checkpoint: still verified by the chain
	r := l.verify(audit.VerifyOptions{})
	if !r.OK() || r.Lines != 12 || r.Chains != 3 || r.Checkpoints != 3 {
		t.Fatalf("clean log: %+v", r)
	}
	a := communityA
	if r := l.verify(audit.VerifyOptions{Community: &a}); !r.OK() || r.Lines != 7 || r.Chains != 1 {
		t.Fatalf("community A alone: %+v", r)
	}
}

// Each way of tampering with the log as the database's owner is found, at
// its place in its chain; community B's chain, untouched, stays clean.
func TestVerifyFindsEachTampering(t *testing.T) {
	where := fmt.Sprintf(`community_id = '%s' AND chain_seq`, communityA)
	for _, c := range []struct {
		name   string
		tamper func(l *logDB)
		kind   string
		seq    int64
	}{
		{"an altered field", func(l *logDB) {
			l.exec(`UPDATE audit_events SET entity_id = 'PE0000000000000000000000FAKE' WHERE ` + where + ` = 4`)
		}, audit.Altered, 4},
		{"an altered time", func(l *logDB) {
			l.exec(`UPDATE audit_events SET occurred_at = occurred_at - interval '1 day' WHERE ` + where + ` = 2`)
		}, audit.Altered, 2},
		{"a removed line", func(l *logDB) {
			l.exec(`DELETE FROM audit_events WHERE ` + where + ` = 5`)
		}, audit.Removed, 5},
		{"a reordered pair", func(l *logDB) {
			l.exec(`UPDATE audit_events SET chain_seq = -6 WHERE ` + where + ` = 6`)
			l.exec(`UPDATE audit_events SET chain_seq = 6 WHERE ` + where + ` = 7`)
			l.exec(`UPDATE audit_events SET chain_seq = 7 WHERE ` + where + ` = -6`)
		}, audit.Reordered, 6},
		{"an inserted forged line, the rest renumbered", func(l *logDB) {
			l.exec(`ALTER TABLE audit_events DISABLE TRIGGER chain_audit`)
			l.exec(`UPDATE audit_events SET chain_seq = chain_seq + 1000 WHERE ` + where + ` >= 5`)
			l.exec(`UPDATE audit_events SET chain_seq = chain_seq - 999 WHERE ` + where + ` >= 1000`)
			l.exec(`INSERT INTO audit_events (id, occurred_at, community_id, action, entity_type, entity_id, chain_seq, chain_hash)
				SELECT 'AU01FORGEDFORGEDFORGEDFORGED', occurred_at, community_id, 'READ', 'Person', 'PE0000000000000000000000FAKE', 5, sha256('forged')
				FROM audit_events WHERE ` + where + ` = 4`)
			l.exec(`UPDATE audit_chain_heads SET seq = seq + 1 WHERE chain = $1`, communityA)
			l.exec(`ALTER TABLE audit_events ENABLE TRIGGER chain_audit`)
		}, audit.Inserted, 5},
		{"an inserted line with a taken number", func(l *logDB) {
			l.exec(`DROP INDEX audit_events_chain`)
			l.exec(`ALTER TABLE audit_events DISABLE TRIGGER chain_audit`)
			l.exec(`INSERT INTO audit_events (id, occurred_at, community_id, action, entity_type, chain_seq, chain_hash)
				SELECT 'AU00FORGEDFORGEDFORGEDFORGED', occurred_at, community_id, 'READ', 'Person', 3, chain_hash
				FROM audit_events WHERE ` + where + ` = 3`)
		}, audit.Inserted, 3},
		{"a truncated tail, the head moved back", func(l *logDB) {
			l.exec(`DELETE FROM audit_events WHERE ` + where + ` >= 9`)
			l.exec(`UPDATE audit_chain_heads h SET seq = 8, hash = e.chain_hash FROM audit_events e
				WHERE h.chain = $1 AND e.community_id = $1 AND e.chain_seq = 8`, communityA)
		}, audit.Truncated, 9},
		{"a chain recomputed from an altered line on", func(l *logDB) {
			l.exec(`CREATE TEMP TABLE saved AS SELECT * FROM audit_events WHERE ` + where + ` >= 3`)
			l.exec(`DELETE FROM audit_events WHERE ` + where + ` >= 3`)
			l.exec(`UPDATE audit_chain_heads h SET seq = 2, hash = e.chain_hash FROM audit_events e
				WHERE h.chain = $1 AND e.community_id = $1 AND e.chain_seq = 2`, communityA)
			l.exec(`UPDATE saved SET entity_id = 'PE0000000000000000000000FAKE' WHERE chain_seq = 3`)
			l.exec(`INSERT INTO audit_events SELECT * FROM saved ORDER BY chain_seq`) // the trigger chains them anew
		}, audit.Rewritten, 10},
		{"a forged checkpoint signature", func(l *logDB) {
			l.exec(`UPDATE audit_checkpoints SET signature = $2 WHERE chain = $1`, communityA,
				ed25519.Sign(otherKey, []byte("anything")))
		}, audit.ForgedSignature, 10},
		{"a checkpoint signed with another key", func(l *logDB) {
			c := audit.Sign(otherKey, communityA, 12, make([]byte, 32), clock.Now())
			l.exec(`INSERT INTO audit_checkpoints (chain, seq, hash, signed_at, key_id, signature) VALUES ($1, $2, $3, $4, $5, $6)`,
				c.Chain, c.Seq, []byte(c.Hash), c.SignedAt, c.KeyID, []byte(c.Signature))
		}, audit.ForgedSignature, 12},
	} {
		t.Run(c.name, func(t *testing.T) {
			l := newLog(t)
			l.write(communityA, 10)
			l.write(communityB, 4)
			l.checkpoint() // A at #10, B at #4
			l.write(communityA, 2)
			if r := l.verify(audit.VerifyOptions{}); !r.OK() {
				t.Fatalf("before tampering: %v", r.Problems)
			}
			c.tamper(l)
			r := l.verify(audit.VerifyOptions{})
			if r.OK() {
				t.Fatal("tampering not found")
			}
			found := false
			for _, p := range r.Problems {
				t.Log(p)
				if p.Chain != communityA {
					t.Errorf("a problem outside the tampered chain: %v", p)
				}
				found = found || p.Kind == c.kind && p.Seq == c.seq
			}
			if !found {
				t.Errorf("no %s at #%d among %v", c.kind, c.seq, r.Problems)
			}
		})
	}
}

// Checkpoints held outside the database still find a truncated tail after
// the intruder deleted the database's checkpoints and moved the head back.
func TestHeldCheckpointsFindATruncationHiddenInTheDatabase(t *testing.T) {
	l := newLog(t)
	l.write(communityA, 6)
	l.checkpoint()
	var held []audit.Checkpoint
	if err := audit.ExportCheckpoints(context.Background(), l.db, nil, func(c audit.Checkpoint) error {
		held = append(held, c)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if r := l.verify(audit.VerifyOptions{Held: held}); !r.OK() || r.Checkpoints != 1 {
		t.Fatalf("held copies of the database's checkpoints: %+v", r)
	}
	l.exec(`DELETE FROM audit_checkpoints`)
	l.exec(`DELETE FROM audit_events WHERE community_id = $1 AND chain_seq >= 4`, communityA)
	l.exec(`UPDATE audit_chain_heads h SET seq = 3, hash = e.chain_hash FROM audit_events e
		WHERE h.chain = $1 AND e.community_id = $1 AND e.chain_seq = 3`, communityA)
	if r := l.verify(audit.VerifyOptions{}); !r.OK() {
		t.Fatalf("without the held checkpoints the cut cannot be seen, yet: %v", r.Problems)
	}
	r := l.verify(audit.VerifyOptions{Held: held})
	if len(r.Problems) != 1 || r.Problems[0].Kind != audit.Truncated || r.Problems[0].Seq != 4 {
		t.Fatalf("with the held checkpoints: %v", r.Problems)
	}
}

// Writers appending to one community at once never fork its chain nor
// repeat a number: each waits for the head's row lock of the one before.
func TestConcurrentWritersKeepOneChain(t *testing.T) {
	l := newLog(t)
	const writers, each = 16, 15
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < each; i++ {
				es := []audit.Event{{Action: auditevent.ActionREAD, Community: communityA, EntityType: "Person"},
					{Action: auditevent.ActionUPDATE, Community: communityA, EntityType: "Family"}}
				if err := audit.Write(tenant.SystemContext(context.Background()), l.client, es...); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	r := l.verify(audit.VerifyOptions{})
	if !r.OK() || r.Lines != writers*each*2 {
		t.Fatalf("after %d concurrent writers: %+v", writers, r)
	}
	var n, top int64
	if err := l.db.QueryRow(`SELECT count(DISTINCT chain_seq), max(chain_seq) FROM audit_events WHERE community_id = $1`, communityA).Scan(&n, &top); err != nil {
		t.Fatal(err)
	}
	if n != writers*each*2 || top != n {
		t.Fatalf("%d distinct numbers up to %d, want %d", n, top, writers*each*2)
	}
}

// The application role appends to the log (and the chain takes its lines)
// but can neither change nor remove a line, nor touch the chain's heads or
// checkpoints: only the owner can, and verify finds it.
func TestTheAppRoleCannotChangeTheLog(t *testing.T) {
	l := newLog(t)
	l.write(communityA, 2)
	tx, err := l.db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.Exec(`SET LOCAL ROLE turbota_app`); err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(`INSERT INTO audit_events (id, occurred_at, action, entity_type) VALUES ('AU01APPROLEAPPENDSAGLOBALLIN', now(), 'LOGIN', 'User')`); err != nil {
		t.Fatalf("the app role appends a global line: %v", err)
	}
	for _, q := range []string{
		`UPDATE audit_events SET entity_type = 'X'`,
		`DELETE FROM audit_events`,
		`TRUNCATE audit_events`,
		`SELECT * FROM audit_chain_heads`,
		`UPDATE audit_chain_heads SET seq = 0`,
		`SELECT * FROM audit_checkpoints`,
		`DELETE FROM audit_checkpoints`,
	} {
		if _, err := tx.Exec(`SAVEPOINT s`); err != nil {
			t.Fatal(err)
		}
		_, err := tx.Exec(q)
		if err == nil || !strings.Contains(err.Error(), "permission denied") {
			t.Errorf("%s as turbota_app: %v, want permission denied", q, err)
		}
		if _, err := tx.Exec(`ROLLBACK TO SAVEPOINT s`); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if r := l.verify(audit.VerifyOptions{}); !r.OK() || r.Lines != 3 {
		t.Fatalf("after the app role's line: %+v", r)
	}
}

// Verify streams: walking a log of many lines holds no more memory than a
// few lines take.
func TestVerifyWalksALargeLogInBoundedMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("fills a large log")
	}
	l := newLog(t)
	const lines = 30000
	// Lines as big as a page of 40 records' READ line: the log would take
	// tens of megabytes were it held whole.
	for from := 0; from < lines; from += 1000 {
		l.exec(`INSERT INTO audit_events (id, occurred_at, community_id, action, entity_type, entity_ids)
			SELECT 'AU' || lpad(i::text, 26, '0'), now(), $1, 'READ', 'Person',
				(SELECT jsonb_agg('PE' || lpad((i * 40 + j)::text, 26, '0')) FROM generate_series(1, 40) j)
			FROM generate_series($2::int + 1, $2::int + 1000) i`, communityA, from)
	}
	defer debug.SetGCPercent(debug.SetGCPercent(25))
	runtime.GC()
	var base runtime.MemStats
	runtime.ReadMemStats(&base)
	done, peakc := make(chan struct{}), make(chan uint64)
	go func() {
		peak := base.HeapAlloc
		var m runtime.MemStats
		for {
			select {
			case <-done:
				peakc <- peak
				return
			case <-time.After(5 * time.Millisecond):
				runtime.ReadMemStats(&m)
				peak = max(peak, m.HeapAlloc)
			}
		}
	}()
	r := l.verify(audit.VerifyOptions{})
	close(done)
	peak := <-peakc
	if !r.OK() || r.Lines != lines {
		t.Fatalf("%+v", r)
	}
	grew := int64(peak) - int64(base.HeapAlloc)
	t.Logf("%d lines verified in %s; the heap grew by at most %d KiB", r.Lines, r.Took, grew/1024)
	if grew > 24<<20 {
		t.Fatalf("the heap grew by %d MiB while verifying", grew>>20)
	}
}

// The lines written before the chain existed are chained by its migration,
// and verify then finds them whole.
func TestTheMigrationChainsTheLinesWrittenBefore(t *testing.T) {
	l := newLog(t)
	l.chain(false)
	l.write(communityA, 4)
	l.write(audit.GlobalChain, 2)
	l.exec(`UPDATE audit_events SET occurred_at = occurred_at - interval '1 hour' WHERE entity_id = $1`, fmt.Sprintf("PE%026d", 3))
	l.chain(true)
	sqlText, err := os.ReadFile("../../ent/migrate/migrations/20261215400100_audit_chain_security.sql")
	if err != nil {
		t.Fatal(err)
	}
	from := strings.Index(string(sqlText), "DO $$\nDECLARE r audit_events")
	to := strings.Index(string(sqlText[from:]), "END $$;")
	if from < 0 || to < 0 {
		t.Fatal("the migration's back-fill is not where the test looks for it")
	}
	l.exec(string(sqlText[from : from+to+len("END $$;")]))
	r := l.verify(audit.VerifyOptions{})
	if !r.OK() || r.Lines != 6 || r.Chains != 2 {
		t.Fatalf("after the back-fill: %+v", r)
	}
	var first string // the earliest line comes first, whatever its ID
	if err := l.db.QueryRow(`SELECT entity_id FROM audit_events WHERE community_id = $1 AND chain_seq = 1`, communityA).Scan(&first); err != nil {
		t.Fatal(err)
	}
	if first != fmt.Sprintf("PE%026d", 3) {
		t.Fatalf("line 1 of the back-filled chain is about %s", first)
	}
	l.write(communityA, 1) // the trigger goes on from the back-filled head
	if r := l.verify(audit.VerifyOptions{}); !r.OK() || r.Lines != 7 {
		t.Fatalf("after a line more: %+v", r)
	}
}

// Two writers appending lines of the same two communities, named in
// opposite orders, take the chains' heads in one order and never deadlock.
func TestBatchesOfTwoCommunitiesDoNotDeadlock(t *testing.T) {
	l := newLog(t)
	var wg sync.WaitGroup
	errs := make(chan error, 2)
	for _, order := range [][]string{{communityA, communityB}, {communityB, communityA}} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 40; i++ {
				if err := appendReads(l.db, order); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if r := l.verify(audit.VerifyOptions{}); !r.OK() || r.Lines != 160 {
		t.Fatalf("%+v", r)
	}
}

// appendReads logs one operation's reads of a person in each community, in
// that order, as the access-log writer does, in a transaction that lingers
// a moment with the heads it took.
func appendReads(db *sql.DB, communities []string) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	at := []time.Time{clock.Now()}
	ids := []string{string(pulid.MustNew("AU")), string(pulid.MustNew("AU"))}
	if _, err := tx.Exec(`SELECT turbota_append_reads($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[], $8::text[], $9::text[])`,
		pq.Array(at), pq.Array([]string{""}), pq.Array([]string{""}), pq.Array([]string{""}), pq.Array(ids), pq.Array([]int{1, 1}),
		pq.Array([]string{"Person", "Person"}), pq.Array([]string{"PE01", "PE02"}), pq.Array(communities)); err != nil {
		return err
	}
	if _, err := tx.Exec(`SELECT pg_sleep(0.002)`); err != nil {
		return err
	}
	return tx.Commit()
}
