package audit

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/lib/pq"
	"github.com/rs/zerolog"
)

// The access lines of a read-only operation used to be written inside its
// transaction, with its COMMIT: every read was a write transaction, with a
// transaction ID, WAL and a commit record, all its concurrent fellows
// appending to the same pages of the log and its indexes. Under 16
// concurrent case lookups that append cost PostgreSQL 0.3 ms of CPU a
// request, half of all it spent, and made Turbota slower than PostGraphile.
//
// A Writer takes those lines instead, once the operation has committed and
// before its answer leaves: a read stays read-only, and one statement on
// the Writer's own connection appends the lines of every operation that
// came meanwhile (group commit). The promise of the log is kept:
//   - every read that is answered has its lines: an operation whose lines
//     cannot be queued (the queue full because PostgreSQL does not take
//     them) is answered UNAVAILABLE, without its data;
//   - what is queued is written within milliseconds, retried while
//     PostgreSQL is away, and written out at a graceful shutdown; only a
//     crash of the process loses the lines still queued (the writer's
//     own commits wait for the disk);
//   - whoever reads the log through this server first waits for the lines
//     queued before (Sync), so the log shows every read answered before.
// Changes keep writing their read lines in their own transaction.

// ErrLogBehind is the answer to an operation whose access lines could not
// be queued in time: the log is not being written.
var ErrLogBehind = errors.New("audit: the access log is not being written; the read is not answered")

// Writer appends queued access lines to the log.
type Writer struct {
	db       *sql.DB
	log      zerolog.Logger
	capacity int

	mu      sync.Mutex
	changed *sync.Cond // queue, written or closed changed
	queue   []entry
	lines   int    // reads queued
	queued  uint64 // entries ever queued
	written uint64 // entries ever written
	waiting int    // Syncs waiting: the batch goes at once
	closed  bool
	done    chan struct{}
}

// entry is one operation's reads, with who read them and when.
type entry struct {
	at                       time.Time
	user, apiClient, request string
	reads                    []read
	ids                      int // lines it may make (lineIDs)
}

// NewWriter starts a writer on db (a pool of its own: one connection is
// all it uses), holding at most capacity reads queued.
func NewWriter(db *sql.DB, log zerolog.Logger, capacity int) *Writer {
	w := &Writer{db: db, log: log, capacity: capacity, done: make(chan struct{})}
	w.changed = sync.NewCond(&w.mu)
	go w.run()
	return w
}

// Append queues the reads collected in ctx's operation (see Collect),
// waiting while the queue is full until ctx ends (ErrLogBehind).
func (w *Writer) Append(ctx context.Context) error {
	c := collectorOf(ctx)
	if c == nil {
		return nil
	}
	rs := c.take()
	if len(rs) == 0 {
		return nil
	}
	e := entryOf(ctx, rs)
	stop := context.AfterFunc(ctx, func() { w.mu.Lock(); w.changed.Broadcast(); w.mu.Unlock() })
	defer stop()
	w.mu.Lock()
	defer w.mu.Unlock()
	for w.lines > 0 && w.lines+len(rs) > w.capacity && !w.closed && ctx.Err() == nil {
		w.changed.Wait()
	}
	if w.closed || ctx.Err() != nil {
		return ErrLogBehind
	}
	w.queue = append(w.queue, e)
	w.lines += len(rs)
	w.queued++
	w.changed.Broadcast()
	return nil
}

// Sync waits until every line queued before it is in the log.
func (w *Writer) Sync(ctx context.Context) error {
	stop := context.AfterFunc(ctx, func() { w.mu.Lock(); w.changed.Broadcast(); w.mu.Unlock() })
	defer stop()
	w.mu.Lock()
	defer w.mu.Unlock()
	target := w.queued
	w.waiting++
	defer func() { w.waiting-- }()
	for w.written < target && ctx.Err() == nil {
		w.changed.Wait()
	}
	if w.written < target {
		return ErrLogBehind
	}
	return nil
}

// Close stops taking lines and writes out those queued, until ctx ends.
func (w *Writer) Close(ctx context.Context) error {
	w.mu.Lock()
	w.closed = true
	w.changed.Broadcast()
	w.mu.Unlock()
	select {
	case <-w.done:
		return nil
	case <-ctx.Done():
		w.mu.Lock()
		lost := w.lines
		w.mu.Unlock()
		return fmt.Errorf("audit: %d access lines not written at shutdown: %w", lost, ctx.Err())
	}
}

// run writes what is queued, a batch at a time, until closed and empty.
func (w *Writer) run() {
	defer close(w.done)
	for {
		batch := w.next()
		if batch == nil {
			return
		}
		if len(batch) < batchWanted && !w.awaited() {
			// Let the operations answering now join: the statement and its
			// transaction cost as much for one operation's lines as for
			// dozens'.
			time.Sleep(batchDelay)
			batch = w.next()
		}
		for wait := 50 * time.Millisecond; ; wait = min(2*wait, 5*time.Second) {
			err := w.write(batch)
			if err == nil {
				break
			}
			w.log.Error().Str("error", err.Error()).Int("operations", len(batch)).Msg("access log not written; retrying")
			time.Sleep(wait)
		}
		w.mu.Lock()
		w.queue = w.queue[len(batch):]
		for _, e := range batch {
			w.lines -= len(e.reads)
		}
		w.written += uint64(len(batch))
		w.changed.Broadcast()
		w.mu.Unlock()
	}
}

// awaited tells whether someone waits for the lines (Sync): a batch then
// does not wait for company.
func (w *Writer) awaited() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.waiting > 0
}

// next waits for lines and returns those queued now (nil: closed and
// empty). They stay queued, counted against the capacity, until written.
func (w *Writer) next() []entry {
	w.mu.Lock()
	defer w.mu.Unlock()
	for len(w.queue) == 0 && !w.closed {
		w.changed.Wait()
	}
	if len(w.queue) == 0 {
		return nil
	}
	return w.queue[:len(w.queue):len(w.queue)]
}

// A batch waits batchDelay for more operations when it has fewer than
// batchWanted, unless someone waits for it (Sync, a reader of the log).
const (
	batchWanted = 32
	batchDelay  = 2 * time.Millisecond
)

// appendReads is one statement for a whole batch (see its migration).
const appendReads = `SELECT turbota_append_reads($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[], $8::text[], $9::text[])`

func (w *Writer) write(batch []entry) error {
	var b batchArrays
	for i, e := range batch {
		b.add(i+1, e)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	_, err := w.db.ExecContext(ctx, appendReads, pq.Array(b.at), pq.Array(b.users), pq.Array(b.apiClients), pq.Array(b.requests),
		pq.Array(b.ids), pq.Array(b.entries), pq.Array(b.typs), pq.Array(b.eids), pq.Array(b.communities))
	return err
}

// batchArrays are a batch's parameters: per operation, and per read.
type batchArrays struct {
	at                               []time.Time
	users, apiClients, requests, ids []string
	entries                          []int
	typs, eids, communities          []string
}

func (b *batchArrays) add(n int, e entry) {
	b.at = append(b.at, e.at)
	b.users, b.apiClients, b.requests = append(b.users, e.user), append(b.apiClients, e.apiClient), append(b.requests, e.request)
	for range e.ids {
		b.ids = append(b.ids, newLineID())
	}
	for _, r := range e.reads {
		b.entries, b.typs, b.eids, b.communities = append(b.entries, n), append(b.typs, r.typ), append(b.eids, r.id), append(b.communities, r.community)
	}
}

// Writer returns the writer in ctx, if any (see WithWriter).
func writerOf(ctx context.Context) *Writer {
	w, _ := ctx.Value(writerKey{}).(*Writer)
	return w
}

type writerKey struct{}

// WithWriter makes w the writer that Synced waits for in ctx.
func WithWriter(ctx context.Context, w *Writer) context.Context {
	return context.WithValue(ctx, writerKey{}, w)
}

// Synced waits, before a read of the log, for the lines of the reads this
// server answered before it (see Writer); without a writer it returns at
// once.
func Synced(ctx context.Context) error {
	if w := writerOf(ctx); w != nil {
		return w.Sync(ctx)
	}
	return nil
}
