package indicators

import (
	"encoding/json"
	"os"
	"testing"
)

// The export names a part as the web app does: the labels are the app's
// own texts (web/src/i18n), group by group, in both languages.
func TestPartNamesAreTheAppsWords(t *testing.T) {
	groups := map[string]string{"source": "source", "category": "category", "form": "careForm", "outcome": "closureOutcome"}
	for lang, file := range map[string]string{"uk": "../../../web/src/i18n/uk.json", "en": "../../../web/src/i18n/en.json"} {
		raw, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var dict map[string]json.RawMessage
		if err := json.Unmarshal(raw, &dict); err != nil {
			t.Fatal(err)
		}
		for breakdown, group := range groups {
			var words map[string]string
			if err := json.Unmarshal(dict[group], &words); err != nil {
				t.Fatalf("%s %s: %v", lang, group, err)
			}
			if len(words) != partCount(breakdown) {
				t.Errorf("%s: the app names %d parts, the export %d", group, len(words), partCount(breakdown))
			}
			for code, want := range words {
				if got := PartName(breakdown, code, lang); got != want {
					t.Errorf("%s %s.%s = %q, the app says %q", lang, breakdown, code, got, want)
				}
			}
		}
	}
}

func TestExportHeaderNamesParts(t *testing.T) {
	d, ok := Find("reports_by_source")
	if !ok {
		t.Fatal("no reports_by_source indicator")
	}
	r := Report{Total: []Shown{{Definition: d, Part: "SCHOOL"}, {Definition: d, Part: "SOMETHING_NEW"}}}
	header := r.Table("uk")[0]
	if header[2] != "Повідомлення за джерелом: Заклад освіти" || header[3] != "Повідомлення за джерелом: SOMETHING_NEW" {
		t.Errorf("uk header = %q", header)
	}
	if h := r.Table("en")[0]; h[2] != "Reports by source: School" {
		t.Errorf("en header = %q", h)
	}
}
