package audit

import "testing"

func TestSecretFieldsAreNamedNotValued(t *testing.T) {
	for name, want := range map[string]bool{
		"password_hash": true, "totp_secret": true, "token_hash": true, "csrf_token": true, "recovery_codes": true,
		"last_name": false, "birth_date": false, "summary": false, "status": false,
	} {
		if got := secret(name); got != want {
			t.Errorf("secret(%q) = %v", name, got)
		}
	}
}
