package secret

import (
	"net/url"
	"strings"
	"testing"
	"time"
)

// RFC 6238 appendix B SHA1 seed "12345678901234567890" in base32.
const rfcSecret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"

func TestGenerateTOTPRFCVector(t *testing.T) {
	// RFC 6238 gives 94287082 at T=59; the 6-digit code is its last 6 digits.
	got, err := GenerateTOTP(rfcSecret, time.Unix(59, 0))
	if err != nil || got != "287082" {
		t.Fatalf("GenerateTOTP = %q, %v; want 287082", got, err)
	}
}

func TestValidateTOTP(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	step := now.Unix() / 30
	code := func(s int64) string {
		c, err := GenerateTOTP(rfcSecret, time.Unix(s*30, 0))
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	tests := []struct {
		name     string
		code     string
		wantOK   bool
		wantStep int64
	}{
		{"current", code(step), true, step},
		{"previous step", code(step - 1), true, step - 1},
		{"next step", code(step + 1), true, step + 1},
		{"two steps old", code(step - 2), false, 0},
		{"two steps ahead", code(step + 2), false, 0},
		{"spaces", " " + code(step)[:3] + " " + code(step)[3:] + " ", true, step},
		{"empty", "", false, 0},
		{"too long", code(step) + "1", false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ok, s := ValidateTOTP(tt.code, rfcSecret, now)
			if ok != tt.wantOK || s != tt.wantStep {
				t.Errorf("ValidateTOTP(%q) = %v, %d; want %v, %d", tt.code, ok, s, tt.wantOK, tt.wantStep)
			}
		})
	}
	if ok, _ := ValidateTOTP(code(step), "not base32!", now); ok {
		t.Error("invalid secret accepted")
	}
}

func TestNewTOTPKey(t *testing.T) {
	secret, raw, err := NewTOTPKey("Turbota", "ann@example.org")
	if err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "otpauth" || u.Host != "totp" {
		t.Fatalf("bad URL %q: %v", raw, err)
	}
	q := u.Query()
	for k, want := range map[string]string{
		"secret": secret, "issuer": "Turbota", "digits": "6",
		"period": "30", "algorithm": "SHA1",
	} {
		if got := q.Get(k); got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
	if len(secret) != 32 || strings.ContainsAny(secret, "=") {
		t.Errorf("secret %q: want 32 base32 chars (160 bits)", secret)
	}
	now := time.Now()
	c, err := GenerateTOTP(secret, now)
	if err != nil {
		t.Fatal(err)
	}
	if ok, _ := ValidateTOTP(c, secret, now); !ok {
		t.Error("own code rejected")
	}
	if _, _, err := NewTOTPKey("", "x"); err == nil {
		t.Error("missing issuer accepted")
	}
}

// ValidateTOTP is stateless, so replay protection rests on the step it
// returns: the same code must yield the same step at every moment it is
// accepted, letting the caller reject step <= last used step.
func TestValidateTOTPReplayStep(t *testing.T) {
	issued := time.Unix(1_700_000_010, 0)
	step := issued.Unix() / 30
	c, err := GenerateTOTP(rfcSecret, issued)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		at     time.Time
		wantOK bool
	}{
		{"same instant", issued, true},
		{"replayed 20s later", issued.Add(20 * time.Second), true},
		{"replayed one step later", issued.Add(30 * time.Second), true},
		{"replayed two steps later", issued.Add(60 * time.Second), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ok, got := ValidateTOTP(c, rfcSecret, tt.at)
			if ok != tt.wantOK || (ok && got != step) {
				t.Errorf("ValidateTOTP = %v, step %d; want %v, step %d", ok, got, tt.wantOK, step)
			}
		})
	}
}
