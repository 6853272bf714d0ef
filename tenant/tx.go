package tenant

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/lib/pq"
	"github.com/turbota/turbota/ent"

	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/platform/pqconn"
)

// AppRole is the PostgreSQL role requests run as: it owns no table and has
// no BYPASSRLS, so the row-level security policies always apply to it.
const AppRole = "turbota_app"

// Settings read by the row-level security policies (see the migrations).
const (
	settingRead    = "turbota.read_communities"
	settingWrite   = "turbota.write_communities"
	settingUser    = "turbota.user_id"
	settingSubject = "turbota.subject"
)

// Limits bound what one request's transaction may wait for in PostgreSQL.
// They are shorter than the request's own deadline, so the database gives
// up first and the request is still answered.
type Limits struct {
	Statement         time.Duration // statement_timeout
	Lock              time.Duration // lock_timeout
	IdleInTransaction time.Duration // idle_in_transaction_session_timeout
	// DurableReads makes a read's commit wait, as a change's does, until
	// its access-log rows are on disk. Without it a read (see ForRead)
	// commits with synchronous_commit off: the rows are written and seen at
	// once, and reach the disk within 3 × wal_writer_delay (0.6 s by
	// default), so only a crash of PostgreSQL itself in that window can
	// lose them; the wait, one WAL flush per read, was most of a case
	// lookup's time (about 1.4 ms of fdatasync on the bench machine).
	DurableReads bool
	read         bool
}

// ForRead marks the transaction of an operation that only reads: its one
// write is the access log (see DurableReads).
func (l Limits) ForRead() Limits {
	l.read = true
	return l
}

// synchronousCommit is the transaction's synchronous_commit; "" keeps the
// server's.
func (l Limits) synchronousCommit() string {
	if l.read && !l.DurableReads {
		return "off"
	}
	return ""
}

// DefaultLimits suit interactive requests.
func DefaultLimits() Limits {
	return Limits{Statement: 20 * time.Second, Lock: 5 * time.Second, IdleInTransaction: 30 * time.Second}
}

// beginSQL sets, in one round trip, everything a request's transaction
// needs: the application role and the viewer for row-level security (their
// communities and their sight, see Sight), and the timeouts. All are transaction-local (set_config(..., true) is SET
// LOCAL), so nothing leaks to the next user of the pooled connection.
const beginSQL = `SELECT set_config('role', $1, true), set_config($2, $3, true), set_config($4, $5, true),
	set_config($6, $7, true), set_config($8, $9, true), set_config('statement_timeout', $10, true),
	set_config('lock_timeout', $11, true), set_config('idle_in_transaction_session_timeout', $12, true),
	set_config('turbota.narrowed', $13, true), set_config('turbota.orgs', $14, true),
	set_config('turbota.emergency', $15, true), set_config('turbota.reporting', $16, true),
	set_config('turbota.no_violence', $17, true), set_config('turbota.readable', $18, true),
	set_config('turbota.now', $19, true), set_config('turbota.group_narrowed', $20, true),
	set_config('turbota.group_writes', $21, true),
	set_config('synchronous_commit', coalesce(nullif($22, ''), current_setting('synchronous_commit')), true)`

// checkSQL is added to beginSQL for a viewer with a SessionCheck: it fails
// the setup, and so the transaction, with sessionChanged when the session
// is no longer what the viewer was made from.
const checkSQL = `, turbota_session_unchanged($23::bytea, $24, $25::timestamptz, $26::float8)`

// sessionChanged is the SQLSTATE of turbota_session_unchanged's refusal.
const sessionChanged = "TBS01"

// ErrViewerChanged is BeginWith's answer for a viewer whose session changed
// since it was checked (revoked, its grants or account changed): the caller
// looks the session up again and begins anew.
var ErrViewerChanged = errors.New("tenant: the viewer's session changed since it was checked")

// Begin opens the transaction a request runs in, with the default limits.
func Begin(ctx context.Context, client *ent.Client, v *Viewer) (*ent.Tx, error) {
	return BeginWith(ctx, client, v, DefaultLimits())
}

// BeginWith opens the transaction a request runs in: it drops to the
// application role, hands PostgreSQL the viewer's communities and sight and
// sets the transaction's timeouts. A viewer's sight must be computed first.
// The setup's values are written into it (pqconn.Inline) so that it travels
// with the transaction's BEGIN, in one round trip.
func BeginWith(ctx context.Context, client *ent.Client, v *Viewer, l Limits) (*ent.Tx, error) {
	query, args, err := Setup(v, l)
	if err != nil {
		return nil, err
	}
	if query, err = pqconn.Inline(query, args...); err != nil {
		return nil, err
	}
	tx, err := client.Tx(ctx)
	if err != nil {
		return nil, fmt.Errorf("begin request transaction: %w", err)
	}
	if _, err = tx.ExecContext(ctx, query); err != nil {
		_ = tx.Rollback()
		if pe := (*pq.Error)(nil); errors.As(err, &pe) && pe.Code == sessionChanged {
			return nil, ErrViewerChanged
		}
		return nil, fmt.Errorf("set up the request transaction: %w", err)
	}
	return tx, nil
}

// Setup is the one statement, and its arguments, that makes an open
// transaction a request's (BeginWith); code that talks to PostgreSQL
// without ent runs it to stand under the same row-level security.
func Setup(v *Viewer, l Limits) (string, []any, error) {
	var read, write []pulid.ID
	var user pulid.ID
	var sight *Sight
	subject := ""
	if v != nil {
		if v.Sight() == nil {
			return "", nil, errNoSight
		}
		read, write, user, subject, sight = v.ReadCommunities(), v.WriteCommunities(), v.UserID, v.Subject(), v.Sight()
	}
	seen, err := sightArgs(sight)
	if err != nil {
		return "", nil, err
	}
	args := append([]any{AppRole, settingRead, join(read), settingWrite, join(write),
		settingUser, string(user), settingSubject, subject, millis(l.Statement), millis(l.Lock), millis(l.IdleInTransaction)}, seen...)
	args = append(args, l.synchronousCommit())
	if v != nil && v.Check != nil {
		return beginSQL + checkSQL, append(args, v.Check.TokenHash, v.Check.Stamp, clock.Now(), v.Check.Idle.Seconds()), nil
	}
	return beginSQL, args, nil
}

// millis is a PostgreSQL duration setting; 0 keeps the server's default.
func millis(d time.Duration) string {
	if d <= 0 {
		return "0"
	}
	return strconv.FormatInt(max(d.Milliseconds(), 1), 10)
}

func join(ids []pulid.ID) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = string(id)
	}
	return strings.Join(s, ",")
}
