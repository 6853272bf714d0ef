// Command faults is Turbota's fault suite (issue 11, item 11). It starts
// its own PostgreSQL cluster and real `turbota serve` processes, breaks
// things the way production does — the database down at start, restarted
// or killed under load, locks held past the deadline, login floods,
// SIGTERM under load, noisy tenants, duplicate submissions, replicas
// racing on an empty database, big uploads — and checks what the request
// path promises. Each scenario prints its figures; a summary table ends
// the run, which exits non-zero when any promise broke.
//
//	go run ./cmd/faults                      # every scenario (make faults)
//	go run ./cmd/faults -run 'restart|kill9' # a regular expression of names
//	go run ./cmd/faults -list
//
// A scenario is one file of this folder that registers a name and a
// func(*Env) error (see registry.go and env.go).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// suite is what every scenario shares.
type suite struct {
	dir      string // scratch directory of the run
	bin      string // the turbota binary
	password string // of the demo users
	tag      string // unique per run
	pg       *Postgres
}

// templateDB holds the schema, reference data and demo communities; each
// scenario works on a copy of it.
const templateDB = "demo_template"

// scenarioTimeout bounds one scenario, whatever it waits for.
const scenarioTimeout = 4 * time.Minute

type outcome struct {
	sc      Scenario
	err     error
	took    time.Duration
	figures []string
}

func main() { os.Exit(run()) }

func run() int {
	pattern := flag.String("run", "", "regular expression selecting scenarios by name (default: all)")
	bin := flag.String("bin", "", "turbota binary to test (default: build ./cmd/turbota into bin/turbota)")
	keep := flag.Bool("keep", false, "keep the scratch directory (logs, databases) after the run")
	list := flag.Bool("list", false, "list the scenarios and exit")
	password := flag.String("password", "turbota-demo-2026", "password of the demo users")
	flag.Parse()
	if *list {
		for _, s := range mustSelect("") {
			fmt.Printf("%2d  %-14s %s\n", s.Order, s.Name, s.Promise)
		}
		return 0
	}
	selected, err := selectScenarios(*pattern)
	if err != nil {
		fmt.Fprintln(os.Stderr, "faults:", err)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	start := time.Now()
	s, err := setUp(ctx, *bin, *password, selected)
	if s != nil {
		defer s.tearDown(keep)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "faults: FAIL setting up:", err)
		return 1
	}
	var results []outcome
	for _, sc := range selected {
		results = append(results, s.runOne(ctx, sc))
	}
	failed := printSummary(results, time.Since(start))
	if failed > 0 {
		*keep = true // the logs the FAIL lines point at
		return 1
	}
	return 0
}

func mustSelect(p string) []Scenario {
	s, err := selectScenarios(p)
	if err != nil {
		panic(err)
	}
	return s
}

// setUp makes the scratch directory, builds or takes the binary and, when
// a selected scenario needs it, starts the cluster and fills the template.
func setUp(ctx context.Context, bin, password string, selected []Scenario) (*suite, error) {
	dir, err := os.MkdirTemp("/tmp", "turbota-faults-")
	if err != nil {
		return nil, err
	}
	// As root, PostgreSQL runs as the postgres user, which must enter it.
	if err := os.Chmod(dir, 0o755); err != nil {
		return nil, err
	}
	s := &suite{dir: dir, password: password, tag: time.Now().UTC().Format("150405")}
	fmt.Printf("faults: scratch directory %s\n", dir)
	if s.bin, err = turbotaBinary(ctx, bin); err != nil {
		return s, err
	}
	for _, sc := range selected {
		if !sc.OwnDatabase {
			return s, s.prepareDatabase(ctx)
		}
	}
	return s, nil
}

// turbotaBinary is the given turbota binary, or bin/turbota built from this
// checkout (the Go build cache makes a rebuild cheap).
func turbotaBinary(ctx context.Context, given string) (string, error) {
	if given != "" {
		abs, err := filepath.Abs(given)
		if err != nil {
			return "", err
		}
		if _, err := os.Stat(abs); err != nil {
			return "", fmt.Errorf("-bin: %w", err)
		}
		return abs, nil
	}
	root, err := moduleRoot()
	if err != nil {
		return "", err
	}
	out := filepath.Join(root, "bin", "turbota")
	start := time.Now()
	cmd := exec.CommandContext(ctx, "go", "build", "-o", out, "./cmd/turbota")
	cmd.Dir, cmd.Stdout, cmd.Stderr = root, os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("build turbota: %w", err)
	}
	fmt.Printf("faults: built %s in %s\n", out, msec(time.Since(start)))
	return out, nil
}

func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no go.mod above the working directory: run from the Turbota checkout or pass -bin")
		}
		dir = parent
	}
}

// prepareDatabase starts the cluster and loads the template with
// `turbota demo` (migrations, codifier, policy, demo communities).
func (s *suite) prepareDatabase(ctx context.Context) error {
	pg, err := newPostgres(s.dir)
	if err != nil {
		return err
	}
	start := time.Now()
	if err := pg.Start(ctx); err != nil {
		return fmt.Errorf("start PostgreSQL: %w", err)
	}
	s.pg = pg
	fmt.Printf("faults: PostgreSQL started in %s\n", msec(time.Since(start)))
	start = time.Now()
	if err := pg.CreateDatabase(ctx, templateDB, ""); err != nil {
		return err
	}
	logPath := filepath.Join(s.dir, "template.log")
	logFile, err := os.Create(logPath)
	if err != nil {
		return err
	}
	defer logFile.Close()
	cmd := exec.CommandContext(ctx, s.bin, "demo", "--log-format", "json")
	cmd.Env = append(cleanEnv(), "TURBOTA_DATABASE_URL="+pg.DSN(templateDB), "TURBOTA_DEMO_PASSWORD="+s.password)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("turbota demo: %w; log:\n%s", err, tail(logPath, 15, func(string) bool { return true }))
	}
	fmt.Printf("faults: demo template loaded in %s\n", msec(time.Since(start)))
	return nil
}

// runOne runs a scenario in its own environment, catching a panic, and
// puts the cluster back up for the next one.
func (s *suite) runOne(ctx context.Context, sc Scenario) (o outcome) {
	o.sc = sc
	fmt.Printf("\n=== %d %s: %s\n", sc.Order, sc.Name, sc.Promise)
	ctx, cancel := context.WithTimeout(ctx, scenarioTimeout)
	defer cancel()
	start := time.Now()
	e, err := newEnv(ctx, sc, s)
	if err != nil {
		o.err = err
		return o
	}
	defer func() {
		if p := recover(); p != nil {
			o.err = fmt.Errorf("panic: %v", p)
		}
		if o.err != nil {
			fmt.Printf("--- FAIL: %s (%s)\n    %s\n%s", sc.Name, msec(time.Since(start)),
				strings.ReplaceAll(o.err.Error(), "; ", "\n    "), e.ServerLogs(8))
		} else {
			fmt.Printf("--- PASS: %s (%s)\n", sc.Name, msec(time.Since(start)))
		}
		e.close()
		o.took, o.figures = time.Since(start), e.figures
		s.restorePostgres()
	}()
	o.err = sc.Run(e)
	if o.err == nil && ctx.Err() != nil {
		o.err = fmt.Errorf("ran out of time (%s)", scenarioTimeout)
	}
	return o
}

// restorePostgres starts the cluster again if a scenario left it down.
func (s *suite) restorePostgres() {
	if s.pg == nil || s.pg.Running() {
		return
	}
	if err := s.pg.Start(context.Background()); err != nil {
		fmt.Printf("faults: could not start PostgreSQL again: %v\n", err)
	}
}

func (s *suite) tearDown(keep *bool) {
	if s.pg != nil {
		_ = s.pg.Stop()
	}
	if *keep {
		fmt.Printf("faults: logs kept in %s\n", s.dir)
		// The databases are large; the logs are what is read.
		_ = os.Rename(filepath.Join(s.dir, "pg", "postgres.log"), filepath.Join(s.dir, "postgres.log"))
		_ = os.RemoveAll(filepath.Join(s.dir, "pg"))
		return
	}
	_ = os.RemoveAll(s.dir)
}

// printSummary prints the table and the closing count, returning the
// number of failures.
func printSummary(results []outcome, took time.Duration) int {
	fmt.Printf("\n%-3s %-14s %-6s %8s  %s\n", "#", "scenario", "result", "time", "figures")
	failed := 0
	for _, r := range results {
		res := "PASS"
		if r.err != nil {
			res, failed = "FAIL", failed+1
		}
		figs := strings.Join(r.figures, "; ")
		fmt.Printf("%-3d %-14s %-6s %8s  %s\n", r.sc.Order, r.sc.Name, res, msec(r.took), clip(figs, 400))
	}
	for _, r := range results {
		if r.err != nil {
			fmt.Printf("FAIL %s: %v\n", r.sc.Name, r.err)
		}
	}
	fmt.Printf("\nfaults: whole run %s\n", msec(took))
	fmt.Printf("faults: %d passed, %d failed\n", len(results)-failed, failed)
	return failed
}
