package pqconn

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"strings"
)

// A request's transaction used to cost five round trips besides its own
// queries: BEGIN, the statement that sets it up (role, viewer, timeouts),
// the access log of what it read, and COMMIT. Each round trip is a write
// and a read of the socket on both sides and a wake-up of PostgreSQL's
// backend; on a case looked up by its ID they were most of the request.
// Here BEGIN waits for the transaction's first statement and, when that
// statement has no parameters (the setup, whose values the caller inlines
// with Inline), travels in the same message. Statements that only have to
// happen before the commit (AtCommit: the access log) wait for COMMIT and
// travel with it. The transaction's answers are unchanged: the statements
// run in the same order, in the same transaction, and a statement that
// fails still fails the commit.

// txState is what a transaction this connection began has not sent yet.
type txState struct {
	open     bool
	begin    string   // the BEGIN not sent yet; "" once sent
	atCommit []string // statements waiting for the COMMIT, parameters inlined
}

type atCommitKey struct{}

// AtCommit marks the statements run with ctx as ones that may wait for the
// commit of their transaction and travel with it (see txState): they do
// not return rows, their result is not known before the commit, and an
// error of theirs is the commit's. Outside a transaction they run at once.
func AtCommit(ctx context.Context) context.Context {
	return context.WithValue(ctx, atCommitKey{}, true)
}

func atCommit(ctx context.Context) bool {
	b, _ := ctx.Value(atCommitKey{}).(bool)
	return b
}

// BeginTx begins a transaction without a round trip: its BEGIN is sent
// with the first statement.
func (c *conn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	if !c.IsValid() {
		return nil, driver.ErrBadConn // as lib/pq would, so database/sql takes another connection
	}
	if c.tx.open {
		return nil, errors.New("pqconn: a transaction is already open on this connection")
	}
	mode, err := beginMode(opts)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	c.tx = txState{open: true, begin: "BEGIN" + mode}
	c.watchTx(ctx)
	return (*transaction)(c), nil
}

// Begin is BeginTx with the default options (database/sql never calls it
// on a connection that has BeginTx; driver.Conn requires it).
func (c *conn) Begin() (driver.Tx, error) {
	return c.BeginTx(context.Background(), driver.TxOptions{})
}

// beginMode is lib/pq's spelling of the options.
func beginMode(opts driver.TxOptions) (string, error) {
	var mode string
	switch sql.IsolationLevel(opts.Isolation) {
	case sql.LevelDefault:
	case sql.LevelReadCommitted:
		mode = " ISOLATION LEVEL READ COMMITTED"
	case sql.LevelRepeatableRead:
		mode = " ISOLATION LEVEL REPEATABLE READ"
	case sql.LevelSerializable:
		mode = " ISOLATION LEVEL SERIALIZABLE"
	default:
		return "", fmt.Errorf("pqconn: isolation level not supported: %d", opts.Isolation)
	}
	if opts.ReadOnly {
		return mode + " READ ONLY", nil
	}
	return mode + " READ WRITE", nil
}

// pending takes what must be sent before a statement: the BEGIN and the
// statements that were waiting for the commit, which must not run after
// a statement that followed them.
func (c *conn) pending() []string {
	var out []string
	if c.tx.begin != "" {
		out = append(out, c.tx.begin)
		c.tx.begin = ""
	}
	out = append(out, c.tx.atCommit...)
	c.tx.atCommit = nil
	return out
}

// withPending is a statement without parameters with what must be sent
// before it, as one message of several statements.
func (c *conn) withPending(query string) string {
	p := c.pending()
	if len(p) == 0 {
		return query
	}
	return strings.Join(append(p, query), ";\n")
}

// sendPending sends what must precede a statement that cannot carry it
// (one with parameters, sent as a prepared statement).
func (c *conn) sendPending(ctx context.Context) error {
	p := c.pending()
	if len(p) == 0 {
		return nil
	}
	_, err := c.pqConn.ExecContext(ctx, strings.Join(p, ";\n"), nil)
	return err
}

// defer queues a statement for the commit, its parameters inlined.
func (c *conn) deferToCommit(query string, args []driver.NamedValue) (driver.Result, error) {
	q, err := inlineNamed(query, args)
	if err != nil {
		return nil, err
	}
	c.tx.atCommit = append(c.tx.atCommit, q)
	return deferredResult{}, nil
}

// deferredResult is the result of a statement that waits for the commit.
type deferredResult struct{}

var errDeferred = errors.New("pqconn: the statement runs with the commit; its result is not known before")

func (deferredResult) LastInsertId() (int64, error) { return 0, errDeferred }
func (deferredResult) RowsAffected() (int64, error) { return 0, errDeferred }

// transaction is the connection's open transaction.
type transaction conn

// Commit sends COMMIT with the statements waiting for it, in one message.
// A transaction that never sent a statement has nothing to commit. When
// statements travel with the COMMIT and one fails, the COMMIT does not run
// (PostgreSQL skips the rest of a message after an error) and the
// transaction is rolled back; an aborted transaction also fails them, so
// it can never be taken for committed.
func (t *transaction) Commit() error {
	c := (*conn)(t)
	st := c.tx
	c.tx = txState{}
	if err := c.unwatch(); err != nil {
		return err // the socket is closed: nothing can commit
	}
	switch {
	case st.begin != "" && len(st.atCommit) == 0:
		return nil
	case len(st.atCommit) == 0:
		return c.pqConn.Commit()
	}
	msg := strings.Join(append(append(nonEmpty(st.begin), st.atCommit...), "COMMIT"), ";\n")
	if _, err := c.pqConn.ExecContext(context.Background(), msg, nil); err != nil {
		if rb := c.pqConn.Rollback(); rb != nil && c.pqConn.IsValid() {
			return errors.Join(err, rb)
		}
		return err
	}
	return nil
}

// Rollback rolls back what was sent; a transaction that sent nothing has
// nothing to roll back.
func (t *transaction) Rollback() error {
	c := (*conn)(t)
	begun := c.tx.open && c.tx.begin == ""
	c.tx = txState{}
	if err := c.unwatch(); err != nil || c.aborted.Load() {
		return driver.ErrBadConn // the socket is closed: PostgreSQL rolls back
	}
	if !begun {
		return nil
	}
	return c.pqConn.Rollback()
}

func nonEmpty(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}
