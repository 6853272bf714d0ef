package web

import (
	"embed"
	"encoding/json"
	"strings"
	"sync"
)

// The app's translations, which the server's printed documents
// (internal/documents) share so that paper and screen say the same words
// in both languages (a test keeps the two files' keys in step).
//
//go:embed src/i18n/uk.json src/i18n/en.json
var i18nFiles embed.FS

var (
	labelsOnce sync.Once
	labels     map[string]map[string]string // language → dotted key → text
)

// Label is the text of a dotted key ("safetyResult.SAFE") in lang ("uk" or
// "en"; anything else is Ukrainian), "" when there is none.
func Label(lang, key string) string {
	labelsOnce.Do(loadLabels)
	if lang != "en" {
		lang = "uk"
	}
	return labels[lang][key]
}

func loadLabels() {
	labels = map[string]map[string]string{}
	for _, lang := range []string{"uk", "en"} {
		data, _ := i18nFiles.ReadFile("src/i18n/" + lang + ".json")
		var tree map[string]any
		_ = json.Unmarshal(data, &tree) // the app's build and tests check the files
		flat := map[string]string{}
		flatten("", tree, flat)
		labels[lang] = flat
	}
}

func flatten(prefix string, tree map[string]any, into map[string]string) {
	for k, v := range tree {
		switch v := v.(type) {
		case string:
			into[prefix+k] = v
		case map[string]any:
			flatten(prefix+k+".", v, into)
		}
	}
}

// LabelFormat is Label with i18next's {{name}} placeholders filled in.
func LabelFormat(lang, key string, values map[string]string) string {
	s := Label(lang, key)
	for name, v := range values {
		s = strings.ReplaceAll(s, "{{"+name+"}}", v)
	}
	return s
}
