package secret

import (
	"regexp"
	"strings"
	"testing"
)

func TestNewRecoveryCodes(t *testing.T) {
	plain, hashes, err := NewRecoveryCodes(10)
	if err != nil {
		t.Fatal(err)
	}
	if len(plain) != 10 || len(hashes) != 10 {
		t.Fatalf("got %d codes, %d hashes", len(plain), len(hashes))
	}
	shape := regexp.MustCompile(`^[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{4}$`)
	seen := map[string]bool{}
	for i, c := range plain {
		if !shape.MatchString(c) {
			t.Errorf("code %q has wrong shape", c)
		}
		if seen[c] {
			t.Errorf("duplicate code %q", c)
		}
		seen[c] = true
		if got := MatchRecoveryCode(c, hashes); got != i {
			t.Errorf("MatchRecoveryCode(%q) = %d, want %d", c, got, i)
		}
		if strings.Contains(hashes[i], c) {
			t.Error("hash contains the plain code")
		}
	}
	if _, _, err := NewRecoveryCodes(0); err == nil {
		t.Error("n=0 accepted")
	}
}

func TestMatchRecoveryCodeNormalises(t *testing.T) {
	stored, err := hashRecoveryCode("k7f2-9xq4-m301")
	if err != nil {
		t.Fatal(err)
	}
	hashes := []string{"garbage", "zz:zz", stored}
	tests := []struct {
		name, code string
		want       int
	}{
		{"exact", "k7f2-9xq4-m301", 2},
		{"upper case", "K7F2-9XQ4-M301", 2},
		{"no dashes", "k7f29xq4m301", 2},
		{"spaces", " k7f2 9xq4 m301 ", 2},
		{"look-alikes o/l", "k7f2-9xq4-m3ol", 2},
		{"look-alike I", "k7f2-9xq4-m30I", 2},
		{"wrong", "k7f2-9xq4-m302", -1},
		{"short", "k7f2-9xq4", -1},
		{"empty", "", -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := MatchRecoveryCode(tt.code, hashes); got != tt.want {
				t.Errorf("MatchRecoveryCode(%q) = %d, want %d", tt.code, got, tt.want)
			}
		})
	}
	if got := MatchRecoveryCode("k7f2-9xq4-m301", nil); got != -1 {
		t.Errorf("no hashes: got %d", got)
	}
}
