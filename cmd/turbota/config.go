package main

import (
	"fmt"
	"github.com/turbota/turbota/notify"
	"github.com/turbota/turbota/ratelimit"
	"os"
	"path/filepath"
	"strconv"

	"github.com/spf13/cobra"
)

// config is every setting, from flags with TURBOTA_* environment defaults.
type config struct {
	Addr          string
	DataDir       string
	DatabaseURL   string
	Demo          bool
	DemoPassword  string
	Introspection bool
	GraphiQL      bool
	LogFormat     string
	LogLevel      string
	SecretKey     string
	PublicURL     string
	SMTP          notify.SMTP
	RateLimit     ratelimit.Config
}

func env(name, def string) string {
	if v, ok := os.LookupEnv(name); ok {
		return v
	}
	return def
}

func envInt(name string, def int) int {
	n, err := strconv.Atoi(env(name, strconv.Itoa(def)))
	if err != nil {
		return def
	}
	return n
}

func envBool(name string, def bool) bool {
	b, err := strconv.ParseBool(env(name, strconv.FormatBool(def)))
	if err != nil {
		return def
	}
	return b
}

// bindCommon adds the settings every database-using command needs.
func (c *config) bindCommon(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVar(&c.DataDir, "data-dir", env("TURBOTA_DATA_DIR", ".turbota"), "directory for the embedded database and the secret key (TURBOTA_DATA_DIR)")
	f.StringVar(&c.DatabaseURL, "database-url", env("TURBOTA_DATABASE_URL", ""), "PostgreSQL URL; empty starts an embedded database in the data dir (TURBOTA_DATABASE_URL)")
	f.StringVar(&c.LogFormat, "log-format", env("TURBOTA_LOG_FORMAT", "json"), "json or console (TURBOTA_LOG_FORMAT)")
	f.StringVar(&c.LogLevel, "log-level", env("TURBOTA_LOG_LEVEL", "info"), "debug, info, warn or error (TURBOTA_LOG_LEVEL)")
}

// bindServe adds the server's settings.
func (c *config) bindServe(cmd *cobra.Command) {
	c.bindCommon(cmd)
	f := cmd.Flags()
	f.StringVar(&c.Addr, "addr", env("TURBOTA_ADDR", "127.0.0.1:8080"), "listen address (TURBOTA_ADDR)")
	f.BoolVar(&c.Demo, "demo", envBool("TURBOTA_DEMO", false), "load the demo communities and users (TURBOTA_DEMO)")
	f.StringVar(&c.DemoPassword, "demo-password", env("TURBOTA_DEMO_PASSWORD", ""), "password of the demo users (TURBOTA_DEMO_PASSWORD)")
	f.BoolVar(&c.Introspection, "introspection", envBool("TURBOTA_INTROSPECTION", true), "allow GraphQL schema introspection (TURBOTA_INTROSPECTION)")
	f.BoolVar(&c.GraphiQL, "graphiql", envBool("TURBOTA_GRAPHIQL", false), "serve the GraphiQL page at /graphiql (TURBOTA_GRAPHIQL)")
	f.StringVar(&c.SecretKey, "secret-key", env("TURBOTA_SECRET_KEY", ""), "hex key (32 bytes) sealing TOTP secrets; default: <data-dir>/secret.key (TURBOTA_SECRET_KEY)")
	f.StringVar(&c.PublicURL, "public-url", env("TURBOTA_PUBLIC_URL", ""), "address users reach the app at, for links in e-mails; default http://<addr> (TURBOTA_PUBLIC_URL)")
	f.StringVar(&c.SMTP.Host, "smtp-host", env("TURBOTA_SMTP_HOST", ""), "mail server for e-mail notifications; empty writes them to the log (TURBOTA_SMTP_HOST)")
	f.IntVar(&c.SMTP.Port, "smtp-port", envInt("TURBOTA_SMTP_PORT", 587), "mail server port (TURBOTA_SMTP_PORT)")
	f.StringVar(&c.SMTP.Username, "smtp-username", env("TURBOTA_SMTP_USERNAME", ""), "mail server user (TURBOTA_SMTP_USERNAME)")
	f.StringVar(&c.SMTP.Password, "smtp-password", env("TURBOTA_SMTP_PASSWORD", ""), "mail server password (TURBOTA_SMTP_PASSWORD)")
	f.StringVar(&c.SMTP.From, "smtp-from", env("TURBOTA_SMTP_FROM", "turbota@localhost"), "sender address of e-mails (TURBOTA_SMTP_FROM)")
	c.RateLimit.Bind(f)
}

// validate checks the settings with messages a person can act on.
func (c *config) validate() error {
	if c.DatabaseURL == "" && c.DataDir == "" {
		return fmt.Errorf("set --data-dir (TURBOTA_DATA_DIR) or --database-url (TURBOTA_DATABASE_URL)")
	}
	if c.LogFormat != "json" && c.LogFormat != "console" {
		return fmt.Errorf("--log-format must be json or console, not %q", c.LogFormat)
	}
	if c.DataDir != "" {
		abs, err := filepath.Abs(c.DataDir)
		if err != nil {
			return fmt.Errorf("data dir: %w", err)
		}
		c.DataDir = abs
	}
	return nil
}
