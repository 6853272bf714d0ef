package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Server is one `turbota serve` process.
type Server struct {
	Name    string
	Addr    string // host:port
	URL     string // http://host:port
	LogPath string

	cmd  *exec.Cmd
	done chan struct{} // closed when the process has exited
	err  error         // its exit status, once done
}

// testKey seals TOTP secrets of every server of the suite; no demo user
// the scenarios sign in as has a second factor.
const testKey = "0707070707070707070707070707070707070707070707070707070707070707"

// startServer starts `turbota serve` with args on a free loopback port and
// returns without waiting for it to be ready. env is added to a clean
// environment: no TURBOTA_* setting of the caller leaks in.
func startServer(bin, dir, name string, args, env []string) (*Server, error) {
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	s := &Server{Name: name, Addr: addr, URL: "http://" + addr, LogPath: filepath.Join(dir, name+".log"), done: make(chan struct{})}
	logFile, err := os.Create(s.LogPath)
	if err != nil {
		return nil, err
	}
	defer logFile.Close()
	s.cmd = exec.Command(bin, append([]string{"serve", "--addr", addr, "--log-format", "json"}, args...)...)
	s.cmd.Env = append(cleanEnv(), append([]string{"TURBOTA_SECRET_KEY=" + testKey}, env...)...)
	s.cmd.Stdout, s.cmd.Stderr = logFile, logFile
	// Its own process group, so a terminal's Ctrl-C reaches only us; and it
	// dies with us should we be killed before cleaning up.
	s.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	if err := s.cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", name, err)
	}
	go func() {
		s.err = s.cmd.Wait()
		close(s.done)
	}()
	return s, nil
}

// freeAddr finds a loopback port nobody listens on.
func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

func cleanEnv() []string {
	var out []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "TURBOTA_") {
			out = append(out, kv)
		}
	}
	return out
}

// PID is the server's process id.
func (s *Server) PID() int { return s.cmd.Process.Pid }

// Exited reports whether the process has ended, and how.
func (s *Server) Exited() (bool, error) {
	select {
	case <-s.done:
		return true, s.err
	default:
		return false, nil
	}
}

// ExitCode is the process's exit code once it has ended (-1 for a signal).
func (s *Server) ExitCode() int {
	if s.cmd.ProcessState == nil {
		return -1
	}
	return s.cmd.ProcessState.ExitCode()
}

// Wait waits up to d for the process to end.
func (s *Server) Wait(d time.Duration) bool {
	select {
	case <-s.done:
		return true
	case <-time.After(d):
		return false
	}
}

// Signal sends sig to the server process.
func (s *Server) Signal(sig syscall.Signal) error { return s.cmd.Process.Signal(sig) }

// Stop ends the server: SIGTERM, then SIGKILL if it lingers.
func (s *Server) Stop() {
	if done, _ := s.Exited(); done {
		return
	}
	_ = s.Signal(syscall.SIGTERM)
	if !s.Wait(20 * time.Second) {
		_ = s.Signal(syscall.SIGKILL)
		s.Wait(5 * time.Second)
	}
}

// WaitReady polls /readyz until it answers 200, the process exits or
// timeout passes.
func (s *Server) WaitReady(ctx context.Context, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	hc := &http.Client{Timeout: 3 * time.Second}
	for {
		if done, err := s.Exited(); done {
			return fmt.Errorf("%s exited before it was ready (%v); log:\n%s", s.Name, err, s.LogTail(12))
		}
		if resp, err := hc.Get(s.URL + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%s not ready within %s; log:\n%s", s.Name, timeout, s.LogTail(12))
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// LogTail is the last n lines of the server's log that are warnings or
// errors (or the last n lines, when there are none), for a FAIL report.
func (s *Server) LogTail(n int) string {
	return tail(s.LogPath, n, func(l string) bool {
		if !strings.HasPrefix(l, "{") {
			// What the process printed itself: its exit error or a panic,
			// not the indented welcome banner.
			return strings.TrimSpace(l) != "" && !strings.HasPrefix(l, " ")
		}
		return strings.Contains(l, `"level":"error"`) || strings.Contains(l, `"level":"warn"`) || strings.Contains(l, `"level":"fatal"`)
	})
}

// LogLines counts the log lines containing every one of words.
func (s *Server) LogLines(words ...string) int {
	n := 0
	_ = eachLine(s.LogPath, func(l string) {
		for _, w := range words {
			if !strings.Contains(l, w) {
				return
			}
		}
		n++
	})
	return n
}

func tail(path string, n int, keep func(string) bool) string {
	var all, kept []string
	_ = eachLine(path, func(l string) {
		all = append(all, l)
		if keep(l) {
			kept = append(kept, l)
		}
	})
	if len(kept) == 0 {
		kept = all
	}
	if len(kept) > n {
		kept = kept[len(kept)-n:]
	}
	for i, l := range kept {
		if len(l) > 400 {
			kept[i] = l[:400] + "…"
		}
		kept[i] = "      " + kept[i]
	}
	return strings.Join(kept, "\n")
}

func eachLine(path string, f func(string)) error {
	file, err := os.Open(path)
	if err != nil {
		return err
	}
	defer file.Close()
	sc := bufio.NewScanner(file)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		f(sc.Text())
	}
	if err := sc.Err(); err != nil && !errors.Is(err, bufio.ErrTooLong) {
		return err
	}
	return nil
}

// CPU is the processor time the server has used so far (user + system),
// from /proc; 0 where it cannot be read.
func (s *Server) CPU() time.Duration {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", s.PID()))
	if err != nil {
		return 0
	}
	// Fields after the command name, which is in parentheses: utime and
	// stime are the 12th and 13th, in clock ticks (100 a second on Linux).
	_, rest, ok := strings.Cut(string(b), ") ")
	f := strings.Fields(rest)
	if !ok || len(f) < 13 {
		return 0
	}
	ut, _ := strconv.ParseInt(f[11], 10, 64)
	st, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(ut+st) * 10 * time.Millisecond
}
