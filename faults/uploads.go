package main

// A minimal concurrent-uploads measurement. The uploads work brings a
// fuller faults/uploads.go with this same API (Target, UploadScenario,
// DefaultUploadScenario, ConcurrentUploads); when it lands it replaces
// this file and uploadscenario.go keeps calling it.

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"mime/multipart"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/turbota/turbota/demo"
)

// Target is a running server and its process, whose memory is read.
type Target struct {
	Addr     string // host:port
	PID      int
	Password string // of the demo users
}

// UploadScenario is what is sent and what the server may use.
type UploadScenario struct {
	Uploads int           // sent at once
	Size    int64         // bytes of each file
	MaxRSS  int64         // the server's peak memory must stay below
	Timeout time.Duration // of each request
}

// DefaultUploadScenario is issue 11's promise: ten concurrent 20 MB
// uploads all answered with the server under 300 MiB.
func DefaultUploadScenario() UploadScenario {
	return UploadScenario{Uploads: 10, Size: 20 << 20, MaxRSS: 300 << 20, Timeout: 3 * time.Minute}
}

const uplMutation = `mutation($id: ID!, $file: Upload!) { uploadDocument(input: {caseID: $id, kind: SCAN,
	title: "Fault scenario: concurrent uploads", file: $file}) { id size } }`

// ConcurrentUploads sends sc.Uploads files of sc.Size bytes at once (a PDF
// signature, then random bytes) while sampling the server's memory, and
// fails when one is not stored whole or the peak reaches sc.MaxRSS.
func ConcurrentUploads(ctx context.Context, t Target, sc UploadScenario, out io.Writer) error {
	c := newCaller("http://"+t.Addr, sc.Uploads, sc.Timeout)
	var tokens, caseIDs []string
	for _, email := range []string{demo.VinnytsiaChildrenServiceEmail, demo.PoltavaChildrenServiceEmail} {
		tok, err := c.SignIn(ctx, email, t.Password)
		if err != nil {
			return err
		}
		a := c.Do(ctx, tok, `{ cases(first: 1) { edges { node { id } } } }`, nil, nil)
		id := a.Str("cases", "edges", 0, "node", "id")
		if id == "" {
			return fmt.Errorf("a case of %s: %s", email, a.Kind())
		}
		tokens, caseIDs = append(tokens, tok), append(caseIDs, id)
	}
	before := uplMemory(t.PID)
	// Reset the high-water mark so that it covers the uploads only.
	_ = os.WriteFile(fmt.Sprintf("/proc/%d/clear_refs", t.PID), []byte("5"), 0)
	peak := &uplPeak{pid: t.PID}
	stop := peak.watch()
	answers := make([]*Answer, sc.Uploads)
	began := time.Now()
	var wg sync.WaitGroup
	for i := range answers {
		wg.Go(func() { answers[i] = uplSend(ctx, c, tokens[i%2], caseIDs[i%2], sc.Size, uint64(i)) })
	}
	wg.Wait()
	took := time.Since(began)
	stop()
	var kinds Tally
	stored := 0
	for _, a := range answers {
		kinds.Add(a.Kind())
		if size, _ := dig(a.Data, "uploadDocument", "size").(float64); a.OK() && int64(size) == sc.Size {
			stored++
		}
	}
	high := max(peak.max(), uplMemory(t.PID).hwm)
	fmt.Fprintf(out, "%d uploads of %d MiB in %s: %s; stored whole %d\n", sc.Uploads, sc.Size>>20, msec(took), kinds.String(), stored)
	fmt.Fprintf(out, "server memory: VmRSS before %d MiB, peak %d MiB (limit %d MiB)\n", before.rss>>20, high>>20, sc.MaxRSS>>20)
	switch {
	case stored < sc.Uploads:
		return fmt.Errorf("%d of %d uploads not stored whole (%s)", sc.Uploads-stored, sc.Uploads, kinds.String())
	case high >= sc.MaxRSS:
		return fmt.Errorf("server memory peaked at %d MiB, limit %d MiB", high>>20, sc.MaxRSS>>20)
	}
	return nil
}

// uplSend streams one multipart upload of size bytes.
func uplSend(ctx context.Context, c *Caller, token, caseID string, size int64, seed uint64) *Answer {
	ops, _ := json.Marshal(map[string]any{"query": uplMutation, "variables": map[string]any{"id": caseID, "file": nil}})
	var head bytes.Buffer
	mw := multipart.NewWriter(&head)
	_ = mw.WriteField("operations", string(ops))
	_ = mw.WriteField("map", `{"0": ["variables.file"]}`)
	if _, err := mw.CreateFormFile("0", fmt.Sprintf("scan-%d.pdf", seed)); err != nil {
		return &Answer{Err: err}
	}
	tail := "\r\n--" + mw.Boundary() + "--\r\n"
	sig := []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	file := io.LimitReader(io.MultiReader(bytes.NewReader(sig), &uplNoise{r: rand.New(rand.NewPCG(seed, 7))}), size)
	body := io.MultiReader(bytes.NewReader(head.Bytes()), file, strings.NewReader(tail))
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+"/graphql", body)
	if err != nil {
		return &Answer{Err: err}
	}
	req.ContentLength = int64(head.Len()) + size + int64(len(tail))
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+token)
	start := time.Now()
	a := c.send(req)
	a.Took = time.Since(start)
	return a
}

// uplNoise is endless pseudo-random bytes: incompressible, like scans.
type uplNoise struct{ r *rand.Rand }

func (n *uplNoise) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(n.r.Uint32())
	}
	return len(p), nil
}

type uplMem struct{ rss, hwm int64 }

// uplMemory reads VmRSS and VmHWM of a process.
func uplMemory(pid int) uplMem {
	var m uplMem
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return m
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, _ := strings.Cut(sc.Text(), ":")
		kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
		switch k {
		case "VmRSS":
			m.rss = kb << 10
		case "VmHWM":
			m.hwm = kb << 10
		}
	}
	return m
}

// uplPeak samples VmRSS every 20 ms, for kernels that do not reset VmHWM.
type uplPeak struct {
	pid  int
	mu   sync.Mutex
	high int64
}

func (p *uplPeak) watch() (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				rss := uplMemory(p.pid).rss
				p.mu.Lock()
				p.high = max(p.high, rss)
				p.mu.Unlock()
			}
		}
	})
	return func() { close(done); wg.Wait() }
}

func (p *uplPeak) max() int64 {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.high
}
