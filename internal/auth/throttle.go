package auth

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"time"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/loginattempt"
	"github.com/turbota/turbota/internal/auth/secret"
	"github.com/turbota/turbota/internal/platform/clock"
)

// throttleKeys are the counters a sign-in is charged to: the account and
// the client address, hashed so the table holds no email or address.
func throttleKeys(email, addr string) (account, address string) {
	return "acct:" + digest(email), "addr:" + digest(addr)
}

// Devices. Counting failures per account lets anyone lock a colleague out
// (five wrong passwords before a deadline), and per address locks every
// account behind an office's NAT. So a browser where an account has signed
// in before carries a mark (auth.DeviceCookie, known to the server only by
// its digest): a sign-in from it is charged to that device alone, with
// delays that double after a few failures, and neither the account's nor
// the address's counter of strangers' failures turns it away. Strangers
// (no valid mark) keep the account and address limits.
//
// deviceKey names the mark of a device for an account; deviceFailures the
// counter of its failures.
func deviceKey(email, mark string) string      { return "device:" + digest(email+"\x00"+mark) }
func deviceFailures(email, mark string) string { return "devfail:" + digest(email+"\x00"+mark) }

// Failures a known device may make before its delays start, and how long a
// device stays known after it was marked.
const (
	deviceFreeFailures = 5
	deviceKnownFor     = 400 * 24 * time.Hour
)

// knownDevice reports whether mark is a device where the account signed in.
func (s *Service) knownDevice(ctx context.Context, tx *ent.Tx, email, mark string) (bool, error) {
	if mark == "" {
		return false, nil
	}
	return tx.LoginAttempt.Query().Where(loginattempt.Key(deviceKey(email, mark)),
		loginattempt.AtGT(clock.Now().Add(-deviceKnownFor))).Exist(ctx)
}

// markDevice makes a new mark for the account's browser. It also drops
// what no check reads any more: marks past their time and failures past
// the window (a sign-in from a new browser is rare enough to carry it).
func (s *Service) markDevice(ctx context.Context, tx *ent.Tx, email string) (string, error) {
	mark, _, err := secret.NewToken(secret.DevicePrefix)
	if err != nil {
		return "", err
	}
	now := clock.Now()
	if _, err := tx.LoginAttempt.Delete().Where(loginattempt.Or(
		loginattempt.And(loginattempt.KeyHasPrefix("device:"), loginattempt.AtLT(now.Add(-deviceKnownFor))),
		loginattempt.And(loginattempt.Not(loginattempt.KeyHasPrefix("device:")), loginattempt.AtLT(now.Add(-s.cfg.Window))),
	)).Exec(ctx); err != nil {
		return "", err
	}
	return mark, tx.LoginAttempt.Create().SetKey(deviceKey(email, mark)).SetAt(now).Exec(ctx)
}

// checkDeviceDelay refuses a known device's attempt until its delay has
// passed: after deviceFreeFailures failures in the window, 1 s after the
// last one, then 2, 4, … up to the window.
func (s *Service) checkDeviceDelay(ctx context.Context, tx *ent.Tx, key string) error {
	since := clock.Now().Add(-s.cfg.Window)
	failures, err := tx.LoginAttempt.Query().Where(loginattempt.Key(key), loginattempt.AtGT(since)).
		Order(ent.Desc(loginattempt.FieldAt)).All(ctx)
	if err != nil || len(failures) < deviceFreeFailures {
		return err
	}
	delay := min(time.Second<<min(len(failures)-deviceFreeFailures, 20), s.cfg.Window)
	if wait := clock.Until(failures[0].At.Add(delay)); wait > 0 {
		return &RateLimitedError{RetryAfter: wait.Round(time.Second) + time.Second, Failures: true}
	}
	return nil
}

func digest(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:16])
}

// lockAccount serialises sign-ins to one account for the rest of tx, so
// parallel requests, aliases or batched operations cannot all pass the
// check before any failure is counted.
func lockAccount(ctx context.Context, tx *ent.Tx, accountKey string) error {
	_, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", accountKey)
	return err
}

// checkThrottle refuses the attempt when either counter is full.
func (s *Service) checkThrottle(ctx context.Context, tx *ent.Tx, keys map[string]int) error {
	since := clock.Now().Add(-s.cfg.Window)
	for key, limit := range keys {
		attempts, err := tx.LoginAttempt.Query().
			Where(loginattempt.Key(key), loginattempt.AtGT(since)).
			Order(ent.Asc(loginattempt.FieldAt)).All(ctx)
		if err != nil {
			return err
		}
		if len(attempts) >= limit {
			// Free again when the oldest counted failure leaves the window.
			oldest := attempts[len(attempts)-limit].At
			return &RateLimitedError{RetryAfter: clock.Until(oldest.Add(s.cfg.Window)).Round(time.Second) + time.Second, Failures: true}
		}
	}
	return nil
}

func (s *Service) recordFailure(ctx context.Context, tx *ent.Tx, keys ...string) error {
	creates := make([]*ent.LoginAttemptCreate, len(keys))
	for i, k := range keys {
		creates[i] = tx.LoginAttempt.Create().SetKey(k).SetAt(clock.Now())
	}
	return tx.LoginAttempt.CreateBulk(creates...).Exec(ctx)
}

func (s *Service) clearFailures(ctx context.Context, tx *ent.Tx, key string) error {
	_, err := tx.LoginAttempt.Delete().Where(loginattempt.Key(key)).Exec(ctx)
	return err
}
