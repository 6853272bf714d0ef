// Package pqconn is the PostgreSQL driver of every pool: lib/pq's
// connection, wrapped so that a request costs as few round trips as it can.
//
// Statements (statements.go): lib/pq runs a statement with parameters as an
// unnamed prepared statement: parsed, described and planned again on every
// call, in two round trips. Here every such statement is prepared under a
// name on the connection that runs it, the first time, and reused by every
// later call there. The cache belongs to the driver connection, below
// database/sql, so it costs no second connection of a pool and serves
// transactions and plain queries alike, ent's and hand-written. Each
// connection keeps at most Size statements, the least recently used closed
// first.
//
// Whether PostgreSQL also keeps the plan is the pool's choice (Plans).
// Planning is most of what a short statement costs under row-level
// security: the policies of a table are planned with every query of it
// (0.21 ms for a case by its ID, whose execution takes 0.03 ms). The
// request pool keeps plans (Cached): PostgreSQL plans a statement's first
// five calls for their values and then keeps a generic plan only if it is
// no costlier than those were. The estimates of the community conditions
// no longer depend on the values (tenant.InCommunities), so a page of
// cases in the largest community and in the smallest plan alike; a page
// size or a date range, whose values do change the estimates, keeps
// custom plans by the same comparison. Aggregates and background jobs,
// which scan ranges and regions of very different sizes, plan every call
// (PerCall).
//
// Lists (lists.go): a list of keys, IN ($1, …, $n), travels as one array
// parameter, so that a statement has one text for every page size and its
// generic plan reads the array once.
//
// Transactions (transaction.go): BEGIN travels with the transaction's first
// statement and COMMIT with the statements that may wait for it (AtCommit),
// so a request's transaction costs no round trip of its own.
package pqconn

import (
	"container/list"
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"net"
	"sync/atomic"

	"github.com/lib/pq"
)

// Size is how many prepared statements a connection keeps. Turbota's
// request paths use a few dozen distinct statements; PostgreSQL keeps each
// one's plan in the connection's memory.
const Size = 256

// Plans is how PostgreSQL plans the statements a pool's connections keep
// prepared (its plan_cache_mode); see the package comment.
type Plans string

const (
	// PerCall plans each call for its parameters' values.
	PerCall Plans = "force_custom_plan"
	// Cached keeps a generic plan once PostgreSQL finds it no costlier
	// than the plans made per call.
	Cached Plans = "auto"
)

// Open opens a pool of dsn whose connections cache their statements and
// plan them as plans says (unless the DSN sets plan_cache_mode itself).
func Open(dsn string, plans Plans) (*sql.DB, error) {
	cfg, err := pq.NewConfig(dsn)
	if err != nil {
		return nil, err
	}
	if cfg.Runtime == nil {
		cfg.Runtime = map[string]string{}
	}
	if _, set := cfg.Runtime["plan_cache_mode"]; !set {
		cfg.Runtime["plan_cache_mode"] = string(plans)
	}
	c, err := pq.NewConnectorConfig(cfg)
	if err != nil {
		return nil, err
	}
	c.Dialer(dialer{})
	return sql.OpenDB(connector{c}), nil
}

type connector struct{ *pq.Connector }

func (c connector) Connect(ctx context.Context) (driver.Conn, error) {
	var socket net.Conn
	dc, err := c.Connector.Connect(context.WithValue(ctx, socketKey{}, &socket))
	if err != nil {
		return nil, err
	}
	if err := checkClient(ctx, dc); err != nil {
		_ = dc.Close()
		return nil, err
	}
	return newConn(dc, socket), nil
}

// pqConn is what lib/pq's connection offers and the cache relies on.
type pqConn interface {
	driver.Conn
	driver.ConnPrepareContext
	driver.ConnBeginTx
	driver.QueryerContext
	driver.ExecerContext
	driver.Pinger
	driver.SessionResetter
	driver.Validator
	driver.NamedValueChecker
	driver.Tx // lib/pq's connection is its own transaction
}

// preparedStmt is what lib/pq's statements offer.
type preparedStmt interface {
	driver.Stmt
	driver.StmtQueryContext
	driver.StmtExecContext
}

// conn is one connection with its statements, most recently used first.
// database/sql never uses a connection from two goroutines at once, so it
// needs no lock.
type conn struct {
	pqConn
	byQuery map[string]*list.Element
	order   *list.List  // of *entry
	tx      txState     // see transaction.go
	socket  net.Conn    // see liveness.go; nil if unknown
	w       watch       // see cancel.go
	aborted atomic.Bool // the watch closed the socket (cancel.go)
}

type entry struct {
	query string
	stmt  preparedStmt
}

func newConn(dc driver.Conn, socket net.Conn) driver.Conn {
	pc, ok := dc.(pqConn)
	if !ok { // not lib/pq as this package knows it: no cache
		return dc
	}
	return &conn{pqConn: pc, byQuery: map[string]*list.Element{}, order: list.New(), socket: socket}
}

// QueryContext runs a statement with parameters through the cache. One
// without parameters keeps lib/pq's simple protocol, which allows several
// statements in one string (migrations, and a transaction's BEGIN with its
// first statement) and cannot be prepared.
func (c *conn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	rows, err := c.query(c.statementCtx(ctx), query, args)
	if err != nil {
		return nil, c.statementErr(err)
	}
	return c.watchRows(rows), nil
}

func (c *conn) query(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	if len(args) == 0 {
		return c.pqConn.QueryContext(ctx, c.withPending(query), args)
	}
	query, args = collapseLists(query, args)
	st, err := c.preparedAfterPending(ctx, query)
	if err != nil {
		return nil, err
	}
	rows, err := st.QueryContext(ctx, args)
	c.forgetIfStale(query, err)
	return rows, err
}

// ExecContext is QueryContext for statements that return no rows; in a
// transaction, those marked AtCommit wait for the commit.
func (c *conn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	if c.tx.open && atCommit(ctx) {
		return c.deferToCommit(query, args)
	}
	res, err := c.exec(c.statementCtx(ctx), query, args)
	return res, c.statementErr(err)
}

func (c *conn) exec(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	if len(args) == 0 {
		return c.pqConn.ExecContext(ctx, c.withPending(query), args)
	}
	query, args = collapseLists(query, args)
	st, err := c.preparedAfterPending(ctx, query)
	if err != nil {
		return nil, err
	}
	res, err := st.ExecContext(ctx, args)
	c.forgetIfStale(query, err)
	return res, err
}

// PrepareContext prepares a statement the caller runs itself: what the
// transaction has not sent yet goes first.
func (c *conn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	ctx = c.statementCtx(ctx)
	if err := c.sendPending(ctx); err != nil {
		return nil, c.statementErr(err)
	}
	st, err := c.pqConn.PrepareContext(ctx, query)
	return st, c.statementErr(err)
}

// Prepare is PrepareContext without a context.
func (c *conn) Prepare(query string) (driver.Stmt, error) {
	return c.PrepareContext(context.Background(), query)
}

func (c *conn) preparedAfterPending(ctx context.Context, query string) (preparedStmt, error) {
	if err := c.sendPending(ctx); err != nil {
		return nil, err
	}
	return c.prepared(ctx, query)
}

// prepared returns the connection's statement for query, preparing it the
// first time and closing the least recently used one past Size.
func (c *conn) prepared(ctx context.Context, query string) (preparedStmt, error) {
	if el, ok := c.byQuery[query]; ok {
		c.order.MoveToFront(el)
		return el.Value.(*entry).stmt, nil
	}
	if c.order.Len() >= Size {
		if err := c.evict(c.order.Back()); err != nil {
			return nil, err
		}
	}
	ds, err := c.pqConn.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	st, ok := ds.(preparedStmt)
	if !ok {
		_ = ds.Close()
		return nil, errors.New("pqconn: the driver's statement cannot run with a context")
	}
	c.byQuery[query] = c.order.PushFront(&entry{query: query, stmt: st})
	return st, nil
}

func (c *conn) evict(el *list.Element) error {
	e := c.order.Remove(el).(*entry)
	delete(c.byQuery, e.query)
	return e.stmt.Close()
}

// forgetIfStale drops a statement PostgreSQL can no longer run as prepared
// (a table it reads changed the columns it returns, or the statement is
// gone): the next call prepares it again. Its name is left to the end of
// the connection rather than closed here, in a transaction the error has
// just aborted.
func (c *conn) forgetIfStale(query string, err error) {
	var pe *pq.Error
	if !errors.As(err, &pe) {
		return
	}
	stale := pe.Code == "0A000" && pe.Message == "cached plan must not change result type" ||
		pe.Code == "26000" // invalid_sql_statement_name
	if el, ok := c.byQuery[query]; ok && stale {
		c.order.Remove(el)
		delete(c.byQuery, query)
	}
}
