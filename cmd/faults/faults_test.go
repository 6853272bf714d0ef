package main

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestPercentileIsNearestRank(t *testing.T) {
	var l Latencies
	for i := 100; i >= 1; i-- {
		l = append(l, time.Duration(i)*time.Millisecond)
	}
	for _, tc := range []struct {
		p    float64
		want time.Duration
	}{{0.5, 50 * time.Millisecond}, {0.99, 99 * time.Millisecond}, {1, 100 * time.Millisecond}, {0.001, time.Millisecond}} {
		if got := l.Pct(tc.p); got != tc.want {
			t.Errorf("p%v = %v, want %v", tc.p*100, got, tc.want)
		}
	}
	if got := (Latencies{}).Pct(0.99); got != 0 {
		t.Errorf("empty p99 = %v", got)
	}
	// Ten samples: p99 is the slowest, not the ninth.
	ten := Latencies{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	if got := ten.Pct(0.99); got != 10 {
		t.Errorf("p99 of ten = %v, want the slowest", got)
	}
}

func TestScenariosAreSelectedByPatternInOrder(t *testing.T) {
	all, err := selectScenarios("")
	if err != nil {
		t.Fatal(err)
	}
	if len(all) < 11 {
		t.Fatalf("%d scenarios registered, want the 11 of issue 11", len(all))
	}
	for i := 1; i < len(all); i++ {
		if all[i-1].Order >= all[i].Order {
			t.Errorf("%s (%d) before %s (%d)", all[i-1].Name, all[i-1].Order, all[i].Name, all[i].Order)
		}
	}
	got, err := selectScenarios("^(kill9|restart)$")
	if err != nil || len(got) != 2 || got[0].Name != "restart" || got[1].Name != "kill9" {
		t.Errorf("selecting two: %v %v", names(got), err)
	}
	if _, err := selectScenarios("nothing-is-called-this"); err == nil {
		t.Error("a pattern that selects nothing is accepted")
	}
}

func names(s []Scenario) []string {
	var out []string
	for _, x := range s {
		out = append(out, x.Name)
	}
	return out
}

// What the scenarios count as "no answer" and as a truthful refusal.
func TestAnswersAreClassifiedAsAClientSeesThem(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/ok/graphql", func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte(`{"data":{"login":{"token":"t"}}}`))
	})
	mux.HandleFunc("/down/graphql", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Retry-After", "2")
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte(`{"errors":[{"message":"down","extensions":{"code":"UNAVAILABLE"}}]}`))
	})
	mux.HandleFunc("/signedout/graphql", func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte(`{"errors":[{"message":"no","extensions":{"code":"UNAUTHENTICATED"}}],"data":null}`))
	})
	mux.HandleFunc("/empty/graphql", func(w http.ResponseWriter, _ *http.Request) {
		conn, _, _ := http.NewResponseController(w).Hijack()
		conn.Close() // an empty reply
	})
	mux.HandleFunc("/html/graphql", func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusBadGateway)
		_, _ = w.Write([]byte("<html>bad gateway</html>"))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	ctx := context.Background()
	for path, want := range map[string]string{"/ok": "200", "/down": "503 UNAVAILABLE", "/signedout": "200 with UNAUTHENTICATED",
		"/empty": "no answer", "/html": "no answer"} {
		a := newCaller(srv.URL+path, 1, 5*time.Second).Do(ctx, "", "{ x }", nil, nil)
		if a.Kind() != want {
			t.Errorf("%s: %q, want %q (%v)", path, a.Kind(), want, a.Err)
		}
	}
	a := newCaller(srv.URL+"/down", 1, 5*time.Second).Do(ctx, "", "{ x }", nil, nil)
	if !a.Is(http.StatusServiceUnavailable, "UNAVAILABLE") {
		t.Error("503 UNAVAILABLE with Retry-After is not recognised")
	}
	if tok := newCaller(srv.URL+"/ok", 1, time.Second).Do(ctx, "", "{ x }", nil, nil).Str("login", "token"); tok != "t" {
		t.Errorf("Str: %q", tok)
	}
}

func TestFloodCallersSendFromTheirOwnAddress(t *testing.T) {
	seen := make(chan string, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host, _, _ := net.SplitHostPort(r.RemoteAddr)
		seen <- host
		_, _ = w.Write([]byte(`{"data":{}}`))
	}))
	defer srv.Close()
	newCallerFrom(srv.URL, "127.0.1.7", 5*time.Second).Do(context.Background(), "", "{ x }", nil, nil)
	if got := <-seen; got != "127.0.1.7" {
		t.Errorf("request came from %s", got)
	}
}

func TestFigureWriterKeepsPartialLines(t *testing.T) {
	e := &Env{out: &strings.Builder{}}
	w := &figureWriter{e: e}
	_, _ = w.Write([]byte("first line\nsecond "))
	_, _ = w.Write([]byte("half\n\nthird"))
	w.flush()
	want := []string{"first line", "second half", "third"}
	if strings.Join(e.figures, "|") != strings.Join(want, "|") {
		t.Errorf("figures %q, want %q", e.figures, want)
	}
}

func TestDSNFieldReadsTheSocketDirectory(t *testing.T) {
	if got := dsnField("host=/tmp/tpg123 port=5432 user=turbota dbname=postgres sslmode=disable", "host"); got != "/tmp/tpg123" {
		t.Errorf("host = %q", got)
	}
}
