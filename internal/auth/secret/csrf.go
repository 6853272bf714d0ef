package secret

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
)

// NewCSRFToken returns a 256-bit random token, base64url encoded.
func NewCSRFToken() string {
	b := make([]byte, 32)
	// crypto/rand.Read never returns an error since Go 1.24 (it aborts the
	// process instead), so there is nothing to handle.
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// EqualCSRF compares in constant time. Empty never matches, so a missing
// cookie plus a missing header cannot pass as "equal".
func EqualCSRF(a, b string) bool {
	if a == "" || b == "" {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}
