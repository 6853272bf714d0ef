package server_test

import (
	"bytes"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/turbota/turbota/internal/demo"
	"github.com/turbota/turbota/internal/server"
)

// attackerLogin is the operation a hostile page would submit to sign the
// visitor's browser in to the attacker's account.
var attackerLogin = `mutation { login(input: {email: "` + demo.VinnytsiaChildrenServiceEmail + `", password: "` + demo.DefaultPassword + `"}) { token } }`

// formPost sends what an HTML form can: no custom header, a "simple"
// content type, no CORS preflight. It reports the status and whether a
// session cookie came back.
func formPost(t *testing.T, e *env, contentType string, body []byte, header http.Header) (int, bool) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, e.url+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", contentType)
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	for _, c := range resp.Cookies() {
		if c.Name == "turbota_session" && c.Value != "" {
			return resp.StatusCode, true
		}
	}
	return resp.StatusCode, false
}

// multipartLogin is the attack form: the GraphQL multipart fields, no file.
func multipartLogin() (string, []byte) {
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	ops, _ := json.Marshal(map[string]any{"query": attackerLogin})
	_ = w.WriteField("operations", string(ops))
	_ = w.WriteField("map", `{}`)
	_ = w.Close()
	return w.FormDataContentType(), body.Bytes()
}

// A cross-site page cannot sign a browser in to someone else's account:
// not with a multipart form (with or without the browser's Origin and
// Sec-Fetch-Site), not with text/plain or a urlencoded form.
func TestLoginCSRFRefused(t *testing.T) {
	e := newEnv(t, server.Config{})
	ct, body := multipartLogin()
	crossSite := http.Header{"Origin": {"https://evil.example"}, "Sec-Fetch-Site": {"cross-site"}, "Sec-Fetch-Mode": {"navigate"}}
	for name, h := range map[string]http.Header{"a modern browser": crossSite, "an old browser": nil,
		"same-site sibling": {"Sec-Fetch-Site": {"same-site"}}} {
		if status, signedIn := formPost(t, e, ct, body, h); signedIn || status == http.StatusOK {
			t.Errorf("multipart login from %s: status %d, signed in %v", name, status, signedIn)
		}
	}
	ops, _ := json.Marshal(map[string]any{"query": attackerLogin})
	if status, signedIn := formPost(t, e, "text/plain", ops, crossSite); signedIn || status == http.StatusOK {
		t.Errorf("text/plain login: status %d, signed in %v", status, signedIn)
	}
	form := []byte(url.Values{"query": {attackerLogin}}.Encode())
	if status, signedIn := formPost(t, e, "application/x-www-form-urlencoded", form, crossSite); signedIn || status == http.StatusOK {
		t.Errorf("urlencoded login: status %d, signed in %v", status, signedIn)
	}
	// JSON needs a preflight, which no CORS header answers; if a browser
	// sent it anyway, Origin and Sec-Fetch-Site still give it away.
	for name, h := range map[string]http.Header{"Origin": {"Origin": {"https://evil.example"}},
		"Sec-Fetch-Site": {"Sec-Fetch-Site": {"cross-site"}}, "Origin null": {"Origin": {"null"}}} {
		if status, signedIn := formPost(t, e, "application/json", ops, h); signedIn || status != http.StatusForbidden {
			t.Errorf("JSON login with a cross-site %s: status %d, signed in %v", name, status, signedIn)
		}
	}
}

// The app's own requests keep working: JSON from the same origin (what
// browsers send), and scripts that send no Origin at all.
func TestSameOriginLoginAccepted(t *testing.T) {
	e := newEnv(t, server.Config{})
	ops, _ := json.Marshal(map[string]any{"query": attackerLogin})
	host := strings.TrimPrefix(e.url, "http://")
	for name, h := range map[string]http.Header{
		"the web app": {"Origin": {e.url}, "Sec-Fetch-Site": {"same-origin"}},
		"a script":    nil,
		"typed URL":   {"Sec-Fetch-Site": {"none"}},
		"same host":   {"Origin": {"http://" + host}},
	} {
		if status, signedIn := formPost(t, e, "application/json; charset=utf-8", ops, h); !signedIn || status != http.StatusOK {
			t.Errorf("%s: status %d, signed in %v", name, status, signedIn)
		}
	}
}

// A multipart upload must carry the CSRF header (the web app sends it with
// its session) or a bearer token (scripts): neither can a form add. An
// operation without a file is not taken as multipart at all.
func TestUploadNeedsCSRFHeaderOrBearer(t *testing.T) {
	e := newEnv(t, server.Config{})
	w := newWork(t, e)
	vars := func() map[string]any { return map[string]any{"id": w.caseID} }
	if r := e.upload(w.ssd, uploadDoc, vars(), "scan.png", pngBytes); len(r.Errors) > 0 {
		t.Fatalf("upload with a bearer token: %v", r.Errors)
	}
	c := loginCookies(t, e, nil)
	session := "turbota_session=" + c["turbota_session"].Value
	ct, body := uploadBody(uploadDoc, vars(), "scan.png", pngBytes)
	r := e.post("", body, http.Header{"Content-Type": {ct}, "Cookie": {session}, "X-Csrf-Token": {c["turbota_csrf"].Value},
		"Origin": {e.url}, "Sec-Fetch-Site": {"same-origin"}})
	if len(r.Errors) > 0 {
		t.Fatalf("upload from the web app (session and CSRF header): %v", r.Errors)
	}
	for name, h := range map[string]http.Header{"anonymous": {}, "with a session": {"Cookie": {session}}} {
		h.Set("Content-Type", ct)
		if r := e.post("", body, h); r.Status != http.StatusForbidden || r.code() != server.CodeForbidden {
			t.Errorf("%s upload without the CSRF header: %d %v", name, r.Status, r.Errors)
		}
	}
	// The header does not make a file-less multipart body an operation.
	ct, body = multipartLogin()
	if status, signedIn := formPost(t, e, ct, body, http.Header{"X-Csrf-Token": {"x"}}); signedIn || status != http.StatusBadRequest {
		t.Errorf("multipart login with a CSRF header: status %d, signed in %v", status, signedIn)
	}
	var docs int
	if err := e.db.QueryRow(`SELECT count(*) FROM documents WHERE case_id = $1`, w.caseID).Scan(&docs); err != nil {
		t.Fatal(err)
	}
	if docs != 2 {
		t.Errorf("%d documents stored, want the two accepted uploads", docs)
	}
}
