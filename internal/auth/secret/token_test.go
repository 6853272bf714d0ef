package secret

import (
	"bytes"
	"encoding/base64"
	"strings"
	"testing"
)

func TestNewToken(t *testing.T) {
	for _, prefix := range []string{SessionPrefix, APIPrefix} {
		t.Run(prefix, func(t *testing.T) {
			tok, hash, err := NewToken(prefix)
			if err != nil {
				t.Fatal(err)
			}
			body, ok := strings.CutPrefix(tok, prefix)
			if !ok {
				t.Fatalf("token %q lacks prefix", tok)
			}
			raw, err := base64.RawURLEncoding.DecodeString(body)
			if err != nil || len(raw) != 32 {
				t.Fatalf("body %q: %d bytes, err %v", body, len(raw), err)
			}
			if !bytes.Equal(hash, HashToken(tok)) || len(hash) != 32 {
				t.Error("hash is not SHA-256 of the token")
			}
			tok2, _, _ := NewToken(prefix)
			if tok == tok2 {
				t.Error("tokens repeat")
			}
		})
	}
}

func TestHashTokenKnownAnswer(t *testing.T) {
	// SHA-256("abc")
	want := "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
	if got := HashToken("abc"); want != hexString(got) {
		t.Errorf("HashToken = %x", got)
	}
}

func TestLooksLikeToken(t *testing.T) {
	tok, _, err := NewToken(SessionPrefix)
	if err != nil {
		t.Fatal(err)
	}
	body := strings.TrimPrefix(tok, SessionPrefix)
	tests := []struct {
		name, s, prefix string
		want            bool
	}{
		{"session", tok, SessionPrefix, true},
		{"wrong prefix", tok, APIPrefix, false},
		{"no prefix", body, SessionPrefix, false},
		{"truncated", tok[:len(tok)-1], SessionPrefix, false},
		{"extra char", tok + "A", SessionPrefix, false},
		{"std base64 chars", SessionPrefix + strings.Repeat("+", len(body)), SessionPrefix, false},
		{"padding", SessionPrefix + body[:len(body)-1] + "=", SessionPrefix, false},
		{"prefix only", SessionPrefix, SessionPrefix, false},
		{"empty", "", SessionPrefix, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := LooksLikeToken(tt.s, tt.prefix); got != tt.want {
				t.Errorf("LooksLikeToken(%q, %q) = %v, want %v", tt.s, tt.prefix, got, tt.want)
			}
		})
	}
}
