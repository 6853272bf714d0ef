package ratelimit

import (
	"bytes"
	"context"
	"database/sql"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"github.com/turbota/turbota/internal/platform/migration"
	"github.com/turbota/turbota/internal/platform/testdb"
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

// frozen is a rate so slow that no token comes back while a test runs, so
// the counts below depend on the budget alone, never on the test's speed.
const frozen = 1e-6

// testConfig: every bucket frozen, with a lease of ten tokens.
func testConfig(burst int) Config {
	c := DefaultConfig()
	l := Limit{Rate: frozen, Burst: burst}
	c.Viewer, c.APIClient, c.Community, c.Address = l, l, l, l
	c.Lease = time.Duration(10 / frozen * float64(time.Second))
	return c
}

// replica is one limiter with its own pool and log, as one server process.
type replica struct {
	*Limiter
	db  *sql.DB
	log *bytes.Buffer
}

func newReplica(t *testing.T, dsn string, cfg Config) *replica {
	t.Helper()
	db, err := OpenPool(dsn, cfg.PoolSize)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	var buf bytes.Buffer
	return &replica{Limiter: New(ctx, db, cfg, zerolog.New(&syncWriter{w: &buf})), db: db, log: &buf}
}

type syncWriter struct {
	mu sync.Mutex
	w  *bytes.Buffer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

var alice = Subject{UserID: "US01ALICE"}

// Two replicas on one database spend one budget between them: whichever
// serves the requests, the caller gets its burst and not a request more,
// and a third replica that never saw the caller refuses at once.
func TestReplicasShareOneBudget(t *testing.T) {
	dsn := testdb.New(t)
	cfg := testConfig(40)
	a, b := newReplica(t, dsn, cfg), newReplica(t, dsn, cfg)
	allowed := map[*replica]int{}
	for i := range 100 {
		r := a
		if i%2 == 1 {
			r = b
		}
		if r.Allow(context.Background(), alice).Allowed {
			allowed[r]++
		}
	}
	if got := allowed[a] + allowed[b]; got != 40 {
		t.Fatalf("two replicas admitted %d requests (%d and %d), want the shared burst of 40", got, allowed[a], allowed[b])
	}
	if allowed[a] == 0 || allowed[b] == 0 {
		t.Fatalf("one replica admitted everything (%d, %d)", allowed[a], allowed[b])
	}
	c := newReplica(t, dsn, cfg)
	d := c.Allow(context.Background(), alice)
	if d.Allowed || d.RetryAfter <= 0 {
		t.Fatalf("a third replica admitted a caller whose shared budget is spent: %+v", d)
	}
	if other := c.Allow(context.Background(), Subject{UserID: "US01BOB"}); !other.Allowed {
		t.Fatal("another user was refused with alice's budget")
	}
}

// A replica spends a lease from memory: with its pool closed after the
// first request it still admits the rest of the lease without a word, and
// only the next lease finds the database gone.
func TestLeaseIsSpentWithoutTheDatabase(t *testing.T) {
	r := newReplica(t, testdb.New(t), testConfig(40))
	if !r.Allow(context.Background(), alice).Allowed {
		t.Fatal("first request refused")
	}
	r.db.Close()
	for i := range 9 {
		if !r.Allow(context.Background(), alice).Allowed {
			t.Fatalf("request %d of the lease refused", i+2)
		}
	}
	if r.log.Len() != 0 {
		t.Fatalf("the lease touched the database: %s", r.log)
	}
	r.Allow(context.Background(), alice)
	if !strings.Contains(r.log.String(), `"level":"warn"`) {
		t.Fatalf("the eleventh request did not need a new lease: log %q", r.log)
	}
}

// Once the shared bucket is empty the replica refuses from memory: a flood
// after the budget costs the database nothing (its pool is closed here and
// nothing notices).
func TestRefusalsNeedNoDatabase(t *testing.T) {
	r := newReplica(t, testdb.New(t), testConfig(4))
	flood := Subject{Address: "203.0.113.9"}
	for range 4 {
		if !r.Allow(context.Background(), flood).Allowed {
			t.Fatal("refused within the burst")
		}
	}
	first := r.Allow(context.Background(), flood)
	if first.Allowed || first.RetryAfter <= time.Hour {
		t.Fatalf("past the burst: %+v, want a refusal until a token returns (days at this rate)", first)
	}
	r.db.Close()
	for range 100 {
		if r.Allow(context.Background(), flood).Allowed {
			t.Fatal("admitted past the burst")
		}
	}
	if r.log.Len() != 0 {
		t.Fatalf("refusals asked the database: %s", r.log)
	}
}

// With the shared buckets unreachable each replica limits on its own,
// with the same burst for a caller it never saw, with what the shared
// bucket last held for one it did (an outage hands out no fresh burst),
// and says so once at warn.
func TestUnreachableStoreLimitsLocally(t *testing.T) {
	r := newReplica(t, testdb.New(t), testConfig(5))
	ctx := context.Background()
	for range 3 {
		if !r.Allow(ctx, alice).Allowed {
			t.Fatal("refused within the burst")
		}
	}
	r.db.Close()
	admitted := map[string]int{}
	for range 20 {
		for name, s := range map[string]Subject{"alice": alice, "bob": {UserID: "US01BOB"}} {
			if r.Allow(ctx, s).Allowed {
				admitted[name]++
			}
		}
	}
	if admitted["alice"] != 2 || admitted["bob"] != 5 {
		t.Fatalf("admitted %v with the store down, want alice the 2 she had left and bob the burst of 5", admitted)
	}
	if n := strings.Count(r.log.String(), `"level":"warn"`); n != 1 {
		t.Fatalf("%d warnings, want one for the outage: %s", n, r.log)
	}
}

// A refused request is held until its bucket has a token, at most Hold,
// and only while a slot is free.
func TestHold(t *testing.T) {
	cfg := testConfig(1)
	cfg.Hold, cfg.MaxHeld = time.Hour, 1
	r := newReplica(t, testdb.New(t), cfg)
	ctx := context.Background()
	if held := r.Hold(ctx, Decision{RetryAfter: 20 * time.Millisecond}); held < 20*time.Millisecond {
		t.Errorf("held %v, want until the token (20ms)", held)
	}
	r.held <- struct{}{} // the one slot is taken
	if held := r.Hold(ctx, Decision{RetryAfter: time.Hour}); held != 0 {
		t.Errorf("held %v with no slot free", held)
	}
	<-r.held
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if held := r.Hold(cancelled, Decision{RetryAfter: time.Hour}); held > time.Minute {
		t.Errorf("held a request whose client left for %v", held)
	}
}

// A viewer is charged to their community too; a refusal by the community
// names it, and a viewer of another community is not touched.
func TestCommunityBudgetIsShared(t *testing.T) {
	cfg := testConfig(40)
	cfg.Viewer = Limit{Rate: frozen, Burst: 1}
	cfg.Community = Limit{Rate: frozen, Burst: 3}
	r := newReplica(t, testdb.New(t), cfg)
	ctx := context.Background()
	for i, u := range []string{"US01A", "US01B", "US01C"} {
		if !r.Allow(ctx, Subject{UserID: u, Community: "CM01ONE"}).Allowed {
			t.Fatalf("user %d refused within the community's burst", i)
		}
	}
	d := r.Allow(ctx, Subject{UserID: "US01D", Community: "CM01ONE"})
	if d.Allowed || d.tightest().Class != ClassCommunity {
		t.Fatalf("fourth user of the community: %+v, want refused by the community bucket", d)
	}
	if !r.Allow(ctx, Subject{UserID: "US01E", Community: "CM01TWO"}).Allowed {
		t.Fatal("a user of another community was refused")
	}
	if !r.Allow(ctx, Subject{UserID: "US01D"}).Allowed {
		t.Fatal("the refusal by the community spent the user's own token")
	}
}

// The headers follow the IETF draft; a refusal carries Retry-After, the
// same figure as the RateLimit field's t.
func TestHeaders(t *testing.T) {
	r := newReplica(t, testdb.New(t), testConfig(2))
	r.cfg.Viewer = Limit{Rate: 0.01, Burst: 2} // a token every 100 s
	ctx := context.Background()
	s := Subject{UserID: "US01H", Community: "CM01H"}
	h := http.Header{}
	r.Allow(ctx, s).SetHeaders(h)
	if got, want := h.Get("RateLimit-Policy"), `"viewer";q=2;w=200, "community";q=2;w=2000000`; got != want {
		t.Errorf("RateLimit-Policy %q, want %q", got, want)
	}
	if got := h.Get("RateLimit"); got != `"viewer";r=1;t=100` {
		t.Errorf("RateLimit %q, want one request left of the viewer's, full in 100 s", got)
	}
	if h.Get("Retry-After") != "" {
		t.Error("Retry-After on an admitted request")
	}
	r.Allow(ctx, s)
	h = http.Header{}
	d := r.Allow(ctx, s)
	d.SetHeaders(h)
	retry := h.Get("Retry-After")
	if d.Allowed || retry == "" || h.Get("RateLimit") != `"viewer";r=0;t=`+retry {
		t.Fatalf("refusal headers %v, want Retry-After and the viewer's r=0 with the same t", h)
	}
	if n, _ := strconv.Atoi(retry); n < 90 || n > 100 {
		t.Errorf("Retry-After %s, want the ~100 s until the viewer's next token", retry)
	}
}

// Buckets that are full again leave the table; others stay.
func TestSweepDeletesFullBuckets(t *testing.T) {
	r := newReplica(t, testdb.New(t), testConfig(40))
	ctx := context.Background()
	r.Allow(ctx, alice)
	r.Allow(ctx, Subject{UserID: "US01BOB"})
	if _, err := r.db.Exec("UPDATE rate_limit_buckets SET full_at = now() - interval '1 second' WHERE key = 'user:US01BOB'"); err != nil {
		t.Fatal(err)
	}
	if n, err := r.store.sweep(ctx); err != nil || n != 1 {
		t.Fatalf("swept %d (%v), want bob's bucket alone", n, err)
	}
	var keys []string
	rows, err := r.db.Query("SELECT key FROM rate_limit_buckets")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var k string
		_ = rows.Scan(&k)
		keys = append(keys, k)
	}
	if len(keys) != 1 || keys[0] != "user:US01ALICE" {
		t.Fatalf("left %v, want alice's bucket", keys)
	}
}

// Addresses are hashed, and IPv6 ones counted by their /64.
func TestAddressKey(t *testing.T) {
	a, b := AddressKey("2001:db8:1:2::1"), AddressKey("2001:db8:1:2:ffff::9")
	if a != b {
		t.Error("two addresses of one /64 have separate buckets")
	}
	if AddressKey("2001:db8:1:3::1") == a || AddressKey("192.0.2.1") == AddressKey("192.0.2.2") {
		t.Error("separate networks share a bucket")
	}
	if strings.Contains(AddressKey("192.0.2.1"), "192") {
		t.Error("the key shows the address")
	}
}

func TestValidate(t *testing.T) {
	if err := DefaultConfig().Validate(); err != nil {
		t.Fatal(err)
	}
	c := DefaultConfig()
	c.Community.Rate = 0
	if err := c.Validate(); err == nil || !strings.Contains(err.Error(), "rate-limit-community-rate") {
		t.Fatalf("zero rate accepted: %v", err)
	}
	c.Enabled = false
	if err := c.Validate(); err != nil {
		t.Fatalf("a disabled limiter is checked: %v", err)
	}
}

// A credential that authenticated as a caller with an empty bucket is
// refused before authentication; an unknown credential, or one of another
// caller, is not.
func TestRefuseKnownCredential(t *testing.T) {
	r := newReplica(t, testdb.New(t), testConfig(2))
	ctx := context.Background()
	r.Remember("token-of-alice", alice)
	r.Remember("token-of-bob", Subject{UserID: "US01BOB"})
	if _, ok := r.RefuseKnown("token-of-alice"); ok {
		t.Fatal("refused with a full bucket")
	}
	for range 3 {
		r.Allow(ctx, alice)
	}
	d, ok := r.RefuseKnown("token-of-alice")
	if !ok || d.Allowed || d.RetryAfter <= 0 {
		t.Fatalf("alice's credential not refused before authentication: %+v", d)
	}
	h := http.Header{}
	d.SetHeaders(h)
	if h.Get("Retry-After") == "" || !strings.HasPrefix(h.Get("RateLimit"), `"viewer";r=0;`) {
		t.Errorf("headers of an early refusal: %v", h)
	}
	if _, ok := r.RefuseKnown("token-of-bob"); ok {
		t.Error("bob refused for alice's budget")
	}
	if _, ok := r.RefuseKnown("a token nobody authenticated with"); ok {
		t.Error("an unknown credential refused")
	}
}

// The buckets are UNLOGGED (state worth seconds, no WAL flush per lease)
// and out of reach of the role requests run as.
func TestBucketTableIsUnloggedAndPrivate(t *testing.T) {
	db, err := sql.Open("postgres", testdb.New(t))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var persistence string
	var appWrites, appTakes bool
	if err := db.QueryRow(`SELECT c.relpersistence,
		has_table_privilege('turbota_app', 'rate_limit_buckets', 'SELECT, UPDATE'),
		has_function_privilege('turbota_app', 'rate_limit_take(text, double precision, double precision, integer)', 'EXECUTE')
		FROM pg_class c WHERE c.relname = 'rate_limit_buckets'`).Scan(&persistence, &appWrites, &appTakes); err != nil {
		t.Fatal(err)
	}
	if persistence != "u" || appWrites || appTakes {
		t.Fatalf("persistence %q, turbota_app may touch the table: %v, take tokens: %v", persistence, appWrites, appTakes)
	}
}

// A caller's requests run MaxInFlight at a time; one more waits for a turn
// and is refused when none comes; other callers are not held up, and an
// address is a caller too.
func TestInFlightCap(t *testing.T) {
	cfg := testConfig(40)
	cfg.MaxInFlight, cfg.QueueTimeout = 1, 10*time.Millisecond
	r := newReplica(t, testdb.New(t), cfg)
	ctx := context.Background()
	release, ok := r.Enter(ctx, alice)
	if !ok {
		t.Fatal("first request refused a turn")
	}
	if _, ok := r.Enter(ctx, alice); ok {
		t.Fatal("a second request of alice ran beside the first")
	}
	if _, ok := r.Enter(ctx, Subject{UserID: "US01BOB", Community: alice.Community}); !ok {
		t.Fatal("bob waited for alice")
	}
	if _, ok := r.Enter(ctx, Subject{Address: "192.0.2.7"}); !ok {
		t.Fatal("an address waited for alice")
	}
	if _, ok := r.Enter(ctx, Subject{Address: "192.0.2.7"}); ok {
		t.Fatal("two anonymous requests of one address ran side by side")
	}
	release()
	if _, ok := r.Enter(ctx, alice); !ok {
		t.Fatal("alice's turn did not come back")
	}
	if d := r.Busy(alice); d.Allowed || d.RetryAfterSeconds() != 1 {
		t.Fatalf("busy refusal %+v", d)
	}
}
