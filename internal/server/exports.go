package server

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/turbota/turbota/authz"
	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/auditevent"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/audit"
	"github.com/turbota/turbota/internal/oversight/indicators"
	"github.com/turbota/turbota/internal/oversight/servicemap"
)

// export is one table laid out for download, with the communities it
// covers (for their logs) and what the log calls it.
type export struct {
	rows        [][]string
	communities []pulid.ID
	entity, id  string // audit entity type and ID
}

// exporter builds a table for the viewer of ctx from the query string.
type exporter func(ctx context.Context, c *ent.Client, db *sql.DB, q url.Values) (export, error)

// exporters are the downloadable tables, by file name: each the same as a
// screen, with its permissions and suppression.
var exporters = map[string]exporter{
	"indicators":     exportReport,
	"trend":          exportTrend,
	"servicemap":     mapExport("ServiceMap", servicemap.OffersTable),
	"minimalpackage": mapExport("MinimalPackage", servicemap.PackageTable),
	"unmetneeds":     mapExport("UnmetNeeds", servicemap.UnmetTable),
	"cases":          exportCases,
}

// errBadExport is a request that names no table or a bad parameter.
type errBadExport struct{ msg string }

func (e errBadExport) Error() string { return e.msg }

// exportTable serves a table as CSV or XLSX and records the export in the
// log of each community it covers.
func (s *Server) exportTable(w http.ResponseWriter, r *http.Request) {
	tx, ctx, ok := s.viewerTx(w, r, "sign in to export")
	if !ok {
		return
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit
	name, format, _ := strings.Cut(r.PathValue("file"), ".")
	build, ok := exporters[name]
	if !ok || (format != "csv" && format != "xlsx") {
		writeError(w, http.StatusNotFound, CodeNotFound, "not found")
		return
	}
	ex, err := build(ctx, tx.Client(), s.cfg.Aggregates, r.URL.Query())
	var bad errBadExport
	switch {
	case errors.As(err, &bad):
		writeError(w, http.StatusBadRequest, CodeBadUserInput, bad.msg)
		return
	case errors.Is(err, authz.ErrForbidden):
		writeError(w, http.StatusForbidden, CodeForbidden, "your role may not export this table")
		return
	case err != nil:
		s.writeFault(w, r, err)
		return
	}
	body, err := s.logExport(ctx, tx.Client(), ex, format)
	if err == nil {
		err = tx.Commit()
	}
	if err != nil {
		s.writeFault(w, r, err)
		return
	}
	types := map[string]string{"csv": "text/csv; charset=utf-8",
		"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
	h := w.Header()
	h.Set("Content-Type", types[format])
	h.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s.%s"`, name, format))
	h.Set("Cache-Control", "private, no-store")
	_, _ = w.Write(body.Bytes())
}

// logExport writes the export's audit events and renders the file.
func (s *Server) logExport(ctx context.Context, c *ent.Client, ex export, format string) (*bytes.Buffer, error) {
	events := make([]audit.Event, len(ex.communities))
	for i, cm := range ex.communities {
		events[i] = audit.Event{Action: auditevent.ActionEXPORT, Community: cm, EntityType: ex.entity, EntityID: format + " " + ex.id}
	}
	if err := audit.Write(ctx, c, events...); err != nil {
		return nil, err
	}
	var body bytes.Buffer
	if format == "csv" {
		return &body, indicators.WriteCSV(&body, ex.rows)
	}
	return &body, indicators.WriteXLSX(&body, sheets[ex.entity], ex.rows)
}

// sheets name the spreadsheet's sheet of each export.
var sheets = map[string]string{"IndicatorReport": "Indicators", "IndicatorTrend": "Trend", "ServiceMap": "Service map",
	"MinimalPackage": "Minimal package", "UnmetNeeds": "Unmet needs", "DeidentifiedCases": "Cases"}

func exportReport(ctx context.Context, c *ent.Client, db *sql.DB, q url.Values) (export, error) {
	p, err := periodParam(q)
	if err != nil {
		return export{}, err
	}
	report, err := indicators.BuildReport(ctx, c, db, scopeParam(q), p)
	if err != nil {
		return export{}, err
	}
	ids := make([]pulid.ID, len(report.Communities))
	for i, cm := range report.Communities {
		ids[i] = cm.Community.ID
	}
	return export{report.Table(q.Get("lang")), ids, "IndicatorReport", periodID(p)}, nil
}

func exportTrend(ctx context.Context, c *ent.Client, db *sql.DB, q url.Values) (export, error) {
	p, err := periodParam(q)
	if err != nil {
		return export{}, err
	}
	d, ok := indicators.Find(q.Get("key"))
	if !ok {
		return export{}, errBadExport{"key: no such indicator"}
	}
	n, _ := strconv.Atoi(q.Get("periods"))
	n = min(max(n, 1), 36)
	if q.Get("periods") == "" {
		n = 12
	}
	a, err := indicators.AudienceOf(ctx, c, scopeParam(q))
	if err != nil {
		return export{}, err
	}
	periods, cells, err := indicators.BuildTrend(ctx, c, db, scopeParam(q), d.Key, p, n)
	if err != nil {
		return export{}, err
	}
	return export{indicators.TrendTable(d, periods, cells, q.Get("lang")), a.IDs(), "IndicatorTrend", d.Key + " " + periodID(p)}, nil
}

// mapExport exports one table of the service map of a scope.
func mapExport(entity string, table func([]servicemap.Community, string) [][]string) exporter {
	return func(ctx context.Context, c *ent.Client, db *sql.DB, q url.Values) (export, error) {
		m, err := servicemap.Map(ctx, c, db, scopeParam(q))
		if err != nil {
			return export{}, err
		}
		ids := make([]pulid.ID, len(m))
		for i, cm := range m {
			ids[i] = cm.Community.ID
		}
		return export{table(m, q.Get("lang")), ids, entity, "map"}, nil
	}
}

func exportCases(ctx context.Context, c *ent.Client, db *sql.DB, q url.Values) (export, error) {
	cm := pulid.ID(q.Get("communityID"))
	if cm == "" {
		return export{}, errBadExport{"communityID: name the community"}
	}
	rows, err := indicators.DeidentifiedCases(ctx, db, cm, 5000)
	if err != nil {
		return export{}, err
	}
	var ids []pulid.ID
	if rows != nil {
		ids = []pulid.ID{cm}
	}
	return export{indicators.CasesTable(rows, q.Get("lang")), ids, "DeidentifiedCases", "list"}, nil
}

func periodID(p indicators.Period) string {
	return p.From.Format("2006-01-02") + "/" + p.To.Format("2006-01-02")
}

// periodParam reads period=MONTH|QUARTER|YEAR, year and number.
func periodParam(q url.Values) (indicators.Period, error) {
	year, err := strconv.Atoi(q.Get("year"))
	if err != nil {
		return indicators.Period{}, errBadExport{"year: a number is needed"}
	}
	number, _ := strconv.Atoi(q.Get("number"))
	p, err := indicators.PeriodOf(indicators.PeriodKind(strings.ToUpper(q.Get("period"))), year, max(number, 1))
	if err != nil {
		return p, errBadExport{err.Error()}
	}
	return p, nil
}

func scopeParam(q url.Values) indicators.Scope {
	id := func(name string) *pulid.ID {
		if v := q.Get(name); v != "" {
			p := pulid.ID(v)
			return &p
		}
		return nil
	}
	return indicators.Scope{Community: id("communityID"), District: id("districtID"), Region: id("regionID")}
}
