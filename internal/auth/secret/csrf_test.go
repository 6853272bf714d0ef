package secret

import "testing"

func TestNewCSRFToken(t *testing.T) {
	a, b := NewCSRFToken(), NewCSRFToken()
	if len(a) != 43 || a == b {
		t.Errorf("tokens %q %q: want 43 chars, distinct", a, b)
	}
}

func TestEqualCSRF(t *testing.T) {
	tok := NewCSRFToken()
	tests := []struct {
		name string
		a, b string
		want bool
	}{
		{"equal", tok, tok, true},
		{"different", tok, NewCSRFToken(), false},
		{"prefix", tok, tok[:10], false},
		{"both empty", "", "", false},
		{"one empty", tok, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := EqualCSRF(tt.a, tt.b); got != tt.want {
				t.Errorf("EqualCSRF = %v, want %v", got, tt.want)
			}
		})
	}
}
