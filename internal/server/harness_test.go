package server_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	"github.com/rs/zerolog"

	"github.com/turbota/turbota/authz"
	"github.com/turbota/turbota/ent"
	"github.com/turbota/turbota/internal/audit"
	"github.com/turbota/turbota/internal/auth"
	"github.com/turbota/turbota/internal/auth/secret"
	"github.com/turbota/turbota/internal/demo"
	"github.com/turbota/turbota/internal/platform/migration"
	"github.com/turbota/turbota/internal/platform/pqconn"
	"github.com/turbota/turbota/internal/platform/testdb"
	"github.com/turbota/turbota/internal/platform/testmail"
	"github.com/turbota/turbota/internal/reference/classifier"
	"github.com/turbota/turbota/internal/reference/territory"
	"github.com/turbota/turbota/internal/server"

	_ "github.com/turbota/turbota/ent/runtime"
)

// logs collects every log line of every test server, for the test that no
// personal data reaches them; a benchmark's hundreds of thousands of lines
// are written nowhere (discardLogs), as they would leave the process.
var (
	logs        = &syncBuffer{}
	discardLogs bool
)

type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func TestMain(m *testing.M) {
	secret.CheapHashingForTests()
	code := testdb.Main(m, prepare)
	testmail.Stop()
	os.Exit(code)
}

// prepare builds the template every test database is cloned from: schema,
// codifier, default policy, demo data and the isolation fixtures. Clones
// keep the IDs, so the fixtures recorded here hold in every test.
func prepare(ctx context.Context, dsn string) error {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := migration.Apply(ctx, db, zerolog.Nop()); err != nil {
		return err
	}
	client := newClient(db)
	if _, err := territory.Load(ctx, client); err != nil {
		return err
	}
	if err := authz.SyncDefaults(ctx, client); err != nil {
		return err
	}
	if err := classifier.LoadDefaults(ctx, client); err != nil {
		return err
	}
	if _, err := demo.Load(ctx, client, demo.DefaultPassword); err != nil {
		return err
	}
	return buildFixtures(ctx, client)
}

func newClient(db *sql.DB) *ent.Client { return newClientWith(db, nil) }

// newClientWith wraps the driver (to count statements, say).
func newClientWith(db *sql.DB, wrap func(dialect.Driver) dialect.Driver) *ent.Client {
	var drv dialect.Driver = entsql.OpenDB(dialect.Postgres, db)
	if wrap != nil {
		drv = wrap(drv)
	}
	c := ent.NewClient(ent.Driver(drv))
	audit.Install(c)
	return c
}

// env is one test's server over its own database.
type env struct {
	t      testing.TB
	url    string
	dsn    string // the test database, for benchmarks' own pools
	db     *sql.DB
	client *ent.Client
	authz  *authz.Authorizer
	auth   *auth.Service
	http   *http.Client // trusts the server's certificate when it serves https
	// accessLog is the server's access-log writer.
	accessLog *audit.Writer
}

var testKey = bytes.Repeat([]byte{7}, 32)

func newEnv(t testing.TB, cfg server.Config) *env {
	t.Helper()
	return newEnvWith(t, cfg, nil)
}

func newEnvWith(t testing.TB, cfg server.Config, wrap func(dialect.Driver) dialect.Driver) *env {
	t.Helper()
	return newEnvOpts(t, cfg, envOptions{wrap: wrap})
}

// envOptions vary a test server's database side.
type envOptions struct {
	wrap func(dialect.Driver) dialect.Driver
	// requestConns sizes the request pool (default 16).
	requestConns int
	// authDSN points sign-in and token checks elsewhere (a database that
	// is down); default the test's database.
	authDSN string
	// tls serves https (with httptest's certificate; env.http trusts it).
	tls bool
}

func newEnvOpts(t testing.TB, cfg server.Config, o envOptions) *env {
	t.Helper()
	dsn := testdb.New(t)
	if o.requestConns == 0 {
		o.requestConns = 16
	}
	// The pools the server command opens: requests, sign-in, aggregates.
	db, authDB, aggDB := openPool(t, dsn, o.requestConns, pqconn.Cached), openPool(t, dsn, 4, pqconn.Cached), openPool(t, dsn, 2, pqconn.PerCall)
	ctx := context.Background()
	client := newClientWith(db, o.wrap)
	z, err := authz.New(ctx, newClient(authDB))
	if err != nil {
		t.Fatal(err)
	}
	if o.authDSN != "" {
		authDB = openPool(t, o.authDSN, 4, pqconn.Cached)
	}
	sealer, err := secret.NewSealer(testKey)
	if err != nil {
		t.Fatal(err)
	}
	a := auth.New(newClient(authDB), sealer, auth.DefaultConfig())
	var out io.Writer = logs
	if discardLogs {
		out = io.Discard
	}
	log := zerolog.New(out).With().Timestamp().Logger()
	if cfg.Aggregates == nil {
		cfg.Aggregates = aggDB
	}
	if cfg.Health == nil {
		cfg.Health = aggDB
	}
	if cfg.AccessLog == nil {
		cfg.AccessLog = audit.NewWriter(openPool(t, dsn, 1, pqconn.Cached), zerolog.Nop(), 100_000)
		t.Cleanup(func() { _ = cfg.AccessLog.Close(context.Background()) })
	}
	srv := server.New(cfg, db, client, a, z, log)
	hs := httptest.NewUnstartedServer(srv.Handler())
	if o.tls {
		hs.StartTLS()
	} else {
		hs.Start()
	}
	t.Cleanup(hs.Close)
	return &env{t: t, url: hs.URL, dsn: dsn, db: db, client: client, authz: z, auth: a, http: hs.Client(), accessLog: cfg.AccessLog}
}

// openPool opens a bounded pool of the test's database.
func openPool(t testing.TB, dsn string, n int, plans pqconn.Plans) *sql.DB {
	t.Helper()
	db, err := pqconn.Open(dsn, plans)
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(n)
	db.SetMaxIdleConns(n)
	t.Cleanup(func() { db.Close() })
	return db
}

// gqlResponse is a GraphQL answer.
type gqlResponse struct {
	Status int
	Data   map[string]any `json:"data"`
	Errors []struct {
		Message    string         `json:"message"`
		Path       []any          `json:"path"`
		Extensions map[string]any `json:"extensions"`
	} `json:"errors"`
}

// code is the first error's code, or "" when there is none.
func (r *gqlResponse) code() string {
	if len(r.Errors) == 0 {
		return ""
	}
	c, _ := r.Errors[0].Extensions["code"].(string)
	return c
}

// do posts an operation with a bearer token ("" for anonymous).
func (e *env) do(token, query string, vars map[string]any) *gqlResponse {
	e.t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	return e.post(token, body, nil)
}

func (e *env) post(token string, body []byte, header http.Header) *gqlResponse {
	e.t.Helper()
	r, _ := e.postHeaders(token, body, header)
	return r
}

// postHeaders posts a body and returns the answer with its headers.
func (e *env) postHeaders(token string, body []byte, header http.Header) (*gqlResponse, http.Header) {
	e.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, e.url+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	for k, v := range header {
		req.Header[k] = v
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	out := &gqlResponse{Status: resp.StatusCode}
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		e.t.Fatalf("decode response (status %d): %v", resp.StatusCode, err)
	}
	e.syncAccessLog()
	return out, resp.Header
}

// syncAccessLog waits until the access lines of the reads answered so far
// are in the log (audit.Writer), for tests that read the log directly.
func (e *env) syncAccessLog() {
	if e.accessLog == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := e.accessLog.Sync(ctx); err != nil {
		e.t.Fatalf("access log: %v", err)
	}
}

const loginMutation = `mutation($e: String!, $p: String!, $t: String) {
  login(input: {email: $e, password: $p, totp: $t}) { token expiresAt viewer { user { id email } memberships { role } } }
}`

// login signs in and returns the bearer token.
func (e *env) login(email string) string {
	e.t.Helper()
	r := e.do("", loginMutation, map[string]any{"e": email, "p": demo.DefaultPassword})
	if len(r.Errors) > 0 {
		e.t.Fatalf("login %s: %v", email, r.Errors)
	}
	return str(r.Data, "login", "token")
}

// str digs a string out of nested JSON objects.
func str(m map[string]any, path ...string) string {
	var cur any = m
	for _, p := range path {
		obj, ok := cur.(map[string]any)
		if !ok {
			return ""
		}
		cur = obj[p]
	}
	s, _ := cur.(string)
	return s
}

// num digs a number out of nested JSON objects (0 if absent).
func num(m map[string]any, path ...string) float64 {
	var cur any = m
	for _, p := range path {
		obj, ok := cur.(map[string]any)
		if !ok {
			return 0
		}
		cur = obj[p]
	}
	n, _ := cur.(float64)
	return n
}

func contains(haystack, needle string) bool { return strings.Contains(haystack, needle) }

// String is the response's data as JSON, to look for IDs and values in.
func (r *gqlResponse) String() string {
	b, _ := json.Marshal(r.Data)
	return string(b)
}

// upload posts an operation as a GraphQL multipart request, with the file
// as the variable $file.
func (e *env) upload(token, query string, vars map[string]any, name string, data []byte) *gqlResponse {
	e.t.Helper()
	contentType, body := uploadBody(query, vars, name, data)
	return e.post(token, body, http.Header{"Content-Type": {contentType}})
}

// uploadBody is the multipart body of an operation with the file as $file.
func uploadBody(query string, vars map[string]any, name string, data []byte) (contentType string, body []byte) {
	if vars == nil {
		vars = map[string]any{}
	}
	vars["file"] = nil
	ops, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	_ = w.WriteField("operations", string(ops))
	_ = w.WriteField("map", `{"0": ["variables.file"]}`)
	fw, _ := w.CreateFormFile("0", name)
	_, _ = fw.Write(data)
	_ = w.Close()
	return w.FormDataContentType(), b.Bytes()
}
