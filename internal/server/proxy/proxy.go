// Package proxy finds the client behind trusted reverse proxies: its
// address (for rate limits, the sign-in throttle and the session record)
// and whether it reached us over https (for Secure cookies). Forwarding
// headers are believed only from peers the configuration trusts; from
// anyone else they are what an attacker typed.
package proxy

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// Trusted is the set of peers whose X-Forwarded-For and X-Forwarded-Proto
// are believed. The zero value trusts nobody.
type Trusted struct {
	prefixes []netip.Prefix
}

// Parse reads a list of CIDR prefixes or single addresses, separated by
// commas or spaces ("10.0.0.0/8, 192.168.1.7, fd00::/8").
func Parse(list string) (Trusted, error) {
	var t Trusted
	for _, f := range strings.FieldsFunc(list, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' }) {
		p, err := parsePrefix(f)
		if err != nil {
			return Trusted{}, fmt.Errorf("trusted proxy %q is neither an address nor a CIDR prefix", f)
		}
		t.prefixes = append(t.prefixes, p)
	}
	return t, nil
}

func parsePrefix(s string) (netip.Prefix, error) {
	if strings.Contains(s, "/") {
		p, err := netip.ParsePrefix(s)
		return p.Masked(), err
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Prefix{}, err
	}
	a = a.Unmap()
	return netip.PrefixFrom(a, a.BitLen()), nil
}

// Empty reports whether no proxy is trusted.
func (t Trusted) Empty() bool { return len(t.prefixes) == 0 }

// String lists the prefixes, for the start-up log.
func (t Trusted) String() string {
	s := make([]string, len(t.prefixes))
	for i, p := range t.prefixes {
		s[i] = p.String()
	}
	return strings.Join(s, ",")
}

func (t Trusted) contains(a netip.Addr) bool {
	a = a.Unmap()
	for _, p := range t.prefixes {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// Client is who sent a request, as far as the trusted proxies tell.
type Client struct {
	Addr  string // the client's IP address, without port
	HTTPS bool   // the client's own connection was TLS
}

// Resolve finds the client of r. From an untrusted peer it is the peer
// itself. From a trusted one it is the right-most address of
// X-Forwarded-For that is not itself a trusted proxy (addresses further
// left were written by the client and prove nothing), and the scheme is
// the right-most X-Forwarded-Proto, the one our own proxy set.
func (t Trusted) Resolve(r *http.Request) Client {
	peer := peerAddr(r.RemoteAddr)
	c := Client{Addr: peer.String(), HTTPS: r.TLS != nil}
	if !peer.IsValid() {
		c.Addr = r.RemoteAddr
		return c
	}
	if !t.contains(peer) {
		return c
	}
	c.Addr = clientOf(t, peer, r.Header.Values("X-Forwarded-For")).String()
	if proto := lastValue(r.Header.Values("X-Forwarded-Proto")); proto != "" {
		c.HTTPS = strings.EqualFold(proto, "https")
	}
	return c
}

// clientOf walks X-Forwarded-For from the right, past trusted proxies. An
// entry that is not an address ends the walk at the last proxy seen: what
// lies beyond it cannot be read.
func clientOf(t Trusted, peer netip.Addr, forwarded []string) netip.Addr {
	hops := strings.Split(strings.Join(forwarded, ","), ",")
	last := peer
	for i := len(hops) - 1; i >= 0; i-- {
		h := strings.TrimSpace(hops[i])
		if h == "" {
			continue
		}
		a, ok := parseHop(h)
		if !ok {
			return last
		}
		if !t.contains(a) {
			return a
		}
		last = a
	}
	return last
}

// parseHop reads one X-Forwarded-For entry: an address, or an address
// with a port as some proxies write it ("203.0.113.7:41000", "[2001:db8::1]:443").
func parseHop(h string) (netip.Addr, bool) {
	if a, err := netip.ParseAddr(h); err == nil {
		return a.Unmap(), true
	}
	if ap, err := netip.ParseAddrPort(h); err == nil {
		return ap.Addr().Unmap(), true
	}
	return netip.Addr{}, false
}

func lastValue(values []string) string {
	all := strings.Split(strings.Join(values, ","), ",")
	for i := len(all) - 1; i >= 0; i-- {
		if v := strings.TrimSpace(all[i]); v != "" {
			return v
		}
	}
	return ""
}

func peerAddr(remote string) netip.Addr {
	host, _, err := net.SplitHostPort(remote)
	if err != nil {
		host = remote
	}
	a, err := netip.ParseAddr(host)
	if err != nil {
		return netip.Addr{}
	}
	return a.Unmap()
}

type clientKey struct{}

// NewContext keeps the resolved client for everything the request calls.
func NewContext(ctx context.Context, c Client) context.Context {
	return context.WithValue(ctx, clientKey{}, c)
}

// FromContext is the client resolved for the request, if any.
func FromContext(ctx context.Context) (Client, bool) {
	c, ok := ctx.Value(clientKey{}).(Client)
	return c, ok
}
