// Package migrations holds the versioned migrations in Atlas format: files
// generated from the ent schema (cmd/migrategen) and hand-written SQL for
// roles, row-level security and triggers, with atlas.sum guarding both.
package migrations

import "embed"

// FS is the migration directory.
//
//go:embed *.sql atlas.sum
var FS embed.FS
