package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"
)

// serveConfig parses serve's flags as the command line would.
func serveConfig(t *testing.T, args ...string) (*config, error) {
	t.Helper()
	var cfg config
	cmd := &cobra.Command{Use: "serve"}
	cfg.bindServe(cmd)
	if err := cmd.Flags().Parse(append([]string{"--data-dir", t.TempDir()}, args...)); err != nil {
		t.Fatal(err)
	}
	return &cfg, cfg.validate()
}

func TestTrustedProxiesSetting(t *testing.T) {
	cfg, err := serveConfig(t)
	if err != nil || !cfg.Proxies.Empty() {
		t.Fatalf("default: trusted %q, err %v; want none", cfg.Proxies, err)
	}
	cfg, err = serveConfig(t, "--trusted-proxies", "10.0.0.0/8, 192.168.1.7,fd00::/8")
	if err != nil || cfg.Proxies.String() != "10.0.0.0/8,192.168.1.7/32,fd00::/8" {
		t.Fatalf("list: trusted %q, err %v", cfg.Proxies, err)
	}
	t.Setenv("TURBOTA_TRUSTED_PROXIES", "172.16.0.0/12")
	if cfg, err = serveConfig(t); err != nil || cfg.Proxies.String() != "172.16.0.0/12" {
		t.Fatalf("from the environment: trusted %q, err %v", cfg.Proxies, err)
	}
	if _, err := serveConfig(t, "--trusted-proxies", "proxy.internal"); err == nil || !strings.Contains(err.Error(), "--trusted-proxies") {
		t.Fatalf("a host name accepted: %v", err)
	}
}

func TestMetricsTokenSetting(t *testing.T) {
	if cfg, err := serveConfig(t); err != nil || cfg.MetricsToken != "" {
		t.Fatalf("default: %q %v; want no token (no /metrics)", cfg.MetricsToken, err)
	}
	if _, err := serveConfig(t, "--metrics-token", "short"); err == nil {
		t.Fatal("a guessable token accepted")
	}
	t.Setenv("TURBOTA_METRICS_TOKEN", strings.Repeat("a1", 16))
	if cfg, err := serveConfig(t); err != nil || cfg.MetricsToken != strings.Repeat("a1", 16) {
		t.Fatalf("from the environment: %q %v", cfg.MetricsToken, err)
	}
}

// selfSigned writes a certificate and key for 127.0.0.1 as PEM files.
func selfSigned(t *testing.T) (certFile, keyFile string) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "turbota test"},
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, NotBefore: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), NotAfter: time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	if err := os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER}), 0o600); err != nil {
		t.Fatal(err)
	}
	return certFile, keyFile
}

// With a certificate, serve listens for https: requests arrive with TLS,
// which is what makes the session cookies Secure.
func TestServeOverTLS(t *testing.T) {
	cert, key := selfSigned(t)
	if _, err := serveConfig(t, "--tls-cert", cert); err == nil {
		t.Error("a certificate without its key accepted")
	}
	if _, err := serveConfig(t, "--tls-cert", key, "--tls-key", key); err == nil {
		t.Error("a key as the certificate accepted")
	}
	cfg, err := serveConfig(t, "--tls-cert", cert, "--tls-key", key, "--addr", "127.0.0.1:0")
	if err != nil || cfg.TLS == nil {
		t.Fatalf("TLS settings: %v", err)
	}
	ln, err := listen(cfg)
	if err != nil {
		t.Fatal(err)
	}
	hs := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = fmt.Fprint(w, r.TLS != nil)
	}), ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = hs.Serve(ln) }()
	t.Cleanup(func() { _ = hs.Close() })
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}
	resp, err := client.Get("https://" + ln.Addr().String() + "/")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if string(body) != "true" {
		t.Errorf("request over the listener had TLS: %s", body)
	}
	if scheme(cfg) != "https" {
		t.Errorf("links and the welcome say %s", scheme(cfg))
	}
}
