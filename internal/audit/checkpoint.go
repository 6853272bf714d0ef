package audit

import (
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"strconv"
	"time"
)

// A Checkpoint is a chain's head (its last sequence number and hash)
// signed with the operator's Ed25519 key, which the database does not
// hold: whoever rewrites the log in the database cannot sign its new head,
// so every line up to a checkpoint is fixed by it. Exported (turbota audit
// checkpoints), checkpoints can be held by an outside party and given back
// to verify, so deleting them from the database hides nothing either.
type Checkpoint struct {
	Chain     string    `json:"chain"` // community ID, or GlobalChain
	Seq       int64     `json:"seq"`
	Hash      HexBytes  `json:"hash"`
	SignedAt  time.Time `json:"signed_at"`
	KeyID     string    `json:"key_id"`
	Signature HexBytes  `json:"signature"`
}

// HexBytes are bytes written as hex in JSON.
type HexBytes []byte

// MarshalText writes b as hex.
func (b HexBytes) MarshalText() ([]byte, error) { return []byte(hex.EncodeToString(b)), nil }

// UnmarshalText reads hex.
func (b *HexBytes) UnmarshalText(t []byte) error {
	v, err := hex.DecodeString(string(t))
	*b = v
	return err
}

// message is what a checkpoint's signature signs: a fixed, versioned text.
func (c Checkpoint) message() []byte {
	return []byte("turbota-audit-checkpoint/v1\n" + c.Chain + "\n" + strconv.FormatInt(c.Seq, 10) + "\n" +
		hex.EncodeToString(c.Hash) + "\n" + strconv.FormatInt(c.SignedAt.UnixMicro(), 10) + "\n")
}

// Valid tells whether pub signed c.
func (c Checkpoint) Valid(pub ed25519.PublicKey) bool {
	return len(c.Signature) == ed25519.SignatureSize && ed25519.Verify(pub, c.message(), c.Signature)
}

// SigningKey is the operator's checkpoint key from its 32-byte seed (see
// secret.LoadOrCreateKey for the file that holds it).
func SigningKey(seed []byte) (ed25519.PrivateKey, error) {
	if len(seed) != ed25519.SeedSize {
		return nil, fmt.Errorf("audit: the checkpoint key must be %d bytes, not %d", ed25519.SeedSize, len(seed))
	}
	return ed25519.NewKeyFromSeed(seed), nil
}

// KeyID names a public key: the first 8 bytes of its SHA-256, in hex.
func KeyID(pub ed25519.PublicKey) string {
	sum := sha256.Sum256(pub)
	return hex.EncodeToString(sum[:8])
}

// Sign makes the checkpoint of a chain's head at now.
func Sign(key ed25519.PrivateKey, chain string, seq int64, hash []byte, now time.Time) Checkpoint {
	c := Checkpoint{Chain: chain, Seq: seq, Hash: hash, SignedAt: now.UTC().Truncate(time.Microsecond),
		KeyID: KeyID(key.Public().(ed25519.PublicKey))}
	c.Signature = ed25519.Sign(key, c.message())
	return c
}

// CheckpointBatch is how many chains one step of MakeCheckpoints signs.
const CheckpointBatch = 200

// MakeCheckpoints signs the head of every chain that grew since its last
// checkpoint, CheckpointBatch chains to a transaction, until none is left
// or ctx ends; it returns how many it signed. db must be the owner's pool
// (the application role has no rights on the chain's tables).
func MakeCheckpoints(ctx context.Context, db *sql.DB, key ed25519.PrivateKey, now time.Time) (int, error) {
	total := 0
	for {
		n, err := checkpointBatch(ctx, db, key, now)
		total += n
		if err != nil || n < CheckpointBatch {
			return total, err
		}
	}
}

// grownHeads are the heads past their chain's last checkpoint. A head's
// row changes in the transaction that appends, so its committed state is
// always that of committed lines.
const grownHeads = `SELECT h.chain, h.seq, h.hash FROM audit_chain_heads h
	WHERE h.seq > coalesce((SELECT max(c.seq) FROM audit_checkpoints c WHERE c.chain = h.chain), 0)
	ORDER BY h.chain LIMIT $1`

func checkpointBatch(ctx context.Context, db *sql.DB, key ed25519.PrivateKey, now time.Time) (int, error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer func() { _ = tx.Rollback() }()
	rows, err := tx.QueryContext(ctx, grownHeads, CheckpointBatch)
	if err != nil {
		return 0, err
	}
	var cps []Checkpoint
	for rows.Next() {
		var c Checkpoint
		if err := rows.Scan(&c.Chain, &c.Seq, (*[]byte)(&c.Hash)); err != nil {
			rows.Close()
			return 0, err
		}
		cps = append(cps, Sign(key, c.Chain, c.Seq, c.Hash, now))
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	for _, c := range cps {
		if _, err := tx.ExecContext(ctx, `INSERT INTO audit_checkpoints (chain, seq, hash, signed_at, key_id, signature)
			VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (chain, seq) DO NOTHING`,
			c.Chain, c.Seq, []byte(c.Hash), c.SignedAt, c.KeyID, []byte(c.Signature)); err != nil {
			return 0, err
		}
	}
	return len(cps), tx.Commit()
}

// checkpointColumns select a Checkpoint, in scanCheckpoint's order.
const checkpointColumns = `chain, seq, hash, signed_at, key_id, signature`

func scanCheckpoint(rows *sql.Rows) (Checkpoint, error) {
	var c Checkpoint
	err := rows.Scan(&c.Chain, &c.Seq, (*[]byte)(&c.Hash), &c.SignedAt, &c.KeyID, (*[]byte)(&c.Signature))
	return c, err
}

// ExportCheckpoints calls fn with every checkpoint (of one community's
// chain when community is not nil), oldest first per chain.
func ExportCheckpoints(ctx context.Context, db *sql.DB, community *string, fn func(Checkpoint) error) error {
	rows, err := db.QueryContext(ctx, `SELECT `+checkpointColumns+` FROM audit_checkpoints
		WHERE $1::text IS NULL OR chain = $1 ORDER BY chain, seq`, community)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		c, err := scanCheckpoint(rows)
		if err != nil {
			return err
		}
		if err := fn(c); err != nil {
			return err
		}
	}
	return rows.Err()
}
