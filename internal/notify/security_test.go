package notify

import (
	"strings"
	"testing"
	"time"
)

func TestSecurityMessagesSayWhatHappenedInBothLanguages(t *testing.T) {
	at := time.Date(2026, 12, 7, 9, 30, 0, 0, time.FixedZone("Kyiv", 2*3600))
	for e, texts := range securityTexts {
		subject, body := SecurityMessage(e, at)
		for _, want := range []string{texts[0][0], texts[1][0]} {
			if !strings.Contains(subject, want) || !strings.Contains(body, want) {
				t.Errorf("%s: %q missing from %q / %q", e, want, subject, body)
			}
		}
		if !strings.Contains(body, "2026-12-07 07:30 UTC") {
			t.Errorf("%s: the time in UTC missing: %q", e, body)
		}
	}
}

func TestTheResetLinkCarriesItsTokenInTheFragment(t *testing.T) {
	_, body := ResetMessage("https://turbota.example/", "tbr_secret", 30*time.Minute)
	if !strings.Contains(body, "https://turbota.example/reset-password#token=tbr_secret") {
		t.Errorf("the link: %q", body)
	}
	if strings.Count(body, "30") < 2 {
		t.Errorf("how long it works, in both languages: %q", body)
	}
}
