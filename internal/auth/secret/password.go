package secret

import (
	"errors"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/alexedwards/argon2id"
	"github.com/trustelem/zxcvbn"
	"golang.org/x/text/unicode/norm"
)

// Password policy limits (NIST SP 800-63B: length over composition rules).
const (
	MinPasswordRunes = 12
	// MaxPasswordBytes bounds the work an attacker can make us do per request
	// while still allowing long passphrases.
	MaxPasswordBytes = 256
)

// Errors returned by ValidatePassword; the API maps them to BAD_USER_INPUT.
var (
	ErrPasswordTooShort = errors.New("secret: password must be at least 12 characters")
	ErrPasswordTooLong  = errors.New("secret: password must be at most 256 bytes")
	ErrPasswordCommon   = errors.New("secret: password is too common")
	ErrPasswordControl  = errors.New("secret: password must not contain control characters")
	ErrPasswordGuessed  = errors.New("secret: password is too easy to guess")
)

// Reason is the stable name of a password policy error, for clients to
// word it (BAD_USER_INPUT's extensions.reason); "" for other errors.
func Reason(err error) string {
	for e, r := range map[error]string{ErrPasswordTooShort: "PASSWORD_TOO_SHORT", ErrPasswordTooLong: "PASSWORD_TOO_LONG",
		ErrPasswordCommon: "PASSWORD_COMMON", ErrPasswordControl: "PASSWORD_CONTROL", ErrPasswordGuessed: "PASSWORD_GUESSABLE"} {
		if errors.Is(err, e) {
			return r
		}
	}
	return ""
}

// minGuessScore is the zxcvbn score a password must reach: 3 means about
// 10^8 guesses or more ("safely unguessable" against an online attack, and
// slow against argon2id offline).
const minGuessScore = 3

// guessRunes is how much of a password zxcvbn reads (as its JavaScript
// original does): its matching grows faster than the length.
const guessRunes = 100

// published are passwords printed where anyone can read them (the demo's,
// in the README and at a demo start): no real account may use one.
var published sync.Map

// RefusePublished adds passwords to those no account may choose.
func RefusePublished(pw ...string) {
	for _, p := range pw {
		published.Store(strings.ToLower(normalizePassword(p)), true)
	}
}

// passwordParams is the OWASP minimum for argon2id (19 MiB, t=2, p=1). Raising
// it later is safe: NeedsRehash flags old hashes for upgrade at next login.
var passwordParams = &argon2id.Params{
	Memory:      19 * 1024,
	Iterations:  2,
	Parallelism: 1,
	SaltLength:  16,
	KeyLength:   32,
}

// dummyHash is a hash of a random, discarded password made with
// passwordParams. It is written out so DummyCheck costs nothing at
// start-up; a test keeps its parameters in step with passwordParams.
var dummyHash = "$argon2id$v=19$m=19456,t=2,p=1$mHXCfybMsA9uJdIywJDk2w$kvjLzxcJfpol8D3gW4CrJ1Ngp5KgTQm01eKiHOt4bqU"

// CheapHashingForTests makes every password hash and check of this process
// use argon2id's cheapest parameters (64 KiB, one pass), as the test
// suites of password-hashing applications commonly do: at 19 MiB and two
// passes a sign-in costs some 30 ms of CPU, and the server's tests sign in
// hundreds of times. Call it before anything is hashed (in TestMain).
// It panics outside a test binary, so no product path can weaken hashing.
func CheapHashingForTests() {
	if !testing.Testing() {
		panic("secret: CheapHashingForTests called outside a test")
	}
	passwordParams = &argon2id.Params{Memory: 64, Iterations: 1, Parallelism: 1, SaltLength: 16, KeyLength: 32}
	h, err := argon2id.CreateHash("discarded", passwordParams)
	if err != nil {
		panic(err)
	}
	dummyHash = h
}

// normalizePassword applies NFKC so the same password typed on different
// keyboards or OSes (composed vs decomposed accents) hashes identically, as
// 800-63B recommends.
func normalizePassword(pw string) string {
	return norm.NFKC.String(pw)
}

// HashPassword returns an argon2id hash in the standard PHC string format.
func HashPassword(pw string) (string, error) {
	return argon2id.CreateHash(normalizePassword(pw), passwordParams)
}

// CheckPassword reports whether pw matches hash. A mismatch is (false, nil);
// an error means the stored hash is malformed. The comparison is constant
// time inside argon2id.
func CheckPassword(pw, hash string) (bool, error) {
	return argon2id.ComparePasswordAndHash(normalizePassword(pw), hash)
}

// NeedsRehash reports whether hash was made with weaker parameters than the
// current ones (or cannot be parsed), so the caller should re-hash the
// password it just verified. Stronger hashes are left alone: re-hashing them
// down would only weaken them.
func NeedsRehash(hash string) bool {
	p, _, _, err := argon2id.DecodeHash(hash)
	if err != nil {
		return true
	}
	return p.Memory < passwordParams.Memory ||
		p.Iterations < passwordParams.Iterations ||
		p.Parallelism < passwordParams.Parallelism ||
		p.SaltLength < passwordParams.SaltLength ||
		p.KeyLength < passwordParams.KeyLength
}

// DummyCheck costs as much as a real CheckPassword. Call it when the account
// does not exist so response time does not reveal which emails are
// registered.
func DummyCheck() {
	_, _ = argon2id.ComparePasswordAndHash("turbota-dummy-password", dummyHash)
}

// ValidatePassword applies the sign-up/change policy (NIST SP 800-63B,
// ASVS 5.0 V6.2): a length, no control characters, and a password that is
// not known or guessable: not on the list of common passwords, not a
// published one, and hard to guess for zxcvbn, whose frequency lists come
// from breached-password corpora, English words and names and keyboard
// patterns (userInputs, such as the e-mail and the name, count as known
// words too). It deliberately has no composition rules (they push users
// to predictable patterns).
func ValidatePassword(pw string, userInputs ...string) error {
	// Checked on raw bytes first so normalisation never runs on huge input.
	if len(pw) > MaxPasswordBytes {
		return ErrPasswordTooLong
	}
	pw = normalizePassword(pw)
	if len(pw) > MaxPasswordBytes {
		return ErrPasswordTooLong
	}
	if utf8.RuneCountInString(pw) < MinPasswordRunes {
		return ErrPasswordTooShort
	}
	if strings.IndexFunc(pw, unicode.IsControl) >= 0 {
		return ErrPasswordControl
	}
	key := strings.ToLower(strings.TrimSpace(pw))
	if _, ok := commonPasswords[key]; ok {
		return ErrPasswordCommon
	}
	if _, ok := published.Load(strings.ToLower(pw)); ok {
		return ErrPasswordCommon
	}
	if zxcvbn.PasswordStrength(firstRunes(pw, guessRunes), knownWords(userInputs)).Score < minGuessScore {
		return ErrPasswordGuessed
	}
	return nil
}

// knownWords are the user's inputs (an e-mail, a name) and their parts, in
// lower case, and the product's name: words an attacker tries first.
func knownWords(inputs []string) []string {
	words := []string{"turbota", "турбота"}
	for _, in := range inputs {
		in = strings.ToLower(in)
		words = append(words, in)
		words = append(words, strings.FieldsFunc(in, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })...)
	}
	return words
}

// firstRunes is s cut to its first n runes.
func firstRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}
