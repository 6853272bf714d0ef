package audit

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"database/sql"
	"fmt"
	"slices"
	"sort"
	"time"
)

// Kinds of problem Verify reports.
const (
	Altered         = "altered"           // a line's content or hash differs from what the chain says
	Removed         = "removed"           // sequence numbers missing in the middle of a chain
	Inserted        = "inserted"          // a line the chain does not account for
	Reordered       = "reordered"         // two lines swapped their places
	Truncated       = "truncated"         // the chain ends before a checkpoint or its head
	Rewritten       = "rewritten"         // a line's hash differs from a valid checkpoint's: the chain was recomputed
	ForgedSignature = "forged-checkpoint" // a checkpoint whose signature the key does not make
)

// Problem is one finding of Verify.
type Problem struct {
	Chain  string // community ID, or GlobalChain
	Seq    int64  // the sequence number concerned (the first of a range)
	Kind   string
	Detail string
}

func (p Problem) String() string {
	chain := p.Chain
	if chain == GlobalChain {
		chain = "(global)"
	}
	return fmt.Sprintf("%s #%d: %s — %s", chain, p.Seq, p.Kind, p.Detail)
}

// Report is what Verify found.
type Report struct {
	Chains, Lines, Checkpoints int64
	Problems                   []Problem
	// More counts the problems past MaxProblems, not kept.
	More int64
	Took time.Duration
}

// MaxProblems bounds the problems a Report keeps: a log rewritten
// wholesale must not take verify's memory with it.
const MaxProblems = 10000

// OK tells whether nothing was found.
func (r *Report) OK() bool { return len(r.Problems) == 0 }

func (r *Report) add(p Problem) {
	if len(r.Problems) >= MaxProblems {
		r.More++
		return
	}
	r.Problems = append(r.Problems, p)
}

// VerifyOptions choose what Verify checks.
type VerifyOptions struct {
	// Community limits the walk to one community's chain (nil: all;
	// GlobalChain: the global one).
	Community *string
	// Key is the public key checkpoints must be signed with.
	Key ed25519.PublicKey
	// Held are checkpoints kept outside the database (exported before), used
	// with the database's own.
	Held []Checkpoint
}

// Verify walks every chain of the log in order, streaming its lines (its
// memory does not grow with the log), and recomputes each hash; it reports
// every line altered, removed, inserted or reordered, every checkpoint not
// signed by opts.Key, every chain that no longer reaches its valid
// checkpoints or its head (a truncated tail), and every chain recomputed
// before a checkpoint. What it cannot see: lines appended or removed after
// a chain's last checkpoint by someone who also rewrote the chain's head
// (checkpoint often; hold exported checkpoints outside), and lines inserted
// through the trigger as the application would insert them.
// db must be the owner's pool with at least two connections.
func Verify(ctx context.Context, db *sql.DB, opts VerifyOptions) (*Report, error) {
	v := &verifier{ctx: ctx, db: db, opts: opts, report: &Report{}, seen: map[string]bool{}}
	start := time.Now() // the walk's own duration, for its summary
	if err := v.walkLines(); err != nil {
		return nil, err
	}
	if err := v.walkEmptyChains(); err != nil {
		return nil, err
	}
	v.report.Took = time.Since(start)
	return v.report, nil
}

type verifier struct {
	ctx    context.Context
	db     *sql.DB
	opts   VerifyOptions
	report *Report
	seen   map[string]bool
}

// walkLines streams the lines by chain and sequence number; a line
// without one (inserted past the trigger) comes last in its chain.
func (v *verifier) walkLines() error {
	rows, err := v.db.QueryContext(v.ctx, `SELECT `+lineColumns+` FROM audit_events
		WHERE $1::text IS NULL OR coalesce(community_id, '') = $1
		ORDER BY coalesce(community_id, ''), chain_seq, id`, v.opts.Community)
	if err != nil {
		return err
	}
	defer rows.Close()
	rd := &lineReader{rows: rows}
	var w *chainWalk
	for l := rd.pop(); l != nil; l = rd.pop() {
		chain := l.Community.String
		if w == nil || w.chain != chain {
			if err := v.finish(w); err != nil {
				return err
			}
			if w, err = v.start(chain); err != nil {
				return err
			}
		}
		v.report.Lines++
		var next *Line
		if n := rd.peek(); n != nil && n.Community.String == chain {
			next = n
		}
		if w.step(l, next) {
			rd.pop()
			v.report.Lines++
		}
	}
	if rd.err != nil {
		return rd.err
	}
	return v.finish(w)
}

// walkEmptyChains checks the chains that have a head or a checkpoint but
// no line left: all of them were removed.
func (v *verifier) walkEmptyChains() error {
	rows, err := v.db.QueryContext(v.ctx, `SELECT chain FROM audit_chain_heads WHERE $1::text IS NULL OR chain = $1
		UNION SELECT chain FROM audit_checkpoints WHERE $1::text IS NULL OR chain = $1`, v.opts.Community)
	if err != nil {
		return err
	}
	var chains []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			rows.Close()
			return err
		}
		if !v.seen[c] {
			chains = append(chains, c)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, c := range v.heldChains() {
		if !v.seen[c] {
			chains = append(chains, c)
		}
	}
	for _, c := range chains {
		if v.seen[c] {
			continue
		}
		w, err := v.start(c)
		if err != nil {
			return err
		}
		if err := v.finish(w); err != nil {
			return err
		}
	}
	return nil
}

func (v *verifier) heldChains() []string {
	var cs []string
	for _, c := range v.opts.Held {
		if v.opts.Community == nil || *v.opts.Community == c.Chain {
			cs = append(cs, c.Chain)
		}
	}
	return cs
}

// start begins a chain's walk with its valid checkpoints (the database's
// and the held ones) and its head.
func (v *verifier) start(chain string) (*chainWalk, error) {
	v.seen[chain] = true
	v.report.Chains++
	w := &chainWalk{chain: chain, expect: 1, prev: zeroHash, report: v.report}
	cps, err := v.checkpoints(chain)
	if err != nil {
		return nil, err
	}
	for _, c := range cps {
		v.report.Checkpoints++
		if !c.Valid(v.opts.Key) {
			v.report.add(Problem{chain, c.Seq, ForgedSignature, fmt.Sprintf("checkpoint signed %s by key %s: the signature is not the key's", c.SignedAt.UTC().Format(time.RFC3339), c.KeyID)})
			continue
		}
		w.cps = append(w.cps, c)
	}
	sort.SliceStable(w.cps, func(i, j int) bool { return w.cps[i].Seq < w.cps[j].Seq })
	err = v.db.QueryRowContext(v.ctx, `SELECT seq FROM audit_chain_heads WHERE chain = $1`, chain).Scan(&w.head)
	if err != nil && err != sql.ErrNoRows {
		return nil, err
	}
	return w, nil
}

func (v *verifier) checkpoints(chain string) ([]Checkpoint, error) {
	rows, err := v.db.QueryContext(v.ctx, `SELECT `+checkpointColumns+` FROM audit_checkpoints WHERE chain = $1 ORDER BY seq`, chain)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var cps []Checkpoint
	for rows.Next() {
		c, err := scanCheckpoint(rows)
		if err != nil {
			return nil, err
		}
		cps = append(cps, c)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	stored := len(cps)
	for _, c := range v.opts.Held {
		if c.Chain == chain && !slices.ContainsFunc(cps[:stored], func(d Checkpoint) bool { return d.Seq == c.Seq && bytes.Equal(d.Signature, c.Signature) }) {
			cps = append(cps, c) // held outside only: deleted from the database, or never there
		}
	}
	return cps, nil
}

// finish checks that the chain reaches its last valid checkpoint and its
// head.
func (v *verifier) finish(w *chainWalk) error {
	if w == nil {
		return nil
	}
	for ; w.cpi < len(w.cps); w.cpi++ {
		if c := w.cps[w.cpi]; c.Seq > w.last {
			v.report.add(Problem{w.chain, w.last + 1, Truncated, fmt.Sprintf("the chain ends at #%d; a checkpoint signed %s covers #%d", w.last, c.SignedAt.UTC().Format(time.RFC3339), c.Seq)})
			w.cpi = len(w.cps) // one report for the tail: the last checkpoint says how far
			break
		}
	}
	switch {
	case w.head > w.stored:
		v.report.add(Problem{w.chain, w.stored + 1, Truncated, fmt.Sprintf("the chain ends at #%d; its head says #%d", w.stored, w.head)})
	case w.head < w.stored:
		v.report.add(Problem{w.chain, w.head + 1, Inserted, fmt.Sprintf("lines #%d–#%d lie past the chain's head #%d", w.head+1, w.stored, w.head)})
	}
	return nil
}

// lineReader reads lines with one line of lookahead.
type lineReader struct {
	rows *sql.Rows
	next *Line
	err  error
	done bool
}

func (r *lineReader) peek() *Line {
	if r.next == nil && !r.done {
		if !r.rows.Next() {
			r.done, r.err = true, r.rows.Err()
			return nil
		}
		l := &Line{}
		if err := l.scan(r.rows); err != nil {
			r.done, r.err = true, err
			return nil
		}
		r.next = l
	}
	return r.next
}

func (r *lineReader) pop() *Line {
	l := r.peek()
	r.next = nil
	return l
}

// chainWalk is the state of one chain's walk.
type chainWalk struct {
	chain  string
	expect int64  // the sequence number the next line should have
	prev   []byte // the hash the next line chains to
	shift  int64  // lines found inserted and renumbered in so far
	last   int64  // the last sequence number accepted, as the checkpoints count
	stored int64  // the last line's sequence number as stored, as the head counts
	head   int64  // the chain's head as audit_chain_heads says
	cps    []Checkpoint
	cpi    int
	report *Report
}

func (w *chainWalk) problem(seq int64, kind, detail string) {
	w.report.add(Problem{w.chain, seq, kind, detail})
}

// step checks line l, next being the following line of the chain (nil at
// its end); it returns whether it took next too (a swapped pair).
func (w *chainWalk) step(l, next *Line) bool {
	if !l.Seq.Valid {
		w.problem(0, Inserted, fmt.Sprintf("line %s has no place in the chain", l.ID.String))
		return false
	}
	seq := l.Seq.Int64 - w.shift
	switch {
	case seq < w.expect:
		w.problem(l.Seq.Int64, Inserted, fmt.Sprintf("line %s repeats sequence number #%d", l.ID.String, l.Seq.Int64))
		return false
	case seq > w.expect:
		// The lines before are gone, and with them the hash this one
		// chains to: it is taken as it is, and a checkpoint after it still
		// tells whether it was changed.
		w.problem(w.expect+w.shift, Removed, fmt.Sprintf("lines #%d–#%d are missing", w.expect+w.shift, l.Seq.Int64-1))
		w.accept(l, seq)
		return false
	case bytes.Equal(l.hashAt(w.prev, seq), l.Hash):
		w.accept(l, seq)
		return false
	}
	return w.mismatch(l, next, seq)
}

// mismatch explains a line whose hash does not follow: the next line may
// belong in its place (l was inserted, or the two were swapped).
func (w *chainWalk) mismatch(l, next *Line, seq int64) bool {
	if next != nil && next.Seq.Valid && bytes.Equal(next.hashAt(w.prev, seq), next.Hash) {
		nseq := next.Seq.Int64 - w.shift
		if nseq == seq+1 && bytes.Equal(l.hashAt(next.Hash, seq+1), l.Hash) {
			w.problem(l.Seq.Int64, Reordered, fmt.Sprintf("lines %s and %s (#%d and #%d) are in each other's places", l.ID.String, next.ID.String, l.Seq.Int64, next.Seq.Int64))
			w.accept(next, seq)
			w.accept(l, seq+1)
			return true
		}
		w.problem(l.Seq.Int64, Inserted, fmt.Sprintf("line %s is not part of the chain", l.ID.String))
		if nseq == seq+1 {
			w.shift++ // the lines after it were renumbered to make room
		}
		return false
	}
	w.problem(l.Seq.Int64, Altered, fmt.Sprintf("line %s does not hash to what the chain holds", l.ID.String))
	w.accept(l, seq)
	return false
}

// accept takes l as the chain's line seq and holds it to the checkpoints
// at seq.
func (w *chainWalk) accept(l *Line, seq int64) {
	w.prev, w.expect, w.last, w.stored = l.Hash, seq+1, seq, max(w.stored, l.Seq.Int64)
	for ; w.cpi < len(w.cps) && w.cps[w.cpi].Seq <= seq; w.cpi++ {
		c := w.cps[w.cpi]
		if c.Seq == seq && !bytes.Equal(c.Hash, l.Hash) {
			w.problem(seq, Rewritten, fmt.Sprintf("the checkpoint signed %s holds another hash: the chain up to #%d was recomputed", c.SignedAt.UTC().Format(time.RFC3339), seq))
		}
	}
}
