package server

import (
	"crypto/sha256"
	"crypto/subtle"
	"database/sql"
	"net/http"
	"net/http/pprof"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

var (
	requests = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Namespace: "turbota", Name: "request_duration_seconds",
		Help:    "Duration of HTTP requests by GraphQL operation type and outcome.",
		Buckets: prometheus.DefBuckets,
	}, []string{"operation_type", "outcome"})
	resolvers = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Namespace: "turbota", Name: "resolver_duration_seconds",
		Help:    "Duration of GraphQL resolvers by object type.",
		Buckets: []float64{.001, .005, .01, .05, .1, .5, 1},
	}, []string{"object"})
)

func observeRequest(opType, outcome string, d time.Duration) {
	if opType == "" {
		opType = "http"
	}
	requests.WithLabelValues(opType, outcome).Observe(d.Seconds())
}

func observeResolver(object string, d time.Duration) {
	resolvers.WithLabelValues(object).Observe(d.Seconds())
}

// metricsHandler serves Prometheus metrics: requests, resolvers, the
// database pool and the Go runtime.
func metricsHandler(db *sql.DB) http.Handler {
	reg := prometheus.NewRegistry()
	reg.MustRegister(requests, resolvers,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		collectors.NewDBStatsCollector(db, "turbota"))
	return promhttp.HandlerFor(reg, promhttp.HandlerOpts{})
}

// metricsGuard lets only the scraper read the metrics, with the bearer
// token of the configuration: they name operations, outcomes and the
// state of the pools, which tell an outsider what the server is doing.
// Without a token there is nothing to read (404).
func metricsGuard(token string, next http.Handler) http.Handler {
	if token == "" {
		return http.HandlerFunc(notFound)
	}
	want := sha256.Sum256([]byte(token))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		given, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		// Comparing digests takes the same time whatever the length given.
		got := sha256.Sum256([]byte(strings.TrimSpace(given)))
		if !ok || subtle.ConstantTimeCompare(got[:], want[:]) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="metrics"`)
			writeError(w, http.StatusUnauthorized, CodeUnauthenticated, "the metrics token is missing or wrong")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// profiles serves the runtime's profiles (heap, CPU, goroutines) to the
// operator who holds the metrics token, so that a server's memory and
// time can be read where it runs (and the bench reads them from its
// server process). They name functions, never data.
func profiles() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch name := r.PathValue("profile"); name {
		case "", "cmdline", "symbol", "trace":
			notFound(w, r)
		case "profile":
			pprof.Profile(w, r)
		default:
			pprof.Handler(name).ServeHTTP(w, r)
		}
	})
}
