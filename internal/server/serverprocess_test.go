package server_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/turbota/turbota/internal/platform/clock"
)

// serverProcess is the turbota binary serving the bench's database as its
// own process, as `turbota serve --database-url` runs in production: its
// pools, its jobs, its request log. The bench loads it over HTTP like
// PostGraphile, so that the server's resident memory and CPU are its own,
// apart from the load generator's and the raw handler's (which share the
// bench's process).
type serverProcess struct {
	url, token string // token: the operator's, for /metrics and /debug/pprof
	pid        int
}

// startServerProcess runs BENCH_TURBOTA_BIN, or a binary built here from
// cmd/turbota, with rate limits off (the bench's sixteen clients are one
// viewer, which the per-viewer limits would hold back; PostGraphile and
// the raw handler have none) and its log at warn, written to nowhere.
func startServerProcess(b *testing.B, dsn string) *serverProcess {
	bin := os.Getenv("BENCH_TURBOTA_BIN")
	if bin == "" {
		bin = filepath.Join(b.TempDir(), "turbota")
		build := exec.Command(goCommand(), "build", "-o", bin, "github.com/turbota/turbota/cmd/turbota")
		if out, err := build.CombinedOutput(); err != nil {
			b.Fatalf("build the server: %v\n%s", err, out)
		}
	}
	port, token := freePort(b), "bench-operator-"+strconv.FormatInt(clock.Now().UnixNano(), 36)
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, bin, "serve", "--database-url", dsn, "--addr", fmt.Sprint("127.0.0.1:", port),
		"--data-dir", b.TempDir(), "--log-level", "warn", "--metrics-token", token)
	cmd.Env = append(os.Environ(), "TURBOTA_RATE_LIMIT=false")
	cmd.Stdout, cmd.Stderr = nil, os.Stderr
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 30 * time.Second
	if err := cmd.Start(); err != nil {
		cancel()
		b.Fatalf("start the server: %v", err)
	}
	b.Cleanup(func() { cancel(); _ = cmd.Wait() })
	p := &serverProcess{url: fmt.Sprintf("http://127.0.0.1:%d", port), token: token, pid: cmd.Process.Pid}
	if err := p.ready(2 * time.Minute); err != nil {
		b.Fatal(err)
	}
	return p
}

// ready waits for /readyz to answer 200.
func (p *serverProcess) ready(within time.Duration) error {
	deadline := clock.Now().Add(within)
	for clock.Now().Before(deadline) {
		if resp, err := http.Get(p.url + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		time.Sleep(200 * time.Millisecond)
	}
	return fmt.Errorf("the server at %s was not ready within %s", p.url, within)
}

// saveProfile writes one of the server's runtime profiles (heap: what it
// allocated since its start and holds now) into BENCH_PROFILES, when set,
// for go tool pprof.
func (p *serverProcess) saveProfile(b *testing.B, name string) {
	if err := p.fetchProfile("heap", name); err != nil {
		b.Fatal(err)
	}
}

// cpuProfile records the server's CPU for d, from now, into
// BENCH_PROFILES/turbota-<name>.pprof, when set; it returns at once.
func (p *serverProcess) cpuProfile(name string, d time.Duration) {
	secs := int(d / time.Second)
	if os.Getenv("BENCH_PROFILES") == "" || secs < 1 {
		return
	}
	go func() {
		if err := p.fetchProfile(fmt.Sprint("profile?seconds=", secs), name); err != nil {
			fmt.Fprintln(os.Stderr, err)
		}
	}()
}

func (p *serverProcess) fetchProfile(path, name string) error {
	dir := os.Getenv("BENCH_PROFILES")
	if dir == "" {
		return nil
	}
	req, _ := http.NewRequest(http.MethodGet, p.url+"/debug/pprof/"+path, nil)
	req.Header.Set("Authorization", "Bearer "+p.token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		return fmt.Errorf("the server's %s profile: %d %v", path, resp.StatusCode, err)
	}
	file := filepath.Join(dir, "turbota-"+name+".pprof")
	if err := os.WriteFile(file, body, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "the server's profile: %s\n", file)
	return nil
}

// goCommand is the go command that runs this test (GO as make passes it).
func goCommand() string {
	if g := os.Getenv("GO"); g != "" {
		return g
	}
	return "go"
}

// procMemory reads a field (VmRSS, VmHWM) of /proc/PID/status in bytes, 0
// where there is none; pid "self" is this process.
func procMemory(pid, field string) int64 {
	status, err := os.ReadFile("/proc/" + pid + "/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(status), "\n") {
		if v, ok := strings.CutPrefix(line, field+":"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}
