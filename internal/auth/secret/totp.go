package secret

import (
	"strings"
	"time"
	"unicode"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/hotp"
	"github.com/pquerna/otp/totp"
)

// TOTP settings are the RFC 6238 defaults every authenticator app supports.
const (
	totpPeriod     = 30
	totpSecretSize = 20 // 160 bits, the RFC 4226 recommended key size
	totpSkew       = 1  // steps either side, to absorb phone clock drift
)

var totpOpts = hotp.ValidateOpts{
	Digits:    otp.DigitsSix,
	Algorithm: otp.AlgorithmSHA1,
}

// NewTOTPKey creates a TOTP secret (base32) and its otpauth:// URL for the
// enrolment QR code. Store the secret sealed (see Sealer), never in clear.
func NewTOTPKey(issuer, account string) (secret, otpauthURL string, err error) {
	key, err := totp.Generate(totp.GenerateOpts{
		Issuer:      issuer,
		AccountName: account,
		Period:      totpPeriod,
		SecretSize:  totpSecretSize,
		Digits:      totpOpts.Digits,
		Algorithm:   totpOpts.Algorithm,
	})
	if err != nil {
		return "", "", err
	}
	return key.Secret(), key.URL(), nil
}

// GenerateTOTP returns the code for secret at time t.
func GenerateTOTP(secret string, t time.Time) (string, error) {
	return hotp.GenerateCodeCustom(secret, uint64(totpStep(t)), totpOpts)
}

// ValidateTOTP checks code against secret at now, allowing one step of clock
// skew either way, and returns the time step that matched.
//
// A TOTP code stays valid for up to 90 s, so on its own it can be replayed.
// The caller must store the last accepted step per user and reject any
// step <= last; this function cannot do it because it has no state.
func ValidateTOTP(code, secret string, now time.Time) (ok bool, step int64) {
	code = stripSpaces(code)
	cur := totpStep(now)
	// Current step first: it is the likeliest match.
	for _, s := range []int64{cur, cur - totpSkew, cur + totpSkew} {
		if s < 0 {
			continue
		}
		match, err := hotp.ValidateCustom(code, uint64(s), secret, totpOpts)
		if err == nil && match {
			return true, s
		}
	}
	return false, 0
}

func totpStep(t time.Time) int64 {
	return t.Unix() / totpPeriod
}

// stripSpaces removes all whitespace, since apps display codes as "123 456"
// and users paste them with stray spaces.
func stripSpaces(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}
