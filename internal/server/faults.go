package server

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"github.com/turbota/turbota/internal/audit"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"syscall"

	"github.com/lib/pq"
	"github.com/rs/zerolog"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/turbota/turbota/internal/auth"
)

// Codes of requests the server could not serve, with their HTTP status.
const (
	CodeUnavailable = "UNAVAILABLE" // the database is down or refuses connections
	CodeTimeout     = "TIMEOUT"     // the request ran out of time; nothing was changed
	CodeCanceled    = "CANCELED"    // the client went away before the answer; nothing was changed
)

// retryAfterSeconds is what a client is told to wait after a fault.
const retryAfterSeconds = 2

// fault tells what a database error means for the client: the database is
// unavailable, the request ran out of time, or neither ("").
// abandoned answers a request whose client went away (its context was
// canceled, not timed out: a page left, a connection closed): what failed
// after that, a statement canceled or a transaction database/sql rolled
// back with the context, is no fault of the server's. It is logged at
// info and coded CANCELED; nothing was committed, since the transaction
// ends with the context.
func abandoned(ctx context.Context, g *gqlerror.Error, err error) bool {
	if !errors.Is(ctx.Err(), context.Canceled) {
		return false
	}
	zerolog.Ctx(ctx).Info().Str("error", err.Error()).Msg("the client went away; nothing was committed")
	info(ctx).fail(statusClientClosed, 0)
	g.Message = "The request was abandoned by its client; nothing was changed."
	setCode(g, CodeCanceled)
	return true
}

// statusClientClosed is the status logged for a request its client
// abandoned (nginx's 499): nobody reads the answer.
const statusClientClosed = 499

func fault(err error) string {
	if err == nil {
		return ""
	}
	var pqErr *pq.Error
	if errors.As(err, &pqErr) {
		switch {
		case pqErr.Code == "57014", pqErr.Code == "55P03", pqErr.Code == "25P03":
			// statement or lock timeout, idle in transaction too long
			return CodeTimeout
		case pqErr.Code.Class() == "08", pqErr.Code.Class() == "53", pqErr.Code == "57P01",
			pqErr.Code == "57P02", pqErr.Code == "57P03":
			// connection lost, server out of connections or memory, shutting down or starting
			return CodeUnavailable
		}
		return ""
	}
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return CodeTimeout
	case errors.Is(err, errSessionUnsettled), // a moment's conflict: retrying serves it
		errors.Is(err, audit.ErrLogBehind): // the access log is not being written
		return CodeUnavailable
	case errors.Is(err, driver.ErrBadConn), errors.Is(err, sql.ErrConnDone), errors.Is(err, io.EOF),
		errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.ECONNRESET),
		errors.Is(err, syscall.ENOENT), errors.Is(err, syscall.EPIPE):
		return CodeUnavailable
	}
	var netErr *net.OpError
	if errors.As(err, &netErr) || strings.Contains(err.Error(), "sql: database is closed") {
		return CodeUnavailable
	}
	return ""
}

// faultStatus is the HTTP status of a fault code.
func faultStatus(code string) int {
	if code == CodeTimeout {
		return http.StatusGatewayTimeout
	}
	return http.StatusServiceUnavailable
}

// writeFault answers a request the server could not serve because of err:
// 503 UNAVAILABLE or 504 TIMEOUT with Retry-After, or 500 INTERNAL, logged
// at error in every case.
func (s *Server) writeFault(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, auth.ErrUnauthenticated) { // the session ended on another server (beginWith)
		writeError(w, http.StatusUnauthorized, CodeUnauthenticated, "the session has ended; sign in again")
		return
	}
	code := fault(err)
	zerolog.Ctx(r.Context()).Error().Str("error", err.Error()).Str("code", nonEmpty(code, CodeInternal)).Msg("request not served")
	if code == "" {
		writeError(w, http.StatusInternalServerError, CodeInternal, "internal error")
		return
	}
	w.Header().Set("Retry-After", strconv.Itoa(retryAfterSeconds))
	msg := "the database is unavailable; try again shortly"
	if code == CodeTimeout {
		msg = "the request took too long and was not carried out; try again"
	}
	writeError(w, faultStatus(code), code, msg)
}

func nonEmpty(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
