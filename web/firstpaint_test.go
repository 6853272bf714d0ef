package web

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
)

const bootJSON = `{"queries":{"CasePage":"query CasePage($id: ID!) { node(id: $id) { id } }"},
 "labels":{"uk":{"case.familyTitle":"Сім'я {{name}}","case.number":"Випадок №{{id}}","case.opened":"відкрито {{date}}",
  "case.manager":"Менеджер випадку","case.children":"Діти","cases.unassigned":"Не призначено","caseStatus.OPEN":"Супровід"},
 "en":{"case.familyTitle":"The {{name}} family","case.number":"Case no. {{id}}","case.opened":"opened {{date}}",
  "case.manager":"Case manager","case.children":"Children","cases.unassigned":"Unassigned","caseStatus.OPEN":"Accompaniment"}}}`

const caseAnswer = `{"data":{"node":{"__typename":"Case","id":"CS01ABCDEFGHJKMNPQRSTVWXYZ12","status":"OPEN","openedAt":"2026-11-02T08:00:00Z",
	"manager":{"displayName":"Ольга Коваль"},"family":{"name":"Шевчук </script><b>"},"children":[{"firstName":"Марія","lastName":"Шевчук"}]}}}`

func paintingSite(answer string, asked *int) *site {
	app := builtApp()
	app["index.html"] = &fstest.MapFile{Data: []byte(`<!doctype html><html lang="uk"><head><link rel="stylesheet" crossorigin href="/assets/index-Ef34Gh.css"></head><body><div id="root"></div></body></html>`)}
	app["boot.json"] = &fstest.MapFile{Data: []byte(bootJSON)}
	s := newHandler(app)
	s.prefill = func(r *http.Request, query string, vars map[string]any) []byte {
		*asked++
		if query != "query CasePage($id: ID!) { node(id: $id) { id } }" || vars["id"] != "CS01ABCDEFGHJKMNPQRSTVWXYZ12" {
			return nil
		}
		return []byte(answer)
	}
	return s
}

func getWith(t *testing.T, h http.Handler, target string, cookies ...*http.Cookie) (*http.Response, string) {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	for _, c := range cookies {
		req.AddCookie(c)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Result(), rec.Body.String()
}

// A case page comes with its header painted and the app's answer in it,
// private to the viewer; the stylesheet waits for the app.
func TestCasePagePaintedFirst(t *testing.T) {
	asked := 0
	s := paintingSite(caseAnswer, &asked)
	res, body := getWith(t, s, "/cases/CS01ABCDEFGHJKMNPQRSTVWXYZ12/plan", &http.Cookie{Name: "turbota_lang", Value: "en"})
	for _, want := range []string{`id="turbota-boot"`, "The Шевчук &lt;/script&gt;&lt;b&gt; family", "Accompaniment", "Ольга Коваль",
		"Case no. WXYZ12", "opened 2 Nov 2026", `media="print" data-first-paint`, `<link rel="preload" as="style"`, `<html lang="en">`} {
		if !strings.Contains(body, want) {
			t.Errorf("painted page lacks %q:\n%s", want, body)
		}
	}
	if strings.Count(body, "</script>") != 1 {
		t.Errorf("the answer closes its script early:\n%s", body)
	}
	if cc := res.Header.Get("Cache-Control"); cc != "private, no-store" {
		t.Errorf("Cache-Control %q", cc)
	}
	_, body = getWith(t, s, "/cases/CS01ABCDEFGHJKMNPQRSTVWXYZ12")
	if !strings.Contains(body, "Сім&#39;я Шевчук") || !strings.Contains(body, "відкрито 02.11.2026") {
		t.Errorf("Ukrainian header:\n%s", body)
	}
}

// No answer, an error or another type: the plain page, cacheable as ever.
func TestCasePageUnpaintedWithoutAnAnswer(t *testing.T) {
	for _, answer := range []string{"", `{"data":{"node":null}}`, `{"errors":[{"message":"no"}],"data":null}`,
		`{"data":{"node":{"__typename":"Family","id":"FM1"}}}`} {
		asked := 0
		res, body := getWith(t, paintingSite(answer, &asked), "/cases/CS01ABCDEFGHJKMNPQRSTVWXYZ12")
		if strings.Contains(body, "turbota-boot") || strings.Contains(body, "data-first-paint") || res.Header.Get("Cache-Control") != "no-cache" {
			t.Errorf("answer %q painted: %s %s", answer, res.Header.Get("Cache-Control"), body)
		}
	}
	asked := 0
	s := paintingSite(caseAnswer, &asked)
	for _, p := range []string{"/cases", "/cases/CS01ABCDEFGHJKMNPQRSTVWXYZ12/plan/extra", "/families/FM1", "/"} {
		getWith(t, s, p)
	}
	if asked != 0 {
		t.Errorf("asked the API %d times for pages that are not a case", asked)
	}
}
