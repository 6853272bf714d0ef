package migration

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"testing"

	_ "github.com/lib/pq"

	"github.com/turbota/turbota/internal/platform/testdb"
)

func TestMain(m *testing.M) {
	// A blank template: each test applies the migrations it needs.
	os.Exit(testdb.Main(m, func(context.Context, string) error { return nil }))
}

// chunksVersion is the migration that moves document_contents into chunks.
const chunksVersion = "20261206100001"

// applyWhile applies the migrations, oldest first, while their version
// satisfies more.
func applyWhile(t *testing.T, conn *sql.Conn, more func(version string) bool) {
	t.Helper()
	ctx := context.Background()
	files, err := Files()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(ctx, createRevisions); err != nil {
		t.Fatal(err)
	}
	done, err := applied(ctx, conn)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if !more(f.Version) {
			return
		}
		if _, ok := done[f.Version]; ok {
			continue
		}
		if err := applyFile(ctx, conn, f); err != nil {
			t.Fatal(err)
		}
	}
}

// TestFilesStoredWholeMoveIntoChunks: the files stored before chunks come
// out of the migration byte for byte, in pieces of at most 256 KiB.
func TestFilesStoredWholeMoveIntoChunks(t *testing.T) {
	ctx := context.Background()
	db, err := sql.Open("postgres", testdb.New(t))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var super bool
	if err := conn.QueryRowContext(ctx, `SELECT rolsuper FROM pg_roles WHERE rolname = current_user`).Scan(&super); err != nil {
		t.Fatal(err)
	}
	if !super {
		t.Skip("loading documents without their cases needs a superuser (session_replication_role)")
	}
	applyWhile(t, conn, func(v string) bool { return v < chunksVersion })

	const chunk = 256 << 10
	files := map[string][]byte{}
	// The documents' cases and the community's region are left out: their
	// references are not what this migration is about.
	mustExec(t, conn, `SET session_replication_role = replica`)
	community := "CM" + fmt.Sprintf("%026d", 1)
	mustExec(t, conn, `INSERT INTO communities (id, created_at, updated_at, katottg_code, name, kind, region_id)
		VALUES ($1, now(), now(), 'UA0', 'Громада', 'URBAN', 'RG00000000000000000000000001')`, community)
	for i, size := range []int{1, chunk - 1, chunk, chunk + 1, 3*chunk + 5} {
		id := fmt.Sprintf("DO%026d", i)
		data := make([]byte, size)
		r := rand.New(rand.NewPCG(uint64(i), 9))
		for j := range data {
			data[j] = byte(r.Uint32())
		}
		files[id] = data
		mustExec(t, conn, `INSERT INTO documents (id, created_at, updated_at, kind, title, file_name, content_type, size, sha256, case_id, community_id)
			VALUES ($1, now(), now(), 'SCAN', 't', 'f.png', 'image/png', $2, '', 'CF00000000000000000000000001', $3)`, id, size, community)
		mustExec(t, conn, `INSERT INTO document_contents (id, data, document_id, community_id) VALUES ($4, $1, $2, $3)`,
			data, id, community, fmt.Sprintf("DB%026d", i))
	}
	mustExec(t, conn, `SET session_replication_role = origin`)

	applyWhile(t, conn, func(v string) bool { return v <= chunksVersion })
	for id, want := range files {
		var got []byte
		var pieces, largest int
		err := conn.QueryRowContext(ctx, `SELECT string_agg(data, ''::bytea ORDER BY seq), count(*), max(length(data))
			FROM document_chunks WHERE document_id = $1 AND community_id = $2`, id, community).Scan(&got, &pieces, &largest)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) || pieces != (len(want)+chunk-1)/chunk || largest > chunk {
			t.Errorf("%d bytes became %d in %d chunks of at most %d", len(want), len(got), pieces, largest)
		}
	}
	var gone bool
	if err := conn.QueryRowContext(ctx, `SELECT to_regclass('document_contents') IS NULL`).Scan(&gone); err != nil || !gone {
		t.Errorf("document_contents is still there (%v)", err)
	}
}

func mustExec(t *testing.T, conn *sql.Conn, q string, args ...any) {
	t.Helper()
	if _, err := conn.ExecContext(context.Background(), q, args...); err != nil {
		t.Fatal(err)
	}
}
