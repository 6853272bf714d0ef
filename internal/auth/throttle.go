package auth

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"time"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/loginattempt"
	"github.com/turbota/turbota/internal/platform/clock"
)

// throttleKeys are the counters a sign-in is charged to: the account and
// the client address, hashed so the table holds no email or address.
func throttleKeys(email, addr string) (account, address string) {
	return "acct:" + digest(email), "addr:" + digest(addr)
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
