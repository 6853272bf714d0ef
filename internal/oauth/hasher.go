package oauth

import (
	"context"
	"crypto/subtle"
	"errors"

	"github.com/turbota/turbota/internal/auth/secret"
)

// sha256Hasher compares client secrets by their SHA-256. A slow password
// hash would buy nothing: the server draws every secret with 256 bits of
// entropy (secret.NewToken), so there is nothing to brute-force, and a
// token request would otherwise spend a CPU core's quarter second.
type sha256Hasher struct{}

var errWrongSecret = errors.New("wrong client secret")

func (sha256Hasher) Compare(_ context.Context, hash, data []byte) error {
	if len(hash) == 0 || subtle.ConstantTimeCompare(hash, secret.HashToken(string(data))) != 1 {
		return errWrongSecret
	}
	return nil
}

func (sha256Hasher) Hash(_ context.Context, data []byte) ([]byte, error) {
	return secret.HashToken(string(data)), nil
}
