// Command uploadfault runs the fault scenario "concurrent uploads" against a
// Turbota it starts itself (the binary of `go build ./cmd/turbota`, with its
// embedded PostgreSQL and the demo data), or against one already running.
// It prints the figures and exits non-zero when an upload or a download
// fails or the server's memory reaches the limit.
//
//	go build -o bin/turbota ./cmd/turbota && go run ./cmd/uploadfault -bin bin/turbota
//	go run ./cmd/uploadfault -addr 127.0.0.1:8080 -pid 12345
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/turbota/turbota/faults"
)

func main() {
	bin := flag.String("bin", "", "start this turbota binary (serve --demo) on a free port with a fresh data directory")
	addr := flag.String("addr", "", "or: the address of a running server")
	pid := flag.Int("pid", 0, "and its process ID")
	password := flag.String("password", envOr("TURBOTA_DEMO_PASSWORD", "turbota-demo-2026"), "password of the demo users")
	sc := faults.DefaultUploadScenario()
	flag.IntVar(&sc.Uploads, "uploads", sc.Uploads, "uploads sent at once")
	sizeMiB := flag.Int64("size-mib", sc.Size>>20, "size of each file in MiB")
	maxMiB := flag.Int64("max-rss-mib", sc.MaxRSS>>20, "memory the server may reach, in MiB")
	flag.Parse()
	sc.Size, sc.MaxRSS = *sizeMiB<<20, *maxMiB<<20

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, *bin, faults.Target{Addr: *addr, PID: *pid, Password: *password}, sc); err != nil {
		fmt.Fprintln(os.Stderr, "uploadfault:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, bin string, t faults.Target, sc faults.UploadScenario) error {
	if bin != "" {
		srv, err := start(ctx, bin)
		if err != nil {
			return err
		}
		defer srv.stop()
		t.Addr, t.PID = srv.addr, srv.cmd.Process.Pid
	}
	if t.Addr == "" || t.PID == 0 {
		return errors.New("give -bin, or -addr and -pid")
	}
	return faults.ConcurrentUploads(ctx, t, sc, os.Stdout)
}

// readyWithin: a first start creates the database cluster and loads the
// codifier and the demo communities, which takes minutes on a busy machine.
const readyWithin = 10 * time.Minute

// server is a turbota started for the scenario.
type server struct {
	cmd    *exec.Cmd
	addr   string
	dir    string
	exited chan struct{}
}

// start runs `turbota serve --demo` on a free port with its own embedded
// database, and waits until it is ready.
func start(ctx context.Context, bin string) (*server, error) {
	dir, err := os.MkdirTemp("", "turbota-uploadfault-")
	if err != nil {
		return nil, err
	}
	// Run as root, Turbota runs its PostgreSQL as the postgres user, who must
	// be able to enter the directory.
	if err := os.Chmod(dir, 0o755); err != nil {
		return nil, err
	}
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	logFile, err := os.Create(filepath.Join(dir, "server.log"))
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(bin, "serve", "--demo", "--data-dir", filepath.Join(dir, "data"), "--addr", addr)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", bin, err)
	}
	s := &server{cmd: cmd, addr: addr, dir: dir, exited: make(chan struct{})}
	go func() { _ = cmd.Wait(); close(s.exited) }()
	fmt.Printf("started %s (pid %d) on %s; log %s\n", bin, cmd.Process.Pid, addr, logFile.Name())
	if err := waitReady(ctx, addr, s.exited); err != nil {
		if log, rerr := os.ReadFile(logFile.Name()); rerr == nil {
			fmt.Fprintf(os.Stderr, "server log:\n%s\n", tail(log, 4000))
		}
		s.stop()
		return nil, err
	}
	return s, nil
}

// stop ends the server as an operator would (SIGTERM, so it stops its
// PostgreSQL too) and removes its data.
func (s *server) stop() {
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.exited:
	case <-time.After(30 * time.Second):
		_ = s.cmd.Process.Kill()
		<-s.exited
	}
	_ = os.RemoveAll(s.dir)
}

func waitReady(ctx context.Context, addr string, exited <-chan struct{}) error {
	ctx, cancel := context.WithTimeout(ctx, readyWithin)
	defer cancel()
	for {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+addr+"/readyz", nil)
		if resp, err := http.DefaultClient.Do(req); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-exited:
			return errors.New("the server exited before it was ready")
		case <-ctx.Done():
			return fmt.Errorf("server on %s not ready: %w", addr, ctx.Err())
		case <-time.After(500 * time.Millisecond):
		}
	}
}

func tail(b []byte, n int) []byte {
	if len(b) > n {
		return b[len(b)-n:]
	}
	return b
}

func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}
