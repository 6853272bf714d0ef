package server

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/tenant"
)

// IdempotencyHeader names a mutation's key: the same key from the same
// caller replays the first answer instead of doing the work again, on every
// replica (the keys live in PostgreSQL).
const (
	IdempotencyHeader = "Idempotency-Key"
	replayedHeader    = "Idempotent-Replayed"
	maxKeyLength      = 255
)

// idempotencyTTL is how long a key is remembered.
const idempotencyTTL = 24 * time.Hour

var (
	errKeyInvalid = &keyInputError{field: IdempotencyHeader,
		msg: "The Idempotency-Key header must be 1 to 255 visible ASCII characters."}
	errKeyReused = errors.New("this Idempotency-Key was used for a different request")
)

// keyInputError is a request the server refuses before running it.
type keyInputError struct{ field, msg string }

func (e *keyInputError) Error() string { return e.msg }

// claim is a mutation's key, held for the length of its transaction.
type claim struct{ subject, key string }

// claimKey records the key in the mutation's transaction. When the same
// caller's key is already committed, it returns that first answer to
// replay; when another request holds it uncommitted, PostgreSQL makes this
// one wait on the key's unique index until that one ends (bounded by
// lock_timeout), so concurrent duplicates have exactly one effect.
func claimKey(ctx context.Context, tx *ent.Tx, key string, oc *graphql.OperationContext) (*claim, *graphql.Response, error) {
	if !validKey(key) {
		return nil, nil, errKeyInvalid
	}
	c := &claim{subject: tenant.FromContext(ctx).Subject(), key: key}
	hash := requestHash(oc)
	res, err := tx.ExecContext(ctx, `INSERT INTO idempotency_keys (subject, key, request_hash, created_at)
		VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`, c.subject, key, hash, clock.Now())
	if err != nil {
		return nil, nil, err
	}
	if n, err := res.RowsAffected(); err != nil || n == 1 {
		return c, nil, err
	}
	var storedHash string
	var stored []byte
	rows, err := tx.QueryContext(ctx, `SELECT request_hash, response FROM idempotency_keys WHERE subject = $1 AND key = $2`, c.subject, key)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	if !rows.Next() {
		return nil, nil, errors.Join(errors.New("idempotency key vanished"), rows.Err())
	}
	if err := rows.Scan(&storedHash, &stored); err != nil {
		return nil, nil, err
	}
	if storedHash != hash {
		return nil, nil, errKeyReused
	}
	resp := &graphql.Response{}
	if err := json.Unmarshal(stored, resp); err != nil {
		return nil, nil, err
	}
	return nil, resp, nil
}

// keep stores the answer with the key, in the transaction that commits it.
func (c *claim) keep(ctx context.Context, tx *ent.Tx, resp *graphql.Response) error {
	body, err := json.Marshal(resp)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `UPDATE idempotency_keys SET response = $3 WHERE subject = $1 AND key = $2`, c.subject, c.key, body)
	return err
}

func validKey(key string) bool {
	if key == "" || len(key) > maxKeyLength {
		return false
	}
	for i := 0; i < len(key); i++ {
		if key[i] < 0x21 || key[i] > 0x7e {
			return false
		}
	}
	return true
}

// requestHash tells a retry (same operation, same variables) from another
// request reusing the key. Files count by name and size.
func requestHash(oc *graphql.OperationContext) string {
	h := sha256.New()
	h.Write([]byte(oc.RawQuery))
	h.Write([]byte{0})
	h.Write([]byte(oc.OperationName))
	h.Write([]byte{0})
	vars, err := json.Marshal(hashable(oc.Variables))
	if err == nil {
		h.Write(vars)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// hashable replaces uploads, which do not marshal, by their name and size.
func hashable(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = hashable(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = hashable(e)
		}
		return out
	case graphql.Upload:
		return map[string]any{"file": x.Filename, "size": x.Size}
	case *graphql.Upload:
		return map[string]any{"file": x.Filename, "size": x.Size}
	}
	return v
}

// keyError is the answer to a bad or reused key.
func keyError(err error) *graphql.Response {
	g := &gqlerror.Error{Message: err.Error(), Extensions: map[string]any{}}
	var in *keyInputError
	if errors.As(err, &in) {
		g.Extensions["code"], g.Extensions["field"] = CodeBadUserInput, in.field
	} else {
		g.Extensions["code"], g.Extensions["reason"] = CodeConflict, "IDEMPOTENCY_KEY_REUSED"
		g.Message = "This Idempotency-Key was used for a different request."
	}
	return &graphql.Response{Errors: gqlerror.List{g}}
}

// ForgetIdempotencyKeys deletes keys older than a day; the server's jobs
// call it as the owner.
func ForgetIdempotencyKeys(ctx context.Context, c *ent.Client, now time.Time) (int64, error) {
	res, err := c.ExecContext(ctx, `DELETE FROM idempotency_keys WHERE created_at < $1`, now.Add(-idempotencyTTL))
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}
