package secret

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"strings"
)

// recoveryAlphabet is Crockford's base32 in lower case: 32 symbols, so each
// character is exactly 5 random bits with no modulo bias, and it omits
// i, l, o and u. normalizeRecoveryCode maps i/l to 1 and o to 0, so a code
// read aloud or retyped from paper still matches.
const recoveryAlphabet = "0123456789abcdefghjkmnpqrstvwxyz"

// recoveryChars is 12 characters = 60 bits, shown as three groups of four.
const (
	recoveryChars = 12
	recoveryGroup = 4
	saltBytes     = 16
)

// NewRecoveryCodes returns n single-use codes such as "k7f2-9xq4-m3p8" and
// their stored forms "<salt hex>:<sha256 hex>".
//
// A fast salted SHA-256 suffices: with 60 random bits an offline attacker
// still needs ~2^59 hashes per code, the per-code salt stops precomputation
// and attacking all users' codes at once, and a code is only a second
// factor (the password is still required). Argon2 here would make the
// login path check n slow hashes for no real gain.
func NewRecoveryCodes(n int) (plain []string, hashes []string, err error) {
	if n <= 0 {
		return nil, nil, errors.New("secret: recovery code count must be positive")
	}
	plain = make([]string, n)
	hashes = make([]string, n)
	for i := range n {
		if plain[i], err = newRecoveryCode(); err != nil {
			return nil, nil, err
		}
		if hashes[i], err = hashRecoveryCode(plain[i]); err != nil {
			return nil, nil, err
		}
	}
	return plain, hashes, nil
}

// MatchRecoveryCode returns the index in hashes of the stored code matching
// code, or -1. The caller must delete that hash: codes are single use.
func MatchRecoveryCode(code string, hashes []string) int {
	norm := normalizeRecoveryCode(code)
	if len(norm) != recoveryChars {
		return -1
	}
	for i, h := range hashes {
		if recoveryHashMatches(norm, h) {
			return i
		}
	}
	return -1
}

func newRecoveryCode() (string, error) {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	v := binary.BigEndian.Uint64(b[:])
	var sb strings.Builder
	for i := range recoveryChars {
		if i > 0 && i%recoveryGroup == 0 {
			sb.WriteByte('-')
		}
		sb.WriteByte(recoveryAlphabet[v&31])
		v >>= 5
	}
	return sb.String(), nil
}

func hashRecoveryCode(code string) (string, error) {
	salt := make([]byte, saltBytes)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	sum := saltedSum(salt, normalizeRecoveryCode(code))
	return hex.EncodeToString(salt) + ":" + hex.EncodeToString(sum), nil
}

func recoveryHashMatches(norm, stored string) bool {
	saltHex, sumHex, ok := strings.Cut(stored, ":")
	if !ok {
		return false
	}
	salt, err1 := hex.DecodeString(saltHex)
	want, err2 := hex.DecodeString(sumHex)
	if err1 != nil || err2 != nil {
		return false
	}
	return subtle.ConstantTimeCompare(saltedSum(salt, norm), want) == 1
}

func saltedSum(salt []byte, norm string) []byte {
	h := sha256.New()
	h.Write(salt)
	h.Write([]byte(norm))
	return h.Sum(nil)
}

// normalizeRecoveryCode lower-cases, drops dashes and whitespace, and folds
// the look-alike letters Crockford's alphabet leaves out.
func normalizeRecoveryCode(code string) string {
	code = strings.ToLower(stripSpaces(code))
	return strings.NewReplacer("-", "", "o", "0", "i", "1", "l", "1").Replace(code)
}
