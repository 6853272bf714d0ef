package pqconn

import (
	"context"
	"database/sql/driver"
	"errors"
	"net"
	"syscall"
	"time"
)

// A connection that PostgreSQL closed while it sat in the pool (a restart,
// a failover, an administrator ending it) used to be found out by the
// transaction's BEGIN, which database/sql retries on another connection.
// BEGIN now travels with the transaction's first statement (transaction.go),
// where database/sql cannot retry. So a connection is checked when the pool
// hands it out (ResetSession): an idle connection's socket has nothing to
// read, and one that PostgreSQL closed has its end or its farewell message
// waiting. database/sql then drops it and takes another, as before. The
// check is one non-blocking read of the socket.

// dialer is lib/pq's dialer, keeping the socket it opens where the
// connection being made can find it (see connector.Connect).
type dialer struct{ d net.Dialer }

type socketKey struct{}

func (d dialer) Dial(network, address string) (net.Conn, error) {
	return d.DialContext(context.Background(), network, address)
}

func (d dialer) DialTimeout(network, address string, timeout time.Duration) (net.Conn, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	return d.DialContext(ctx, network, address)
}

func (d dialer) DialContext(ctx context.Context, network, address string) (net.Conn, error) {
	c, err := d.d.DialContext(ctx, network, address)
	if slot, ok := ctx.Value(socketKey{}).(*net.Conn); ok && err == nil {
		*slot = c
	}
	return c, err
}

// ResetSession refuses a connection whose socket PostgreSQL closed.
func (c *conn) ResetSession(ctx context.Context) error {
	if err := c.pqConn.ResetSession(ctx); err != nil {
		return err
	}
	if c.aborted.Load() || c.socket != nil && !alive(c.socket) {
		return driver.ErrBadConn
	}
	return nil
}

// alive reads the socket without waiting: nothing to read is an idle
// connection; an end of file, an error or a message nobody asked for
// (PostgreSQL's notice that it terminates the connection) is not.
func alive(c net.Conn) bool {
	sc, ok := c.(syscall.Conn)
	if !ok {
		return true // not a socket this check can read: trust it
	}
	raw, err := sc.SyscallConn()
	if err != nil {
		return false
	}
	var rerr error
	var buf [1]byte
	if err := raw.Read(func(fd uintptr) bool {
		_, rerr = syscall.Read(int(fd), buf[:])
		return true // never wait
	}); err != nil {
		return false
	}
	return errors.Is(rerr, syscall.EAGAIN) // anything read, or the end, means closed

}
