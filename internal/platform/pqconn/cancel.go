package pqconn

import (
	"context"
	"database/sql/driver"
	"errors"

	"github.com/lib/pq"
)

// Cancellation. lib/pq watches the context of every statement with a
// goroutine of its own, started and woken for each one: at three
// statements a request, those hand-offs between goroutines (and the idle
// processors they wake) cost more CPU than the statements' own work in
// the driver. A transaction here is watched once instead, without a
// goroutine (context.AfterFunc): lib/pq gets each statement's context
// without its cancellation, and when the transaction's context ends the
// connection's socket is closed. The statement under way fails at once
// with the context's error, database/sql drops the connection, and the
// transaction can never commit: PostgreSQL rolls it back when it finds the
// client gone, at the latest when the statement ends, which the
// transaction's statement_timeout and lock_timeout bound (tenant.Limits,
// shorter than a request's deadline, so a request that runs out of time is
// normally answered by PostgreSQL's own timeout first). A commit is never
// interrupted: the watch ends before COMMIT is sent, so a client is never
// told that a commit failed that PostgreSQL made.
//
// Statements outside a transaction, and one whose context is not the
// transaction's (a shorter deadline of its own), keep lib/pq's watch.

// checkClient has PostgreSQL check, every second while a statement runs,
// that the client is still there (client_connection_check_interval,
// PostgreSQL 14 and later; an older server keeps its statement_timeout):
// a statement whose client closed the socket (see abort) stops then
// rather than at its end.
func checkClient(ctx context.Context, dc driver.Conn) error {
	ex, ok := dc.(driver.ExecerContext)
	if !ok {
		return nil
	}
	_, err := ex.ExecContext(ctx, "SET client_connection_check_interval = '1s'", nil)
	if pe := (*pq.Error)(nil); errors.As(err, &pe) && pe.Code == "42704" { // unknown setting
		return nil
	}
	return err
}

// watch is the watch on the open transaction's context.
type watch struct {
	ctx  context.Context
	done <-chan struct{} // ctx.Done(); nil when nothing is watched
	stop func() bool
}

// watchTx starts watching ctx, the context the transaction began with.
func (c *conn) watchTx(ctx context.Context) {
	done := ctx.Done()
	if done == nil || c.socket == nil {
		return
	}
	c.w = watch{ctx: ctx, done: done, stop: context.AfterFunc(ctx, c.abort)}
}

// abort runs when the watched context ends, in a goroutine of its own.
func (c *conn) abort() {
	c.aborted.Store(true)
	_ = c.socket.Close()
}

// IsValid refuses a connection whose socket the watch closed.
func (c *conn) IsValid() bool { return !c.aborted.Load() && c.pqConn.IsValid() }

// unwatch ends the watch: an error if the context ended first (and the
// socket is closed or closing).
func (c *conn) unwatch() error {
	w := c.w
	c.w = watch{}
	if w.stop == nil || w.stop() {
		return nil
	}
	return context.Cause(w.ctx)
}

// statementCtx is the context lib/pq runs a statement with.
func (c *conn) statementCtx(ctx context.Context) context.Context {
	if c.w.done != nil && ctx.Done() == c.w.done {
		return context.WithoutCancel(ctx)
	}
	return ctx
}

// statementErr is a statement's error as the caller should see it: one
// the watch caused by closing the socket is the context's.
func (c *conn) statementErr(err error) error {
	if err != nil && c.aborted.Load() && c.w.ctx != nil {
		return context.Cause(c.w.ctx)
	}
	return err
}

// pqRows is what lib/pq's result sets offer.
type pqRows interface {
	driver.Rows
	driver.RowsNextResultSet
	driver.RowsColumnTypeScanType
	driver.RowsColumnTypeDatabaseTypeName
	driver.RowsColumnTypeLength
	driver.RowsColumnTypePrecisionScale
}

// watchedRows reports a result set cut short by the watch as the
// context's error, as lib/pq's own watch would.
type watchedRows struct {
	pqRows
	c *conn
}

func (r watchedRows) Next(dest []driver.Value) error { return r.c.statementErr(r.pqRows.Next(dest)) }

// watchRows wraps the rows of a watched transaction's statement.
func (c *conn) watchRows(rows driver.Rows) driver.Rows {
	if pr, ok := rows.(pqRows); ok && c.w.done != nil {
		return watchedRows{pqRows: pr, c: c}
	}
	return rows
}
