package notify_test

import (
	"strings"
	"testing"

	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/notification"
	"github.com/turbota/turbota/ent/schema"
	"github.com/turbota/turbota/internal/notify"
)

// Every kind of notification the schema knows has its e-mail subject in
// both languages: none goes out as "Турбота:  / ".
func TestEveryKindHasASubject(t *testing.T) {
	var kinds []string
	for _, f := range (schema.Notification{}).Fields() {
		if d := f.Descriptor(); d.Name == "kind" {
			for _, e := range d.Enums {
				kinds = append(kinds, e.V)
			}
		}
	}
	if len(kinds) == 0 {
		t.Fatal("no notification kinds in the schema")
	}
	for _, k := range kinds {
		subject, body := notify.Message(&ent.Notification{Kind: notification.Kind(k)}, "https://turbota.example")
		parts := strings.SplitN(strings.TrimPrefix(subject, "Турбота: "), " / ", 2)
		if len(parts) != 2 || strings.TrimSpace(parts[0]) == "" || strings.TrimSpace(parts[1]) == "" || body == "" {
			t.Errorf("%s: subject %q", k, subject)
		}
	}
}
