// Package faults holds the fault scenarios: each drives a running Turbota
// from outside, over HTTP, prints its figures and fails when a promise of
// the request path breaks.
package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"mime/multipart"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Target is a running server: where it listens and which process it is,
// so its memory can be read from /proc.
type Target struct {
	Addr string // host:port
	PID  int
	// Password of the demo users (the server's --demo-password).
	Password string
}

// UploadScenario is what the concurrent-uploads scenario sends and allows.
type UploadScenario struct {
	Uploads int   // sent at once
	Size    int64 // bytes of each file
	// MaxRSS is the memory the server may reach (VmHWM during the run).
	MaxRSS int64
	// Timeout of each request, far beyond any honest answer.
	Timeout time.Duration
}

// DefaultUploadScenario is issue 11's promise: ten concurrent 20 MB uploads
// all answered with the server under 300 MiB.
func DefaultUploadScenario() UploadScenario {
	return UploadScenario{Uploads: 10, Size: 20 << 20, MaxRSS: 300 << 20, Timeout: 3 * time.Minute}
}

// uploaders may attach documents to every case of their community; the
// uploads are spread over several viewers and two communities, as real
// traffic is, so a per-viewer rate limit does not decide the outcome.
var uploaders = []string{
	"ssd@vinnytsia.demo.turbota.ua", "uszn@vinnytsia.demo.turbota.ua",
	"ssd@poltava.demo.turbota.ua", "uszn@poltava.demo.turbota.ua",
}

const uploadMutation = `mutation($id: ID!, $file: Upload!) {
  uploadDocument(input: {caseID: $id, kind: SCAN, title: "Fault scenario: concurrent uploads", file: $file}) { id size downloadURL } }`

// ConcurrentUploads sends sc.Uploads files of sc.Size bytes at once (valid
// PDF and PNG headers, random bytes after them), then downloads each back
// at once and compares its SHA-256, reading the server's memory throughout.
// It prints its figures to out and fails when an upload or a download fails
// or the server's memory reaches sc.MaxRSS.
func ConcurrentUploads(ctx context.Context, t Target, sc UploadScenario, out io.Writer) error {
	c := &client{base: "http://" + t.Addr, http: &http.Client{Timeout: sc.Timeout}}
	fmt.Fprintf(out, "concurrent uploads: %d × %d MiB, server pid %d\n", sc.Uploads, sc.Size>>20, t.PID)
	idle := readStatus(t.PID)
	viewers, err := c.signIn(ctx, t.Password)
	if err != nil {
		return err
	}
	mem := watchMemory(t.PID)
	defer mem.stop()
	// Signing in hashes passwords with argon2id, which takes memory of its
	// own: the figures before it and after it tell the two apart.
	fmt.Fprintf(out, "  memory before signing in %d users: VmRSS %s; after: VmRSS %s, VmHWM %s (%s)\n",
		len(viewers), mib(idle.rss), mib(mem.start.rss), mib(mem.start.hwm), mem.resetNote)

	files := make([]file, sc.Uploads)
	for i := range files {
		files[i] = newFile(i, sc.Size)
	}
	start := time.Now()
	up := parallel(len(files), func(i int) result { return c.upload(ctx, viewers[i%len(viewers)], files[i]) })
	upTime := time.Since(start)
	upPeak := mem.mark()
	report(out, "uploads", up, upTime, upPeak)

	start = time.Now()
	down := parallel(len(files), func(i int) result {
		if up[i].err != nil {
			return result{err: errors.New("not uploaded")}
		}
		return c.download(ctx, viewers[i%len(viewers)], up[i].url, files[i])
	})
	downTime := time.Since(start)
	downPeak := mem.mark()
	report(out, "downloads", down, downTime, downPeak)
	end := mem.now()
	fmt.Fprintf(out, "  memory after: VmRSS %s, VmHWM %s\n", mib(end.rss), mib(end.hwm))

	var failures []string
	for _, phase := range []struct {
		name string
		rs   []result
		peak int64
	}{{"upload", up, upPeak}, {"download", down, downPeak}} {
		for i, r := range phase.rs {
			if r.err != nil {
				failures = append(failures, fmt.Sprintf("%s %d: %v", phase.name, i, r.err))
			}
		}
		if phase.peak >= sc.MaxRSS {
			failures = append(failures, fmt.Sprintf("%ss: server memory reached %s (limit %s)", phase.name, mib(phase.peak), mib(sc.MaxRSS)))
		}
	}
	if len(failures) > 0 {
		return fmt.Errorf("concurrent uploads failed:\n  %s", strings.Join(failures, "\n  "))
	}
	fmt.Fprintln(out, "  PASS")
	return nil
}

// result of one request.
type result struct {
	status int
	d      time.Duration
	url    string
	err    error
}

func parallel(n int, f func(int) result) []result {
	out := make([]result, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			start := time.Now()
			out[i] = f(i)
			out[i].d = time.Since(start)
		})
	}
	wg.Wait()
	return out
}

func report(out io.Writer, what string, rs []result, total time.Duration, peak int64) {
	ok := 0
	var ds []time.Duration
	statuses := map[int]int{}
	for _, r := range rs {
		if r.err == nil {
			ok++
		}
		ds = append(ds, r.d)
		statuses[r.status]++
	}
	slices.Sort(ds)
	fmt.Fprintf(out, "  %s: %d/%d ok in %s (each: min %s, median %s, max %s; HTTP statuses %v); server peak VmRSS %s\n",
		what, ok, len(rs), total.Round(time.Millisecond), ds[0].Round(time.Millisecond),
		ds[len(ds)/2].Round(time.Millisecond), ds[len(ds)-1].Round(time.Millisecond), statuses, mib(peak))
}

// file is one generated upload: a real PDF or PNG signature, then random
// bytes (incompressible, as scans are), generated again for the check.
type file struct {
	name string
	head []byte
	seed uint64
	size int64
	sum  [sha256.Size]byte
}

func newFile(i int, size int64) file {
	f := file{name: fmt.Sprintf("scan-%d.pdf", i), head: []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"), seed: uint64(i) + 1, size: size}
	if i%2 == 1 {
		f.name, f.head = fmt.Sprintf("scan-%d.png", i), []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR")
	}
	h := sha256.New()
	_, _ = io.Copy(h, f.reader())
	copy(f.sum[:], h.Sum(nil))
	return f
}

func (f file) reader() io.Reader {
	return io.LimitReader(io.MultiReader(bytes.NewReader(f.head), &noise{r: rand.New(rand.NewPCG(f.seed, 7))}), f.size)
}

// noise is an endless stream of pseudo-random bytes.
type noise struct{ r *rand.Rand }

func (n *noise) Read(p []byte) (int, error) {
	for i := 0; i < len(p); i += 8 {
		var b [8]byte
		binary.LittleEndian.PutUint64(b[:], n.r.Uint64())
		copy(p[i:], b[:])
	}
	return len(p), nil
}

// client speaks GraphQL to the server.
type client struct {
	base string
	http *http.Client
}

// viewer is a signed-in demo user and a case of their community.
type viewer struct{ token, caseID string }

type gqlAnswer struct {
	Data   json.RawMessage `json:"data"`
	Errors []struct {
		Message    string         `json:"message"`
		Extensions map[string]any `json:"extensions"`
	} `json:"errors"`
}

func (a *gqlAnswer) err() error {
	if len(a.Errors) == 0 {
		return nil
	}
	return fmt.Errorf("%s (%v)", a.Errors[0].Message, a.Errors[0].Extensions["code"])
}

func (c *client) signIn(ctx context.Context, password string) ([]viewer, error) {
	var out []viewer
	for _, email := range uploaders {
		var login struct {
			Login struct{ Token string } `json:"login"`
		}
		err := c.graphql(ctx, "", `mutation($e: String!, $p: String!) { login(input: {email: $e, password: $p}) { token } }`,
			map[string]any{"e": email, "p": password}, &login)
		if err != nil {
			return nil, fmt.Errorf("sign in as %s: %w", email, err)
		}
		var cases struct {
			Cases struct {
				Edges []struct{ Node struct{ ID string } }
			} `json:"cases"`
		}
		if err := c.graphql(ctx, login.Login.Token, `{ cases(first: 1) { edges { node { id } } } }`, nil, &cases); err != nil {
			return nil, fmt.Errorf("find a case of %s: %w", email, err)
		}
		if len(cases.Cases.Edges) == 0 {
			return nil, fmt.Errorf("%s sees no case (is the server running with --demo?)", email)
		}
		out = append(out, viewer{token: login.Login.Token, caseID: cases.Cases.Edges[0].Node.ID})
	}
	return out, nil
}

func (c *client) graphql(ctx context.Context, token, query string, vars map[string]any, into any) error {
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+"/graphql", bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	_, err = c.do(req, token, into)
	return err
}

// do sends a GraphQL request and decodes its answer.
func (c *client) do(req *http.Request, token string, into any) (int, error) {
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	var a gqlAnswer
	if err := json.NewDecoder(resp.Body).Decode(&a); err != nil {
		return resp.StatusCode, fmt.Errorf("HTTP %d: %w", resp.StatusCode, err)
	}
	if err := a.err(); err != nil {
		return resp.StatusCode, fmt.Errorf("HTTP %d: %w", resp.StatusCode, err)
	}
	return resp.StatusCode, json.Unmarshal(a.Data, into)
}

// upload streams a GraphQL multipart request with the file as $file, with
// its length known, as browsers send it.
func (c *client) upload(ctx context.Context, v viewer, f file) result {
	ops, _ := json.Marshal(map[string]any{"query": uploadMutation, "variables": map[string]any{"id": v.caseID, "file": nil}})
	var head bytes.Buffer
	mw := multipart.NewWriter(&head)
	_ = mw.WriteField("operations", string(ops))
	_ = mw.WriteField("map", `{"0": ["variables.file"]}`)
	if _, err := mw.CreateFormFile("0", f.name); err != nil {
		return result{err: err}
	}
	tail := "\r\n--" + mw.Boundary() + "--\r\n"
	body := io.MultiReader(bytes.NewReader(head.Bytes()), f.reader(), strings.NewReader(tail))
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+"/graphql", body)
	if err != nil {
		return result{err: err}
	}
	req.ContentLength = int64(head.Len()) + f.size + int64(len(tail))
	req.Header.Set("Content-Type", mw.FormDataContentType())
	var got struct {
		UploadDocument struct {
			ID, DownloadURL string
			Size            int64
		} `json:"uploadDocument"`
	}
	status, err := c.do(req, v.token, &got)
	if err == nil && got.UploadDocument.Size != f.size {
		err = fmt.Errorf("stored %d bytes of %d", got.UploadDocument.Size, f.size)
	}
	return result{status: status, url: got.UploadDocument.DownloadURL, err: err}
}

// download reads a document back and compares it with what was sent.
func (c *client) download(ctx context.Context, v viewer, url string, f file) result {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+url, nil)
	if err != nil {
		return result{err: err}
	}
	req.Header.Set("Authorization", "Bearer "+v.token)
	resp, err := c.http.Do(req)
	if err != nil {
		return result{err: err}
	}
	defer resp.Body.Close()
	h := sha256.New()
	n, err := io.Copy(h, resp.Body)
	switch {
	case err != nil:
	case resp.StatusCode != http.StatusOK:
		err = fmt.Errorf("HTTP %d", resp.StatusCode)
	case n != f.size || !bytes.Equal(h.Sum(nil), f.sum[:]):
		err = fmt.Errorf("got %d bytes that differ from the %d sent", n, f.size)
	}
	return result{status: resp.StatusCode, err: err}
}

// memory reads a process's resident memory from /proc.
type memory struct {
	pid       int
	start     sample
	resetNote string
	mu        sync.Mutex
	peak      int64 // highest VmRSS seen since the last mark
	done      chan struct{}
	wg        sync.WaitGroup
}

type sample struct{ rss, hwm int64 }

const hwmReset = "VmHWM until now; reset for the scenario"

// watchMemory starts sampling VmRSS every 20 ms. It first resets the
// process's high-water mark (VmHWM) where the kernel lets it, so that the
// mark then covers only the scenario.
func watchMemory(pid int) *memory {
	m := &memory{pid: pid, done: make(chan struct{}), resetNote: "VmHWM since the server started: not resettable here"}
	m.start = m.now()
	if err := os.WriteFile(fmt.Sprintf("/proc/%d/clear_refs", pid), []byte("5"), 0); err == nil {
		m.resetNote = hwmReset
	}
	m.peak = m.start.rss
	m.wg.Go(func() {
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-m.done:
				return
			case <-tick.C:
				s := m.now()
				m.mu.Lock()
				m.peak = max(m.peak, s.rss)
				m.mu.Unlock()
			}
		}
	})
	return m
}

// mark returns the peak since the last mark: the sampled VmRSS or the
// kernel's own high-water mark, whichever is higher (the kernel's sees
// spikes between samples, but only once reset).
func (m *memory) mark() int64 {
	s := m.now()
	m.mu.Lock()
	defer m.mu.Unlock()
	peak := max(m.peak, s.rss)
	if m.resetNote == hwmReset {
		peak = max(peak, s.hwm)
		_ = os.WriteFile(fmt.Sprintf("/proc/%d/clear_refs", m.pid), []byte("5"), 0)
	}
	m.peak = s.rss
	return peak
}

func (m *memory) stop() {
	close(m.done)
	m.wg.Wait()
}

func (m *memory) now() sample { return readStatus(m.pid) }

// readStatus reads VmRSS and VmHWM (0 when the process cannot be read).
func readStatus(pid int) sample {
	var s sample
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return s
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if !ok || (k != "VmRSS" && k != "VmHWM") {
			continue
		}
		kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
		if k == "VmRSS" {
			s.rss = kb << 10
		} else {
			s.hwm = kb << 10
		}
	}
	return s
}

func mib(b int64) string { return fmt.Sprintf("%.0f MiB", float64(b)/(1<<20)) }
