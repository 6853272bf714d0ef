package server

import (
	"database/sql"
	"net/http"
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
