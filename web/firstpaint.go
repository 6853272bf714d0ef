package web

import (
	"bytes"
	"encoding/json"
	"html/template"
	"io/fs"
	"net/http"
	"regexp"
	"strings"
	"time"
)

// Prefill runs one of the app's start-up queries in the name of the
// request's viewer, as the app itself would ask it, and returns the GraphQL
// answer (nil when there is none to give: signed out, no such case, …).
type Prefill func(r *http.Request, query string, variables map[string]any) []byte

// bootFile is what the build tells the server about the first paint
// (written by vite.config.ts): the case page's query exactly as the app
// sends it, and the few labels the header needs in each language.
const bootFile = "boot.json"

type boot struct {
	Queries map[string]string            `json:"queries"`
	Labels  map[string]map[string]string `json:"labels"`
}

// firstPaint puts the case page's answer and its header into index.html,
// so that on a slow line the case shows as soon as the page arrives, while
// the app's code is still on its way; the app then takes that answer
// instead of asking again. Nil when there is nothing to paint.
func (s *site) firstPaint(r *http.Request, page []byte, caseID string) []byte {
	query := s.boot.Queries["CasePage"]
	if s.prefill == nil || query == "" || caseID == "" {
		return nil
	}
	vars := map[string]any{"id": caseID}
	answer := s.prefill(r, query, vars)
	var got struct {
		Data struct {
			Node *paintedCase `json:"node"`
		} `json:"data"`
		Errors []json.RawMessage `json:"errors"`
	}
	if answer == nil || json.Unmarshal(answer, &got) != nil || len(got.Errors) > 0 || got.Data.Node == nil || got.Data.Node.Typename != "Case" {
		return nil
	}
	lang := "uk"
	if c, err := r.Cookie("turbota_lang"); err == nil && c.Value == "en" {
		lang = "en"
	}
	var header bytes.Buffer
	if err := headerTemplate.Execute(&header, got.Data.Node.view(s.boot.Labels[lang], lang)); err != nil {
		return nil
	}
	data, err := json.Marshal(map[string]any{"CasePage": map[string]any{"variables": vars, "body": string(answer)}})
	if err != nil {
		return nil
	}
	return paint(page, data, header.Bytes(), lang)
}

var stylesheet = regexp.MustCompile(`<link rel="stylesheet"([^>]*)>`)

// paint writes the answer and the header into the page. The stylesheet
// stops holding back the first paint: fetched at once (preload) but for
// print only until the app's code switches it on (main.tsx), in its place
// in the head, so that the order of styles stays as the app has it.
func paint(page, answer, header []byte, lang string) []byte {
	html := stylesheet.ReplaceAllString(string(page),
		`<link rel="preload" as="style"$1>`+"\n    "+`<link rel="stylesheet" media="print" data-first-paint$1>`)
	root := `<div id="root"></div>`
	// json.Marshal escapes <, > and &: the answer cannot close the script.
	html = strings.Replace(html, root, `<script type="application/json" id="turbota-boot">`+string(answer)+"</script>\n    "+
		`<div id="root">`+string(header)+"</div>", 1)
	html = strings.Replace(html, `<html lang="uk">`, `<html lang="`+lang+`">`, 1)
	return []byte(html)
}

// loadBoot reads the build's boot file; an older build has none.
func loadBoot(files fs.FS) boot {
	var b boot
	if data, err := fs.ReadFile(files, bootFile); err == nil {
		_ = json.Unmarshal(data, &b)
	}
	return b
}

// caseRoute is the case page's address: /cases/{id}, with or without a tab.
var caseRoute = regexp.MustCompile(`^cases/([A-Za-z0-9]+)(/[a-z]*)?$`)

// paintedCase is the part of the case page's answer the header shows.
type paintedCase struct {
	Typename string    `json:"__typename"`
	ID       string    `json:"id"`
	Status   string    `json:"status"`
	OpenedAt time.Time `json:"openedAt"`
	Manager  *struct {
		DisplayName string `json:"displayName"`
	} `json:"manager"`
	Family *struct {
		Name string `json:"name"`
	} `json:"family"`
	Children []struct {
		FirstName string `json:"firstName"`
		LastName  string `json:"lastName"`
	} `json:"children"`
}

type headerView struct {
	App, Title, Number, Opened, StatusLabel, Status string
	ManagerLabel, Manager, ChildrenLabel            string
	Children                                        string
}

// view words the header as the app does (caseTitle, the case header).
func (c *paintedCase) view(labels map[string]string, lang string) headerView {
	fill := func(key, name, value string) string {
		return strings.ReplaceAll(labels[key], "{{"+name+"}}", value)
	}
	var title string
	var kids, full []string
	for _, k := range c.Children {
		kids = append(kids, k.FirstName)
		full = append(full, k.LastName+" "+k.FirstName)
	}
	switch {
	case c.Family != nil:
		title = fill("case.familyTitle", "name", c.Family.Name)
	case len(full) > 0:
		title = strings.Join(full, ", ")
	default:
		title = labels["case.untitled"]
	}
	manager := labels["cases.unassigned"]
	if c.Manager != nil {
		manager = c.Manager.DisplayName
	}
	children := "—"
	if len(kids) > 0 {
		children = strings.Join(kids, ", ")
	}
	opened := c.OpenedAt.In(kyiv).Format("02.01.2006")
	if lang == "en" {
		opened = c.OpenedAt.In(kyiv).Format("2 Jan 2006")
	}
	id := c.ID
	if len(id) > 6 {
		id = id[len(id)-6:]
	}
	app := "Турбота"
	if lang == "en" {
		app = "Turbota"
	}
	return headerView{App: app, Title: title, Number: fill("case.number", "id", id), Opened: fill("case.opened", "date", opened),
		StatusLabel: labels["caseStatus."+c.Status], Status: c.Status, ManagerLabel: labels["case.manager"], Manager: manager,
		ChildrenLabel: labels["case.children"], Children: children}
}

var kyiv = func() *time.Location {
	if l, err := time.LoadLocation("Europe/Kyiv"); err == nil {
		return l
	}
	return time.UTC
}()

// headerTemplate is the case header as the app lays it out, in plain HTML
// with its own few styles: the app's stylesheet comes later.
var headerTemplate = template.Must(template.New("header").Parse(`<div class="first-paint" style="font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#212529">
      <div style="height:60px;border-bottom:1px solid #dee2e6;display:flex;align-items:center;padding:0 16px;font-weight:700;font-size:18px;color:#1864ab">{{.App}}</div>
      <div style="padding:16px;max-width:1200px;margin:0 auto">
      <div style="border:1px solid #dee2e6;border-radius:8px;padding:16px;background:#fff">
        <div style="display:flex;justify-content:space-between;gap:12px;flex-wrap:wrap;align-items:flex-start">
          <div><h1 style="font-size:26px;line-height:1.3;margin:0 0 4px">{{.Title}}</h1>
            <p style="font-size:14px;color:#495057;margin:0">{{.Number}} · {{.Opened}}</p></div>
          <span data-status="{{.Status}}" style="font-size:12px;font-weight:700;text-transform:uppercase;padding:2px 8px;border-radius:4px;background:#e7f5ff;color:#1864ab">{{.StatusLabel}}</span>
        </div>
        <p style="font-size:14px;margin:8px 0 0"><strong>{{.ManagerLabel}}:</strong> {{.Manager}} &nbsp; <strong>{{.ChildrenLabel}}:</strong> {{.Children}}</p>
      </div>
      </div>
    </div>`))
