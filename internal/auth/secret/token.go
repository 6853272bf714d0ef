package secret

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"strings"
)

// Token prefixes make a leaked token recognisable to humans and to secret
// scanners, and tell at a glance which kind of credential it is.
const (
	SessionPrefix      = "tbs_"
	APIPrefix          = "tba_"
	DevicePrefix       = "tbd_"
	ResetPrefix        = "tbr_" // a password reset link
	OAuthPrefix        = "tbo_" // an OAuth2 access token of an API client
	ClientSecretPrefix = "tbc_" // an OAuth2 client secret of an API client
)

// tokenBytes gives 256 bits of entropy: unguessable and brute-force proof.
const tokenBytes = 32

// NewToken returns a fresh bearer token (prefix + base64url of 32 random
// bytes) and the hash to store. Only the hash is persisted, so a database
// leak does not yield usable tokens.
func NewToken(prefix string) (token string, hash []byte, err error) {
	b := make([]byte, tokenBytes)
	if _, err := rand.Read(b); err != nil {
		return "", nil, err
	}
	token = prefix + base64.RawURLEncoding.EncodeToString(b)
	return token, HashToken(token), nil
}

// HashToken returns SHA-256 of the whole token. A fast hash is right here,
// unlike for passwords: the token has 256 bits of entropy, so there is nothing
// to brute-force, and lookups by hash happen on every request.
func HashToken(token string) []byte {
	sum := sha256.Sum256([]byte(token))
	return sum[:]
}

// tokenBodyLen is the base64url (unpadded) length of tokenBytes.
var tokenBodyLen = base64.RawURLEncoding.EncodedLen(tokenBytes)

// LooksLikeToken reports whether s has the shape of a token of that prefix.
// It lets callers reject junk and route by kind before a database lookup;
// it proves nothing about validity, only the stored hash does.
func LooksLikeToken(s, prefix string) bool {
	body, ok := strings.CutPrefix(s, prefix)
	if !ok || len(body) != tokenBodyLen {
		return false
	}
	raw, err := base64.RawURLEncoding.Strict().DecodeString(body)
	return err == nil && len(raw) == tokenBytes
}
