package server_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/turbota/turbota/internal/demo"
	"github.com/turbota/turbota/internal/platform/clock"
	"github.com/turbota/turbota/internal/procedure"
	"github.com/turbota/turbota/internal/server"
)

// pdfPages extracts the text of a PDF page by page with pdftotext (poppler
// utils; scripts/ensure-packages.sh installs them).
func pdfPages(t *testing.T, pdf []byte) []string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed (scripts/ensure-packages.sh)")
	}
	file := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(file, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	pages := strings.Split(string(out), "\f")
	if len(pages) > 0 && strings.TrimSpace(pages[len(pages)-1]) == "" {
		pages = pages[:len(pages)-1]
	}
	return pages
}

// official downloads an official document as PDF and checks the answer's
// headers; it returns the pages' text.
func (e *env) official(t *testing.T, token, kind, id string) []string {
	t.Helper()
	resp, body := e.download(token, "/documents/"+kind+"/"+id)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s %s: %d %s", kind, id, resp.StatusCode, body)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/pdf" {
		t.Errorf("content type %q", ct)
	}
	cd := resp.Header.Get("Content-Disposition")
	if !strings.HasPrefix(cd, `attachment; filename=`+kind) || !strings.Contains(cd, "filename*=UTF-8''") {
		t.Errorf("content disposition %q", cd)
	}
	for _, r := range cd {
		if r > 127 {
			t.Errorf("content disposition not ASCII: %q", cd)
			break
		}
	}
	return pdfPages(t, body)
}

// fetchPDF downloads a document from a goroutine of its own: nil when
// that fails, which the caller's checks then report.
func fetchPDF(url, token string) []byte {
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		return nil
	}
	return body
}

var docNumber = regexp.MustCompile(`№ (\d+)/(\d{4})`)

// numberOf is the registration number printed on a document.
func numberOf(t *testing.T, pages []string) (seq, year int) {
	t.Helper()
	m := docNumber.FindStringSubmatch(strings.Join(pages, "\n"))
	if m == nil {
		t.Fatalf("no number in %q", pages)
	}
	seq, _ = strconv.Atoi(m[1])
	year, _ = strconv.Atoi(m[2])
	return seq, year
}

// orgOf is the ID of the own community's organisation of a kind.
func (e *env) orgOf(t *testing.T, token, kind string) string {
	t.Helper()
	r := e.do(token, `query($c: ID!, $k: OrganizationKind!) { organizations(where: {communityID: $c, kind: $k}, first: 1) { edges { node { id } } } }`,
		map[string]any{"c": fx[own].Community, "k": kind})
	edges, _ := r.Data["organizations"].(map[string]any)["edges"].([]any)
	if len(edges) == 0 {
		t.Fatalf("no %s: %v", kind, r.Errors)
	}
	return str(edges[0].(map[string]any), "node", "id")
}

const setLetterhead = `mutation($id: ID!, $in: UpdateOrganizationInput!) { updateOrganization(id: $id, input: $in) { id fullName edrpou } }`

func TestLetterheadIsValidated(t *testing.T) {
	e := newEnv(t, server.Config{})
	admin := e.login(demo.VinnytsiaAdminEmail)
	ssd := e.orgOf(t, admin, "CHILDREN_SERVICE")
	for _, bad := range []map[string]any{{"edrpou": "1234567"}, {"edrpou": "1234567a"}, {"email": "ssd"}, {"phone": "call us"}} {
		if r := e.do(admin, setLetterhead, map[string]any{"id": ssd, "in": bad}); r.code() != server.CodeBadUserInput {
			t.Errorf("%v: %v", bad, r.Errors)
		}
	}
	if r := e.do(e.login(demo.VinnytsiaChildrenServiceEmail), setLetterhead, map[string]any{"id": ssd, "in": map[string]any{"fullName": "X"}}); len(r.Errors) == 0 {
		t.Error("the children's service changed its own letterhead without the admin's permission")
	}
	if r := e.do(e.login(demo.PoltavaAdminEmail), setLetterhead, map[string]any{"id": ssd, "in": map[string]any{"fullName": "X"}}); r.code() != server.CodeNotFound {
		t.Errorf("another community's admin: %v", r.Errors)
	}
}

func TestOfficialDocuments(t *testing.T) {
	e := newEnv(t, server.Config{})
	w, specialist := specialistWork(t, e)
	admin := e.login(demo.VinnytsiaAdminEmail)
	ssdOrg := e.orgOf(t, admin, "CHILDREN_SERVICE")
	if r := e.do(admin, setLetterhead, map[string]any{"id": ssdOrg, "in": map[string]any{
		"fullName": "Служба у справах дітей Тестової міської ради", "parentBody": "Тестова міська рада",
		"address": "вул. Соборна, 59, м. Вінниця", "edrpou": "12345678", "phone": "+380 432 000000",
		"email": "ssd@test.gov.ua", "headPosition": "Начальник служби", "headName": "Олена КОВАЛЬ"}}); len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	if r := e.do(admin, setLetterhead, map[string]any{"id": w.orgID, "in": map[string]any{
		"fullName": "Центр соціальних служб Тестової міської ради", "headPosition": "Директор центру", "headName": "Іван ПЕТРЕНКО"}}); len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	safety := e.do(w.ssd, `query($id: ID!) { node(id: $id) { ... on Case { safetyAssessments { id } } } }`, map[string]any{"id": w.caseID})
	sa := str(safety.Data["node"].(map[string]any)["safetyAssessments"].([]any)[0].(map[string]any), "id")

	t.Run("safety act", func(t *testing.T) {
		pages := e.official(t, w.ssd, "safety-act", sa)
		text := strings.Join(pages, "\n")
		for _, want := range []string{"Тестова міська рада", "Служба у справах дітей Тестової міської ради", "12345678",
			"Акт оцінювання рівня безпеки дитини", "Фахівець служби у справах дітей", "Начальник служби", "Олена КОВАЛЬ"} {
			if !strings.Contains(text, want) {
				t.Errorf("the act lacks %q:\n%s", want, text)
			}
		}
		if strings.Contains(text, "Керівник служби") || strings.Contains(text, sa) {
			t.Errorf("the act prints a screen signatory or an internal ID:\n%s", text)
		}
		seq, year := numberOf(t, pages)
		if year != clock.Now().In(procedure.Kyiv()).Year() {
			t.Errorf("numbered in %d", year)
		}
		if again, _ := numberOf(t, e.official(t, w.ssd, "safety-act", sa)); again != seq {
			t.Errorf("reprinted as %d, first issued as %d", again, seq)
		}
		log := e.do(e.login(demo.VinnytsiaAuditorEmail), `query($id: String!) { auditEvents(where: {entityID: $id, action: EXPORT}) { totalCount } }`,
			map[string]any{"id": "pdf " + sa})
		if n, _ := log.Data["auditEvents"].(map[string]any)["totalCount"].(float64); n != 2 {
			t.Errorf("downloads in the access log: %v %v", log.Data, log.Errors)
		}
	})

	t.Run("the browser's print layout", func(t *testing.T) {
		status, body := e.get(w.ssd, "/documents/safety-act/"+sa+"?format=json&lang=en")
		var d struct {
			Title, Number string
			Issuer        struct{ Name string }
			Signers       []struct{ Role, Name string }
		}
		if status != http.StatusOK || json.Unmarshal(body, &d) != nil {
			t.Fatalf("%d %s", status, body)
		}
		if d.Title != "Act of the child safety assessment" || !docNumber.MatchString("№ "+d.Number) ||
			d.Issuer.Name != "Служба у справах дітей Тестової міської ради" || len(d.Signers) != 2 || d.Signers[1].Name != "Олена КОВАЛЬ" {
			t.Errorf("print layout: %s", body)
		}
		if status, _ := e.get(e.login(demo.PoltavaChildrenServiceEmail), "/documents/safety-act/"+sa+"?format=json"); status != http.StatusNotFound {
			t.Errorf("another community's print layout: %d", status)
		}
	})

	t.Run("walls", func(t *testing.T) {
		for name, token := range map[string]string{"another community": e.login(demo.PoltavaChildrenServiceEmail),
			"another community's admin": e.login(demo.PoltavaAdminEmail),
			"a school that reports":     e.login(demo.VinnytsiaPartnerReporterEmail),
			"the community's admin":     e.login(demo.VinnytsiaAdminEmail)} {
			if status, body := e.get(token, "/documents/safety-act/"+sa); status != http.StatusNotFound || !strings.Contains(string(body), server.CodeNotFound) {
				t.Errorf("%s: %d %s", name, status, body)
			}
		}
		if status, _ := e.get("", "/documents/safety-act/"+sa); status != http.StatusUnauthorized {
			t.Errorf("anonymous: %d", status)
		}
		if status, body := e.get(w.ssd, "/documents/minutes/"+sa); status != http.StatusBadRequest || !strings.Contains(string(body), server.CodeBadUserInput) {
			t.Errorf("a kind that does not exist: %d %s", status, body)
		}
		if status, _ := e.get(w.ssd, "/documents/plan/"+sa); status != http.StatusNotFound {
			t.Errorf("a safety assessment as a plan: %d", status)
		}
	})

	t.Run("needs act and a long plan", func(t *testing.T) {
		side := func(d string) map[string]any {
			return map[string]any{"domain": d, "rating": "SOME_CONCERN", "narrative": "Потребує уваги."}
		}
		r := e.do(specialist, `mutation($id: ID!, $p: ID!, $at: Time!, $d: [DomainRatingInput!]!) { recordNeedsAssessment(input: {caseID: $id,
			providerID: $p, kind: INITIAL, conductedAt: $at, actFiledAt: $at, strengths: "Мати дбає про дітей", conclusion: "Потрібен соціальний супровід", actNumber: "5", domains: $d}) { id } }`,
			map[string]any{"id": w.caseID, "p": w.orgID, "at": ago(time.Hour),
				"d": []any{side("CHILD_DEVELOPMENT"), side("PARENTING_CAPACITY"), side("FAMILY_ENVIRONMENT")}})
		if len(r.Errors) > 0 {
			t.Fatal(r.Errors)
		}
		text := strings.Join(e.official(t, w.ssd, "needs-act", str(r.Data, "recordNeedsAssessment", "id")), "\n")
		for _, want := range []string{"Центр соціальних служб Тестової міської ради", "Акт оцінки потреб сім'ї",
			"Фахівець із соціальної роботи", "Директор центру", "Іван ПЕТРЕНКО", "Потрібен соціальний супровід"} {
			if !strings.Contains(text, want) {
				t.Errorf("the needs act lacks %q:\n%s", want, text)
			}
		}
		var goals []string
		for g := range 9 {
			var actions []string
			for a := range 4 {
				actions = append(actions, fmt.Sprintf(`{text: "Дія %d.%d: відвідування сім'ї, консультування батьків щодо догляду за дитиною та розвитку навичок", responsibleOrganizationID: $o, due: "{{due}}"}`, g+1, a+1))
			}
			goals = append(goals, fmt.Sprintf(`{text: "Мета %d", actions: [%s]}`, g+1, strings.Join(actions, ", ")))
		}
		saved := e.do(specialist, dated(`mutation($id: ID!, $o: ID!) { savePlan(input: {caseID: $id, nextReviewAt: "{{review}}", goals: [`+
			strings.Join(goals, ", ")+`]}) { id } }`), map[string]any{"id": w.caseID, "o": w.orgID})
		if len(saved.Errors) > 0 {
			t.Fatal(saved.Errors)
		}
		pages := e.official(t, specialist, "plan", str(saved.Data, "savePlan", "id"))
		if len(pages) < 2 {
			t.Fatalf("a long plan on %d page(s)", len(pages))
		}
		last := pages[len(pages)-1]
		if !strings.Contains(last, "отримувач послуг") || !strings.Contains(last, "Дія 9.4") {
			t.Errorf("the last page does not keep the plan's end with its signatures:\n%s", last)
		}
		for i, p := range pages[:len(pages)-1] {
			if strings.Contains(p, "Фахівець, який склав план") {
				t.Errorf("page %d holds signatures before the end", i+1)
			}
		}
	})

	t.Run("numbers are sequential under concurrency", func(t *testing.T) {
		var ids []string
		for range 5 {
			w2 := newWork(t, e)
			if r := e.do(w2.ssd, `mutation($id: ID!, $at: Time!) { recordSafetyAssessment(input: {caseID: $id, conductedAt: $at, result: SAFE}) { id } }`,
				map[string]any{"id": w2.caseID, "at": ago(time.Hour)}); len(r.Errors) > 0 {
				t.Fatal(r.Errors)
			} else {
				ids = append(ids, str(r.Data, "recordSafetyAssessment", "id"))
			}
		}
		first, _ := numberOf(t, e.official(t, w.ssd, "safety-act", sa))
		bodies := make([][]byte, len(ids))
		var wg sync.WaitGroup
		for i, id := range ids {
			wg.Go(func() { bodies[i] = fetchPDF(e.url+"/documents/safety-act/"+id, w.ssd) })
		}
		wg.Wait()
		var seqs []int
		for _, b := range bodies {
			seq, _ := numberOf(t, pdfPages(t, b))
			seqs = append(seqs, seq)
		}
		sort.Ints(seqs)
		for i, s := range seqs {
			if s != first+1+i {
				t.Fatalf("numbers %v after %d: gaps or repeats", seqs, first)
			}
		}
	})
}
