package secret

import (
	"bytes"
	"encoding/base64"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

func testKey(b byte) []byte { return bytes.Repeat([]byte{b}, KeySize) }

func TestSealerRoundTrip(t *testing.T) {
	s, err := NewSealer(testKey(1))
	if err != nil {
		t.Fatal(err)
	}
	for _, pt := range [][]byte{nil, []byte("JBSWY3DPEHPK3PXP"), bytes.Repeat([]byte("x"), 1000)} {
		sealed, err := s.Seal(pt)
		if err != nil {
			t.Fatal(err)
		}
		if len(pt) > 0 && strings.Contains(sealed, string(pt)) {
			t.Error("plaintext visible")
		}
		got, err := s.Open(sealed)
		if err != nil || !bytes.Equal(got, pt) {
			t.Errorf("Open = %q, %v; want %q", got, err, pt)
		}
	}
	a, _ := s.Seal([]byte("same"))
	b, _ := s.Seal([]byte("same"))
	if a == b {
		t.Error("nonce reused: equal ciphertexts")
	}
}

func TestSealerRejectsTampering(t *testing.T) {
	s, _ := NewSealer(testKey(1))
	other, _ := NewSealer(testKey(2))
	sealed, _ := s.Seal([]byte("top secret"))
	raw, _ := base64.RawURLEncoding.DecodeString(sealed)
	flip := func(i int) string {
		c := bytes.Clone(raw)
		c[i] ^= 1
		return base64.RawURLEncoding.EncodeToString(c)
	}
	tests := []struct {
		name   string
		sealer *Sealer
		in     string
	}{
		{"nonce bit", s, flip(0)},
		{"ciphertext bit", s, flip(14)},
		{"tag bit", s, flip(len(raw) - 1)},
		{"truncated", s, sealed[:len(sealed)-4]},
		{"too short", s, "AAAA"},
		{"not base64", s, "!!!"},
		{"empty", s, ""},
		{"wrong key", other, sealed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := tt.sealer.Open(tt.in); !errors.Is(err, ErrSealed) {
				t.Errorf("Open = %v, want ErrSealed", err)
			}
		})
	}
}

func TestNewSealerKeyLength(t *testing.T) {
	for _, n := range []int{0, 16, 24, 31, 33} {
		if _, err := NewSealer(make([]byte, n)); err == nil {
			t.Errorf("%d-byte key accepted", n)
		}
	}
}

func TestKeyFromHex(t *testing.T) {
	valid := strings.Repeat("ab", KeySize)
	tests := []struct {
		name, in string
		ok       bool
	}{
		{"valid", valid, true},
		{"trailing newline", valid + "\n", true},
		{"upper case", strings.ToUpper(valid), true},
		{"short", valid[:62], false},
		{"long", valid + "00", false},
		{"not hex", strings.Repeat("zz", KeySize), false},
		{"empty", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			key, err := KeyFromHex(tt.in)
			if (err == nil) != tt.ok || (tt.ok && len(key) != KeySize) {
				t.Errorf("KeyFromHex = %x, %v", key, err)
			}
		})
	}
}

func TestLoadOrCreateKey(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sealer.key")
	key, err := LoadOrCreateKey(path)
	if err != nil || len(key) != KeySize {
		t.Fatalf("create: %x, %v", key, err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if perm := fi.Mode().Perm(); perm != 0o600 {
		t.Errorf("key file mode %o, want 600", perm)
	}
	again, err := LoadOrCreateKey(path)
	if err != nil || !bytes.Equal(key, again) {
		t.Errorf("reload gave a different key: %v", err)
	}
	if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 1 {
		t.Errorf("temp files left behind: %v", entries)
	}
}

func TestLoadOrCreateKeyConcurrent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sealer.key")
	keys := make([][]byte, 8)
	var wg sync.WaitGroup
	for i := range keys {
		wg.Go(func() {
			k, err := LoadOrCreateKey(path)
			if err != nil {
				t.Error(err)
			}
			keys[i] = k
		})
	}
	wg.Wait()
	for _, k := range keys[1:] {
		if !bytes.Equal(k, keys[0]) {
			t.Fatal("concurrent callers got different keys")
		}
	}
}

func TestLoadOrCreateKeyRejectsBadFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sealer.key")
	if err := os.WriteFile(path, []byte("not a key"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadOrCreateKey(path); err == nil {
		t.Error("bad key file accepted")
	}
}
