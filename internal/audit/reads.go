package audit

import (
	"context"
	"fmt"
	"sync"

	"github.com/lib/pq"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/platform/pqconn"
	"github.com/turbota/turbota/tenant"
)

// ReadInterceptor records an access event for every person, family and
// case a viewer's query returns, including those loaded as edges of other
// records. (A document's download is logged once by the download itself,
// which reads the file in many pieces: workflow.OpenDocument.) Within an
// operation that collects them (Collect) the events wait for Flush;
// elsewhere each query writes its own at once.
func ReadInterceptor() ent.Interceptor {
	return ent.InterceptFunc(func(next ent.Querier) ent.Querier {
		return ent.QuerierFunc(func(ctx context.Context, q ent.Query) (ent.Value, error) {
			v, err := next.Query(ctx, q)
			if err != nil || tenant.FromContext(ctx) == nil {
				return v, err
			}
			events := readEvents(v)
			if len(events) == 0 {
				return v, nil
			}
			if c := collectorOf(ctx); c != nil {
				c.add(events)
				return v, nil
			}
			client := ent.FromContext(ctx)
			if client == nil {
				return nil, errNoClient
			}
			return v, writeReads(ctx, client, events)
		})
	})
}

type auditError string

func (e auditError) Error() string { return string(e) }

const errNoClient = auditError("audit: a read of personal data outside a request transaction")

// read is one record read: its type, ID and, when the query selected it,
// its community.
type read struct {
	typ, id, community string
}

func readEvents(v ent.Value) []read {
	var events []read
	add := func(typ string, id, community pulid.ID) {
		events = append(events, read{typ: typ, id: string(id), community: string(community)})
	}
	switch x := v.(type) {
	case []*ent.Person:
		for _, p := range x {
			add(ent.TypePerson, p.ID, p.CommunityID)
		}
	case []*ent.Family:
		for _, f := range x {
			add(ent.TypeFamily, f.ID, f.CommunityID)
		}
	case []*ent.CaseFile:
		for _, c := range x {
			add(ent.TypeCaseFile, c.ID, c.CommunityID)
		}
	}
	return events
}

type collectorKey struct{}

// collector holds the reads of one operation, each record once.
type collector struct {
	mu    sync.Mutex
	reads []read
	seen  map[[2]string]bool
}

func (c *collector) add(rs []read) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, r := range rs {
		k := [2]string{r.typ, r.id}
		if !c.seen[k] {
			c.seen[k] = true
			c.reads = append(c.reads, r)
		}
	}
}

// take empties the collector.
func (c *collector) take() []read {
	c.mu.Lock()
	defer c.mu.Unlock()
	rs := c.reads
	c.reads, c.seen = nil, map[[2]string]bool{}
	return rs
}

func collectorOf(ctx context.Context) *collector {
	c, _ := ctx.Value(collectorKey{}).(*collector)
	return c
}

// Collect makes the reads of personal data in ctx's operation wait to be
// written together by Flush, in one statement, instead of each query
// writing its own: an operation then costs one INSERT into the access log
// however many queries it runs. Every record read still gets its line
// (once per operation). The operation must call Flush before it commits.
func Collect(ctx context.Context) context.Context {
	return context.WithValue(ctx, collectorKey{}, &collector{seen: map[[2]string]bool{}})
}

// Flush writes the reads collected in ctx's operation (see Collect) through
// client, the operation's transaction, in one statement; call it just
// before the commit. Without Collect it does nothing. The statement travels
// with the COMMIT (pqconn.AtCommit): the access log costs the read no round
// trip, and a log that cannot be written fails the commit.
func Flush(ctx context.Context, client *ent.Client) error {
	c := collectorOf(ctx)
	if c == nil {
		return nil
	}
	return writeReads(pqconn.AtCommit(ctx), client, c.take())
}

// RelaxReadCommit lets the commit of an operation that changed nothing
// return before its access-log lines reach the disk (synchronous_commit off
// for this transaction only): a read then does not wait for a disk flush
// (about 4 ms here), at the price that a crash of PostgreSQL may lose the
// access lines of the reads of its last moments (at most three times
// wal_writer_delay, 600 ms by default); never a change, and the log is
// never corrupted. Whether that price is acceptable is a decision about the
// access log's promise: call it from a query's finish, never a mutation's.
func RelaxReadCommit(ctx context.Context, client *ent.Client) error {
	_, err := client.ExecContext(ctx, "SET LOCAL synchronous_commit TO OFF")
	return err
}

// insertReads writes the access log of an operation in one statement
// whatever the number of records read (arrays, not a parameter per value):
// one READ line per type of record and community, naming its records in
// entity_ids. A record read without its community column (GraphQL field
// collection selects only what was asked) takes it from its row: the row
// was just read in the same transaction, so the viewer's row-level security
// lets the lookup see it. The statement lives in a function (see its
// migrations) so that it is planned once per connection, not per request.
const insertReads = `SELECT turbota_log_reads($1::timestamptz, $2::text, $3::text, $4::text, $5::text[], $6::text[], $7::text[], $8::text[])`

// insertKnownReads is insertReads for reads that all name their community:
// without the lookups, the statement locks only the log (see its migration).
const insertKnownReads = `SELECT turbota_log_known_reads($1::timestamptz, $2::text, $3::text, $4::text, $5::text[], $6::text[], $7::text[], $8::text[])`

// lineIDs is how many lines the reads can make, at most: one per type and
// known community, and for the records read without their community one
// per community the viewer reads (or per record, if fewer).
func lineIDs(ctx context.Context, rs []read) int {
	known := map[[2]string]bool{}
	unknown := map[string]int{}
	for _, r := range rs {
		if r.community == "" {
			unknown[r.typ]++
		} else {
			known[[2]string{r.typ, r.community}] = true
		}
	}
	n := len(known)
	for _, count := range unknown {
		if v := tenant.FromContext(ctx); v != nil && len(v.ReadCommunities()) > 0 && len(v.ReadCommunities()) < count {
			count = len(v.ReadCommunities())
		}
		n += count
	}
	return n
}

// entryOf is an operation's reads as the log records them: a read without
// its community takes the viewer's when the viewer reads only one
// (row-level security let it read nothing else), and the viewer and the
// moment.
func entryOf(ctx context.Context, rs []read) entry {
	only := ""
	if v := tenant.FromContext(ctx); v != nil && len(v.ReadCommunities()) == 1 {
		only = string(v.ReadCommunities()[0])
	}
	for i := range rs {
		if rs[i].community == "" {
			rs[i].community = only
		}
	}
	e := entry{at: clock.Now(), request: RequestID(ctx), reads: rs, ids: lineIDs(ctx, rs)}
	if v := tenant.FromContext(ctx); v != nil {
		switch {
		case v.APIClientID != "":
			e.apiClient = string(v.APIClientID)
		case v.UserID != "":
			e.user = string(v.UserID)
		}
	}
	return e
}

func newLineID() string { return string(pulid.MustNew("AU")) }

// writeReads appends the access events of reads in one statement, in the
// caller's transaction.
func writeReads(ctx context.Context, client *ent.Client, rs []read) error {
	if len(rs) == 0 {
		return nil
	}
	e := entryOf(ctx, rs)
	statement := insertKnownReads
	typs, eids, cms := make([]string, len(rs)), make([]string, len(rs)), make([]string, len(rs))
	for i, r := range e.reads {
		if r.community == "" {
			statement = insertReads
		}
		typs[i], eids[i], cms[i] = r.typ, r.id, r.community
	}
	ids := make([]string, e.ids)
	for i := range ids {
		ids[i] = newLineID()
	}
	var user, apiClient *string
	if e.user != "" {
		user = &e.user
	}
	if e.apiClient != "" {
		apiClient = &e.apiClient
	}
	_, err := client.ExecContext(ctx, statement, e.at, user, apiClient, e.request,
		pq.Array(ids), pq.Array(typs), pq.Array(eids), pq.Array(cms))
	if err != nil {
		return fmt.Errorf("audit: write %d reads: %w", len(rs), err)
	}
	return nil
}
