package proxy_test

import (
	"crypto/tls"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/turbota/turbota/internal/server/proxy"
)

func request(remote string, tlsConn bool, header map[string]string) *http.Request {
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	r.RemoteAddr = remote
	if tlsConn {
		r.TLS = &tls.ConnectionState{}
	}
	for k, v := range header {
		r.Header.Set(k, v)
	}
	return r
}

func TestResolve(t *testing.T) {
	trusted, err := proxy.Parse("10.0.0.0/8, 192.168.1.7 fd00::/8")
	if err != nil {
		t.Fatal(err)
	}
	xff := func(v string) map[string]string { return map[string]string{"X-Forwarded-For": v} }
	for _, c := range []struct {
		name   string
		t      proxy.Trusted
		remote string
		tls    bool
		header map[string]string
		want   proxy.Client
	}{
		{"no proxy configured: headers are ignored", proxy.Trusted{}, "203.0.113.9:5000", false,
			map[string]string{"X-Forwarded-For": "1.2.3.4", "X-Forwarded-Proto": "https"}, proxy.Client{Addr: "203.0.113.9"}},
		{"untrusted peer: headers are ignored", trusted, "203.0.113.9:5000", false,
			map[string]string{"X-Forwarded-For": "1.2.3.4", "X-Forwarded-Proto": "https"}, proxy.Client{Addr: "203.0.113.9"}},
		{"trusted peer: its client", trusted, "10.1.2.3:5000", false, xff("198.51.100.20"), proxy.Client{Addr: "198.51.100.20"}},
		{"spoofed left-most entries are skipped", trusted, "10.1.2.3:5000", false,
			xff("1.1.1.1, 2.2.2.2, 198.51.100.20"), proxy.Client{Addr: "198.51.100.20"}},
		{"chain of trusted proxies", trusted, "10.1.2.3:5000", false,
			xff("198.51.100.20, 192.168.1.7, 10.9.9.9"), proxy.Client{Addr: "198.51.100.20"}},
		{"several headers read as one list", trusted, "10.1.2.3:5000", false, nil, proxy.Client{Addr: "198.51.100.21"}},
		{"garbage ends the walk at the last proxy", trusted, "10.1.2.3:5000", false,
			xff("198.51.100.20, not-an-ip, 10.9.9.9"), proxy.Client{Addr: "10.9.9.9"}},
		{"entries with ports", trusted, "10.1.2.3:5000", false, xff("198.51.100.20:41000, [2001:db8::7]:443"), proxy.Client{Addr: "2001:db8::7"}},
		{"no header: the proxy itself", trusted, "10.1.2.3:5000", false, nil, proxy.Client{Addr: "10.1.2.3"}},
		{"IPv6 and mapped addresses", trusted, "[fd00::1]:443", false, xff("::ffff:198.51.100.7"), proxy.Client{Addr: "198.51.100.7"}},
		{"https from the proxy", trusted, "10.1.2.3:5000", false,
			map[string]string{"X-Forwarded-Proto": "https"}, proxy.Client{Addr: "10.1.2.3", HTTPS: true}},
		{"the proxy's own value is the right-most", trusted, "10.1.2.3:5000", false,
			map[string]string{"X-Forwarded-Proto": "https, http"}, proxy.Client{Addr: "10.1.2.3"}},
		{"our own TLS", proxy.Trusted{}, "203.0.113.9:5000", true, nil, proxy.Client{Addr: "203.0.113.9", HTTPS: true}},
	} {
		r := request(c.remote, c.tls, c.header)
		if c.name == "several headers read as one list" {
			r.Header.Add("X-Forwarded-For", "1.1.1.1")
			r.Header.Add("X-Forwarded-For", "198.51.100.21, 10.0.0.2")
		}
		if got := c.t.Resolve(r); got != c.want {
			t.Errorf("%s: got %+v, want %+v", c.name, got, c.want)
		}
	}
}

func TestParseRefusesNonsense(t *testing.T) {
	for _, s := range []string{"10.0.0.0/33", "proxy.local", "10.0.0.1/8/2"} {
		if _, err := proxy.Parse(s); err == nil {
			t.Errorf("%q accepted", s)
		}
	}
	if tr, err := proxy.Parse(""); err != nil || !tr.Empty() {
		t.Errorf("empty list: %v %v", tr, err)
	}
}
