package server_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/turbota/turbota/internal/server"
	"github.com/turbota/turbota/internal/workflow"
)

// scanOf is a PNG signature followed by random bytes, size bytes in all: a
// file the type check accepts and nothing can compress.
func scanOf(size int, seed uint64) []byte {
	b := make([]byte, size)
	r := rand.New(rand.NewPCG(seed, 1))
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	copy(b, pngBytes[:min(size, 16)])
	return b
}

// download fetches a document with its headers, or a range of it.
func (e *env) download(token, path string, byteRange ...string) (*http.Response, []byte) {
	e.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, e.url+path, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	if len(byteRange) > 0 {
		req.Header.Set("Range", byteRange[0])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		e.t.Fatalf("read download: %v", err)
	}
	return resp, body
}

// storedChunks counts the chunks of a document and finds the largest.
func (e *env) storedChunks(doc string) (n, largest int) {
	e.t.Helper()
	if err := e.db.QueryRow(`SELECT count(*), coalesce(max(length(data)), 0) FROM document_chunks WHERE document_id = $1`, doc).
		Scan(&n, &largest); err != nil {
		e.t.Fatal(err)
	}
	return n, largest
}

func TestDocumentRoundTripAroundChunkBoundaries(t *testing.T) {
	e := newEnv(t, server.Config{})
	w := newWork(t, e)
	for i, size := range []int{len(pngBytes), workflow.ChunkSize - 1, workflow.ChunkSize, workflow.ChunkSize + 1, 3*workflow.ChunkSize + 17} {
		t.Run(fmt.Sprint(size), func(t *testing.T) {
			data := scanOf(size, uint64(i))
			r := e.upload(w.ssd, uploadDoc, map[string]any{"id": w.caseID}, "scan.png", data)
			if len(r.Errors) > 0 {
				t.Fatal(r.Errors)
			}
			doc := r.Data["uploadDocument"].(map[string]any)
			if int(doc["size"].(float64)) != size {
				t.Errorf("stored size %v, sent %d", doc["size"], size)
			}
			id := str(doc, "id")
			wantChunks := (size + workflow.ChunkSize - 1) / workflow.ChunkSize
			if n, largest := e.storedChunks(id); n != wantChunks || largest > workflow.ChunkSize {
				t.Errorf("%d chunks of at most %d bytes, want %d of at most %d", n, largest, wantChunks, workflow.ChunkSize)
			}
			resp, body := e.download(w.ssd, str(doc, "downloadURL"))
			sum := sha256.Sum256(data)
			if got := sha256.Sum256(body); resp.StatusCode != http.StatusOK || got != sum {
				t.Fatalf("download: status %d, %d bytes, equal %v", resp.StatusCode, len(body), got == sum)
			}
			if resp.ContentLength != int64(size) || resp.Header.Get("ETag") != `"`+hex.EncodeToString(sum[:])+`"` {
				t.Errorf("Content-Length %d, ETag %s", resp.ContentLength, resp.Header.Get("ETag"))
			}
			// A range across the first chunk boundary, where there is one,
			// and the last bytes: resuming a download.
			from, to := min(workflow.ChunkSize-3, size-1), min(workflow.ChunkSize+2, size-1)
			for _, rg := range []struct {
				header   string
				from, to int
			}{{fmt.Sprintf("bytes=%d-%d", from, to), from, to}, {"bytes=-5", max(0, size-5), size - 1}} {
				resp, body := e.download(w.ssd, str(doc, "downloadURL"), rg.header)
				if resp.StatusCode != http.StatusPartialContent || !bytes.Equal(body, data[rg.from:rg.to+1]) {
					t.Errorf("%s: status %d, %d bytes, want %d", rg.header, resp.StatusCode, len(body), rg.to-rg.from+1)
				}
			}
		})
	}
}

func TestDocumentDownloadRanges(t *testing.T) {
	e := newEnv(t, server.Config{})
	w := newWork(t, e)
	data := scanOf(2*workflow.ChunkSize+100, 5)
	r := e.upload(w.ssd, uploadDoc, map[string]any{"id": w.caseID}, "scan.png", data)
	if len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	url := str(r.Data, "uploadDocument", "downloadURL")
	// Several ranges at once get the whole file.
	if resp, body := e.download(w.ssd, url, "bytes=0-1,300000-300001"); resp.StatusCode != http.StatusOK || !bytes.Equal(body, data) {
		t.Errorf("several ranges: status %d, %d bytes", resp.StatusCode, len(body))
	}
	if resp, _ := e.download(w.ssd, url, fmt.Sprintf("bytes=%d-", len(data))); resp.StatusCode != http.StatusRequestedRangeNotSatisfiable {
		t.Errorf("a range past the end: status %d", resp.StatusCode)
	}
	if resp, _ := e.download(w.provider, url, "bytes=0-10"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("a provider without access asks for a range: status %d", resp.StatusCode)
	}
	// A file that lost a chunk is cut short, never passed off as whole.
	if _, err := e.db.Exec(`DELETE FROM document_chunks WHERE document_id = $1 AND seq = 1`, str(r.Data, "uploadDocument", "id")); err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest(http.MethodGet, e.url+url, nil)
	req.Header.Set("Authorization", "Bearer "+w.ssd)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if body, err := io.ReadAll(resp.Body); err == nil {
		t.Errorf("a file missing a chunk came whole: status %d, %d bytes", resp.StatusCode, len(body))
	}
}

func TestDocumentUploadsRefusedWriteNothing(t *testing.T) {
	e := newEnv(t, server.Config{})
	w := newWork(t, e)
	var before int
	if err := e.db.QueryRow(`SELECT count(*) FROM document_chunks`).Scan(&before); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, file, message string
		data                []byte
	}{
		{"one byte too many", "big.png", "larger than 20 mb", scanOf(workflow.MaxDocumentSize+1, 1)},
		{"a text file", "notes.png", "only pdf", bytes.Repeat([]byte("not a scan at all "), workflow.ChunkSize/9)},
		{"an empty file", "empty.png", "empty", nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := e.upload(w.ssd, uploadDoc, map[string]any{"id": w.caseID}, c.file, c.data)
			if r.code() != server.CodeBadUserInput || !strings.Contains(strings.ToLower(r.Errors[0].Message), c.message) {
				t.Errorf("answer: %v", r.Errors)
			}
		})
	}
	long := `mutation($id: ID!, $t: String!, $file: Upload!) { uploadDocument(input: {caseID: $id, kind: SCAN, title: $t, file: $file}) { id } }`
	if r := e.upload(w.ssd, long, map[string]any{"id": w.caseID, "t": strings.Repeat("я", 301)}, "scan.png", scanOf(workflow.ChunkSize+1, 4)); r.code() != server.CodeBadUserInput {
		t.Errorf("a title too long: %v", r.Errors)
	}
	var chunks, docs, events int
	if err := e.db.QueryRow(`SELECT (SELECT count(*) FROM document_chunks), (SELECT count(*) FROM documents WHERE case_id = $1),
		(SELECT count(*) FROM case_events WHERE case_id = $1 AND kind = 'DOCUMENT_ATTACHED')`, w.caseID).Scan(&chunks, &docs, &events); err != nil {
		t.Fatal(err)
	}
	if chunks != before || docs != 0 || events != 0 {
		t.Errorf("refused uploads left %d chunks, %d documents, %d events", chunks-before, docs, events)
	}
	// The limit itself is allowed.
	data := scanOf(workflow.MaxDocumentSize, 2)
	r := e.upload(w.ssd, uploadDoc, map[string]any{"id": w.caseID}, "limit.png", data)
	if len(r.Errors) > 0 {
		t.Fatalf("a file of exactly 20 MB: %v", r.Errors)
	}
	if _, body := e.download(w.ssd, str(r.Data, "uploadDocument", "downloadURL")); !bytes.Equal(body, data) {
		t.Errorf("the 20 MB file came back different (%d bytes)", len(body))
	}
}

// streamUpload sends an upload whose file arrives in two halves: the second
// only once half() returns. With chunked, the body's length is not declared.
func (e *env) streamUpload(token string, vars map[string]any, data []byte, chunked bool, half func()) (*gqlResponse, http.Header) {
	e.t.Helper()
	vars["file"] = nil
	ops, _ := json.Marshal(map[string]any{"query": uploadDoc, "variables": vars})
	var head bytes.Buffer
	mw := multipart.NewWriter(&head)
	_ = mw.WriteField("operations", string(ops))
	_ = mw.WriteField("map", `{"0": ["variables.file"]}`)
	_, _ = mw.CreateFormFile("0", "scan.png")
	tail := "\r\n--" + mw.Boundary() + "--\r\n"
	pr, pw := io.Pipe()
	go func() {
		_, _ = pw.Write(head.Bytes())
		_, _ = pw.Write(data[:len(data)/2])
		half()
		_, _ = pw.Write(data[len(data)/2:])
		_, _ = pw.Write([]byte(tail))
		_ = pw.Close()
	}()
	req, _ := http.NewRequest(http.MethodPost, e.url+"/graphql", pr)
	if !chunked {
		req.ContentLength = int64(head.Len() + len(data) + len(tail))
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	out := &gqlResponse{Status: resp.StatusCode}
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		e.t.Fatalf("decode response (status %d): %v", resp.StatusCode, err)
	}
	return out, resp.Header
}

// waitFor polls cond until it holds; the bound only keeps a broken test
// from hanging, it is no measure of speed.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	giveUp := time.After(2 * time.Minute)
	for !cond() {
		select {
		case <-giveUp:
			t.Fatalf("gave up waiting for %s", what)
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// TestUploadsSpoolToTemporaryFiles: a file past 256 KiB is not kept in
// memory while the request is read, whether or not its length is declared,
// and the temporary file is gone once the request is answered.
func TestUploadsSpoolToTemporaryFiles(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	e := newEnv(t, server.Config{})
	w := newWork(t, e)
	spooled := func() []string {
		files, _ := filepath.Glob(filepath.Join(tmp, "gqlgen-*"))
		return files
	}
	for _, chunked := range []bool{false, true} {
		t.Run(fmt.Sprintf("chunked=%v", chunked), func(t *testing.T) {
			data := scanOf(2<<20, 3)
			var during []string
			r, _ := e.streamUpload(w.ssd, map[string]any{"id": w.caseID}, data, chunked, func() {
				// Half the file is sent: it must be on disk by now, or soon.
				waitFor(t, "the upload to be spooled to a temporary file", func() bool { during = spooled(); return len(during) > 0 })
			})
			if len(r.Errors) > 0 {
				t.Fatal(r.Errors)
			}
			if left := spooled(); len(left) > 0 {
				t.Errorf("temporary files left: %v", left)
			}
			if _, err := os.Stat(during[0]); !os.IsNotExist(err) {
				t.Errorf("the temporary file is still there: %v", err)
			}
		})
	}
}

// TestUploadsBeyondTheSlotsAreRefused: with every upload slot taken, an
// upload waits at most the configured time, then gets 503 with Retry-After
// and RATE_LIMITED, and writes nothing; the slot is free again once the
// upload holding it is answered.
func TestUploadsBeyondTheSlotsAreRefused(t *testing.T) {
	e := newEnv(t, server.Config{UploadSlots: 1, UploadWait: 1})
	w := newWork(t, e)
	// Hold the slot: the first upload blocks on writing its chunks.
	lock, err := e.db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := lock.Exec(`LOCK TABLE document_chunks IN SHARE MODE`); err != nil {
		t.Fatal(err)
	}
	first := make(chan *gqlResponse)
	go func() {
		first <- e.upload(w.ssd, uploadDoc, map[string]any{"id": w.caseID}, "first.png", pngBytes)
	}()
	waitFor(t, "the first upload to wait for the lock", func() bool {
		var n int
		_ = e.db.QueryRow(`SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO "document_chunks"%'`).Scan(&n)
		return n > 0
	})
	refused, header := e.streamUpload(w.ssd, map[string]any{"id": w.caseID}, pngBytes, false, func() {})
	if refused.Status != http.StatusServiceUnavailable || refused.code() != server.CodeRateLimited || header.Get("Retry-After") == "" {
		t.Errorf("an upload beyond the slots: %d %v, Retry-After %q", refused.Status, refused.Errors, header.Get("Retry-After"))
	}
	if err := lock.Rollback(); err != nil {
		t.Fatal(err)
	}
	if r := <-first; len(r.Errors) > 0 {
		t.Errorf("the upload holding the slot: %v", r.Errors)
	}
	if r := e.upload(w.ssd, uploadDoc, map[string]any{"id": w.caseID}, "third.png", pngBytes); len(r.Errors) > 0 {
		t.Errorf("an upload once the slot is free: %v", r.Errors)
	}
	var docs int
	if err := e.db.QueryRow(`SELECT count(*) FROM documents WHERE case_id = $1`, w.caseID).Scan(&docs); err != nil || docs != 2 {
		t.Errorf("%d documents (%v), want the first and the third", docs, err)
	}
}

// TestUploadFieldsBeyond1MiBAreRefused: the operations and the map are
// read into memory, so they may not take a file's allowance.
func TestUploadFieldsBeyond1MiBAreRefused(t *testing.T) {
	e := newEnv(t, server.Config{})
	w := newWork(t, e)
	long := `mutation($id: ID!, $t: String!, $file: Upload!) { uploadDocument(input: {caseID: $id, kind: SCAN, title: $t, file: $file}) { id } }`
	r := e.upload(w.ssd, long, map[string]any{"id": w.caseID, "t": strings.Repeat("x", 2<<20)}, "scan.png", pngBytes)
	if r.Status == http.StatusOK || len(r.Errors) == 0 {
		t.Errorf("2 MiB of operations: status %d, %v", r.Status, r.Errors)
	}
	var docs int
	if err := e.db.QueryRow(`SELECT count(*) FROM documents WHERE case_id = $1`, w.caseID).Scan(&docs); err != nil || docs != 0 {
		t.Errorf("%d documents (%v)", docs, err)
	}
}
