// Package testmail gives tests a real mail server: Mailpit
// (github.com/axllent/mailpit), built once per machine from the module
// proxy at a pinned version and started as a subprocess per test binary.
// The product sends to it over SMTP as to any server, and tests read what
// arrived through Mailpit's HTTP API.
package testmail

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"
)

// Version is the Mailpit the tests run.
const Version = "v1.33.1"

// Server is a running Mailpit.
type Server struct {
	SMTPHost string
	SMTPPort int
	api      string
	cmd      *exec.Cmd
}

var (
	once   sync.Once
	shared *Server
	errRun error
)

// Start returns the package's Mailpit, starting it on first use (the test
// binary stops it with Stop from TestMain, or the process's end does).
// With TURBOTA_TEST_MAILPIT set to a Mailpit executable, that one runs.
func Start(t testing.TB) *Server {
	t.Helper()
	once.Do(func() { shared, errRun = start() })
	if errRun != nil {
		t.Fatalf("mail server: %v", errRun)
	}
	return shared
}

// Stop ends the package's Mailpit, if one started.
func Stop() {
	if shared != nil && shared.cmd.Process != nil {
		_ = shared.cmd.Process.Kill()
		_ = shared.cmd.Wait()
	}
}

func start() (*Server, error) {
	bin, err := binary()
	if err != nil {
		return nil, err
	}
	smtpPort, err := freePort()
	if err != nil {
		return nil, err
	}
	httpPort, err := freePort()
	if err != nil {
		return nil, err
	}
	s := &Server{SMTPHost: "127.0.0.1", SMTPPort: smtpPort, api: "http://127.0.0.1:" + strconv.Itoa(httpPort)}
	s.cmd = exec.Command(bin, "--smtp", "127.0.0.1:"+strconv.Itoa(smtpPort), "--listen", "127.0.0.1:"+strconv.Itoa(httpPort),
		"--database", "", "--max", "5000", "--quiet", "--disable-version-check")
	if err := s.cmd.Start(); err != nil {
		return nil, fmt.Errorf("start mailpit: %w", err)
	}
	deadline := time.Now().Add(20 * time.Second) // the harness waits in real time
	for time.Now().Before(deadline) {
		if resp, err := http.Get(s.api + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return s, nil
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	Stop()
	return nil, fmt.Errorf("mailpit did not come up")
}

// binary builds Mailpit once per machine into the user's cache (a few
// minutes the first time), or takes TURBOTA_TEST_MAILPIT.
func binary() (string, error) {
	if p := os.Getenv("TURBOTA_TEST_MAILPIT"); p != "" {
		return p, nil
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	dir := filepath.Join(cache, "turbota-test", "mailpit-"+Version)
	bin := filepath.Join(dir, "mailpit")
	if _, err := os.Stat(bin); err == nil {
		return bin, nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", "install", "github.com/axllent/mailpit@"+Version)
	cmd.Env = append(os.Environ(), "GOBIN="+dir, "GOFLAGS=", "GOWORK=off")
	cmd.Dir = os.TempDir() // outside the module: Mailpit's own go.mod decides its dependencies
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("build mailpit %s: %w\n%s", Version, err, out)
	}
	return bin, nil
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// Message is a delivered e-mail as Mailpit shows it.
type Message struct {
	ID      string
	Subject string
	To      []string
	Text    string
}

// To lists the messages delivered to an address, oldest first.
func (s *Server) To(t testing.TB, address string) []Message {
	t.Helper()
	var list struct {
		Messages []struct {
			ID      string `json:"ID"`
			Subject string `json:"Subject"`
			To      []struct {
				Address string `json:"Address"`
			} `json:"To"`
		} `json:"messages"`
	}
	s.get(t, "/api/v1/search?query="+url.QueryEscape("to:\""+address+"\""), &list)
	out := make([]Message, 0, len(list.Messages))
	for i := len(list.Messages) - 1; i >= 0; i-- { // Mailpit lists the newest first
		m := list.Messages[i]
		var full struct {
			Text string `json:"Text"`
		}
		s.get(t, "/api/v1/message/"+m.ID, &full)
		msg := Message{ID: m.ID, Subject: m.Subject, Text: full.Text}
		for _, to := range m.To {
			msg.To = append(msg.To, to.Address)
		}
		out = append(out, msg)
	}
	return out
}

// Await waits (up to ten seconds) until n messages reached the address,
// and returns them all.
func (s *Server) Await(t testing.TB, address string, n int) []Message {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second) // the harness waits in real time
	for {
		got := s.To(t, address)
		if len(got) >= n || time.Now().After(deadline) {
			return got
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (s *Server) get(t testing.TB, path string, into any) {
	t.Helper()
	resp, err := http.Get(s.api + path)
	if err != nil {
		t.Fatalf("mailpit %s: %v", path, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("mailpit %s: %s", path, resp.Status)
	}
	if err := json.NewDecoder(resp.Body).Decode(into); err != nil {
		t.Fatalf("mailpit %s: %v", path, err)
	}
}
