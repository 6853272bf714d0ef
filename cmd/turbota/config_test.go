package main

import (
	"strings"
	"testing"

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
