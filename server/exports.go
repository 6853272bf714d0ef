package server

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/turbota/turbota/audit"
	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/ent/auditevent"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/indicators"
	"github.com/turbota/turbota/tenant"
)

// exportIndicators serves the indicators report as CSV or XLSX, with the
// same scope, permissions and suppression as the screen, and records the
// export in the log of each community it covers.
func (s *Server) exportIndicators(w http.ResponseWriter, r *http.Request) {
	v := tenant.FromContext(r.Context())
	if v == nil {
		writeError(w, http.StatusUnauthorized, CodeUnauthenticated, "sign in to export")
		return
	}
	format, ok := strings.CutPrefix(r.PathValue("file"), "indicators.")
	if !ok || (format != "csv" && format != "xlsx") {
		writeError(w, http.StatusNotFound, CodeNotFound, "not found")
		return
	}
	q := r.URL.Query()
	p, err := periodParam(q)
	if err != nil {
		writeError(w, http.StatusBadRequest, CodeBadUserInput, err.Error())
		return
	}
	tx, err := tenant.Begin(r.Context(), s.client, v)
	if err != nil {
		writeError(w, http.StatusInternalServerError, CodeInternal, "internal error")
		return
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit
	ctx := ent.NewContext(r.Context(), tx.Client())
	report, err := indicators.BuildReport(ctx, tx.Client(), s.db, scopeParam(q), p)
	if err != nil {
		writeError(w, http.StatusInternalServerError, CodeInternal, "internal error")
		return
	}
	var events []audit.Event
	for _, c := range report.Communities {
		events = append(events, audit.Event{Action: auditevent.ActionEXPORT, Community: c.Community.ID,
			EntityType: "IndicatorReport", EntityID: format + " " + p.From.Format("2006-01-02") + "/" + p.To.Format("2006-01-02")})
	}
	if err := audit.Write(ctx, tx.Client(), events...); err != nil {
		writeError(w, http.StatusInternalServerError, CodeInternal, "internal error")
		return
	}
	var body bytes.Buffer
	table := report.Table(q.Get("lang"))
	if format == "csv" {
		err = indicators.WriteCSV(&body, table)
	} else {
		err = indicators.WriteXLSX(&body, "Indicators", table)
	}
	if err != nil || tx.Commit() != nil {
		writeError(w, http.StatusInternalServerError, CodeInternal, "internal error")
		return
	}
	types := map[string]string{"csv": "text/csv; charset=utf-8",
		"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
	h := w.Header()
	h.Set("Content-Type", types[format])
	h.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="indicators-%s.%s"`, p.From.Format("2006-01"), format))
	h.Set("Cache-Control", "private, no-store")
	_, _ = w.Write(body.Bytes())
}

// periodParam reads period=MONTH|QUARTER|YEAR, year and number.
func periodParam(q url.Values) (indicators.Period, error) {
	year, err := strconv.Atoi(q.Get("year"))
	if err != nil {
		return indicators.Period{}, fmt.Errorf("year: a number is needed")
	}
	number, _ := strconv.Atoi(q.Get("number"))
	return indicators.PeriodOf(indicators.PeriodKind(strings.ToUpper(q.Get("period"))), year, max(number, 1))
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
