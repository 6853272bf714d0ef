package secret

import (
	"errors"
	"strings"
	"testing"

	"github.com/alexedwards/argon2id"
)

func TestHashPasswordParams(t *testing.T) {
	h, err := HashPassword("correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	for _, hash := range []string{h, dummyHash} {
		p, salt, key, err := argon2id.DecodeHash(hash)
		if err != nil {
			t.Fatal(err)
		}
		if p.Memory < 19456 || p.Iterations < 2 || p.Parallelism < 1 {
			t.Errorf("params below OWASP minimum: %+v", p)
		}
		if len(salt) != 16 || len(key) != 32 {
			t.Errorf("salt %d key %d bytes, want 16 and 32", len(salt), len(key))
		}
		if NeedsRehash(hash) {
			t.Errorf("fresh hash %q needs rehash", hash)
		}
	}
}

func TestCheckPassword(t *testing.T) {
	h, err := HashPassword("Ame\u0301lie loves tea") // decomposed é
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, pw string
		want     bool
	}{
		{"same", "Ame\u0301lie loves tea", true},
		{"composed form matches", "Am\u00e9lie loves tea", true},
		{"wrong", "Amelie loves tea", false},
		{"empty", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := CheckPassword(tt.pw, h)
			if err != nil || got != tt.want {
				t.Errorf("CheckPassword = %v, %v; want %v, nil", got, err, tt.want)
			}
		})
	}
	if _, err := CheckPassword("x", "not-a-hash"); err == nil {
		t.Error("malformed hash: want error")
	}
}

func TestNeedsRehash(t *testing.T) {
	tests := []struct {
		name, hash string
		want       bool
	}{
		{"current", dummyHash, false},
		{"weaker memory", strings.Replace(dummyHash, "m=19456", "m=4096", 1), true},
		{"fewer iterations", strings.Replace(dummyHash, "t=2", "t=1", 1), true},
		{"stronger is kept", strings.Replace(dummyHash, "m=19456,t=2", "m=65536,t=3", 1), false},
		{"shorter key", dummyHash[:len(dummyHash)-11], true},
		{"argon2i variant", strings.Replace(dummyHash, "argon2id", "argon2i", 1), true},
		{"garbage", "bcrypt$whatever", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := NeedsRehash(tt.hash); got != tt.want {
				t.Errorf("NeedsRehash = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestValidatePassword(t *testing.T) {
	RefusePublished("turbota-demo-2026")
	tests := []struct {
		name, pw string
		inputs   []string
		want     error
	}{
		{"ok", "purple monkey dishwasher", nil, nil},
		{"exactly 12", "kjh3k4j5h3k!", nil, nil},
		{"11 runes", "kjh3k4j5h3k", nil, ErrPasswordTooShort},
		{"12 multibyte runes", "жовтий тигр!", nil, nil},
		{"Ukrainian phrase", "Київ-весна-2026!", nil, nil},
		{"empty", "", nil, ErrPasswordTooShort},
		{"256 bytes", strings.Repeat("kjh3k4j5h3k4j5h!", 16), nil, nil},
		{"257 bytes", strings.Repeat("a", 257), nil, ErrPasswordTooLong},
		{"common", "password1234", nil, ErrPasswordCommon},
		{"common any case", "Password1234", nil, ErrPasswordCommon},
		{"common qwerty", "qwerty123456", nil, ErrPasswordCommon},
		{"common keyboard row", "qwertyuiop12", nil, ErrPasswordCommon},
		{"common digits", "123456789012", nil, ErrPasswordCommon},
		{"common with spaces", " password1234 ", nil, ErrPasswordCommon},
		{"published (the demo's)", "turbota-demo-2026", nil, ErrPasswordCommon},
		{"published, other case", "Turbota-Demo-2026", nil, ErrPasswordCommon},
		{"twelve spaces", strings.Repeat(" ", 12), nil, ErrPasswordGuessed},
		{"twelve NULs", strings.Repeat("\x00", 12), nil, ErrPasswordControl},
		{"a tab inside", "purple\tmonkey dishwasher", nil, ErrPasswordControl},
		{"keyboard run", "qwertyuiopas", nil, ErrPasswordGuessed},
		{"leet common", "P@ssw0rd12345", nil, ErrPasswordGuessed},
		{"repeated word", "monkeymonkeymonkey", nil, ErrPasswordGuessed},
		{"a run of letters", "bcdefghijklm", nil, ErrPasswordGuessed},
		{"one's own name twice", "hrytsenkohrytsenko", []string{"Hrytsenko Oksana"}, ErrPasswordGuessed},
		{"someone else's name twice", "hrytsenkohrytsenko", nil, nil},
		{"one class only: lower", "purplemonkeydishwasher", nil, nil},
		{"one class only: digits", "804172639501", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := ValidatePassword(tt.pw, tt.inputs...); !errors.Is(err, tt.want) {
				t.Errorf("ValidatePassword(%q) = %v, want %v", tt.pw, err, tt.want)
			}
		})
	}
}

func TestCommonPasswordsAreLongEnoughToMatter(t *testing.T) {
	for pw := range commonPasswords {
		if len([]rune(pw)) < MinPasswordRunes || pw != strings.ToLower(pw) {
			t.Errorf("%q: entries must be lower case and >= %d runes", pw, MinPasswordRunes)
		}
	}
	if n := len(commonPasswords); n < 40 {
		t.Errorf("only %d common passwords", n)
	}
}

// DummyCheck only hides account existence if it costs what a real check
// costs, i.e. if dummyHash uses exactly the current parameters.
func TestDummyCheckCostParity(t *testing.T) {
	p, _, _, err := argon2id.DecodeHash(dummyHash)
	if err != nil {
		t.Fatal(err)
	}
	if *p != *passwordParams {
		t.Errorf("dummyHash params %+v, want %+v", *p, *passwordParams)
	}
	DummyCheck()
}
