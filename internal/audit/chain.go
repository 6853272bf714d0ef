package audit

import (
	"crypto/sha256"
	"database/sql"
	"strconv"
	"time"
)

// The log is a hash chain per community (the trigger turbota_chain_audit
// of the migration 20261215400100_audit_chain_security.sql numbers and
// hashes each line as it is inserted, under a lock on its chain's head);
// lines without a community form the global chain, GlobalChain. Changes
// and access lines share their community's chain. A line's hash is
//
//	sha256(the previous line's hash, or 32 zero bytes before the first || canonical)
//
// where canonical is every column of the line in this order, each written
// as "<length in bytes>:<text>", or "-" for NULL:
//
//	id, community_id, chain_seq, occurred_at (microseconds since the Unix
//	epoch, decimal), actor_user_id, actor_api_client_id, action,
//	entity_type, entity_id, entity_ids, fields, changes (the jsonb columns
//	as PostgreSQL prints them), request_id.
//
// The database computes it on insert; Verify computes it again here, from
// the stored columns, so a changed function in the database cannot hide a
// change of the log.

// GlobalChain names the chain of the lines outside any community.
const GlobalChain = ""

// Line is one row of the log as the chain covers it.
type Line struct {
	ID, Community                        sql.NullString
	Seq                                  sql.NullInt64
	OccurredAt                           time.Time
	ActorUser, ActorAPIClient            sql.NullString
	Action, EntityType                   string
	EntityID, EntityIDs, Fields, Changes sql.NullString
	RequestID                            sql.NullString
	Hash                                 []byte
}

// lineColumns select a Line's columns, in Line.scan's order.
const lineColumns = `id::text, community_id, chain_seq, occurred_at, actor_user_id, actor_api_client_id, action, entity_type,
	entity_id, entity_ids::text, fields::text, changes::text, request_id, chain_hash`

func (l *Line) scan(rows *sql.Rows) error {
	return rows.Scan(&l.ID, &l.Community, &l.Seq, &l.OccurredAt, &l.ActorUser, &l.ActorAPIClient, &l.Action, &l.EntityType,
		&l.EntityID, &l.EntityIDs, &l.Fields, &l.Changes, &l.RequestID, &l.Hash)
}

// zeroHash comes before a chain's first line.
var zeroHash = make([]byte, sha256.Size)

// hashAt is the line's hash after prev, were it at place seq.
func (l *Line) hashAt(prev []byte, seq int64) []byte {
	h := sha256.New()
	h.Write(prev)
	b := make([]byte, 0, 512)
	b = field(b, l.ID)
	b = field(b, l.Community)
	b = appendText(b, strconv.FormatInt(seq, 10))
	b = appendText(b, strconv.FormatInt(l.OccurredAt.UnixMicro(), 10))
	for _, v := range []sql.NullString{l.ActorUser, l.ActorAPIClient} {
		b = field(b, v)
	}
	b = appendText(b, l.Action)
	b = appendText(b, l.EntityType)
	for _, v := range []sql.NullString{l.EntityID, l.EntityIDs, l.Fields, l.Changes, l.RequestID} {
		b = field(b, v)
	}
	h.Write(b)
	return h.Sum(nil)
}

func field(b []byte, v sql.NullString) []byte {
	if !v.Valid {
		return append(b, '-')
	}
	return appendText(b, v.String)
}

func appendText(b []byte, s string) []byte {
	b = strconv.AppendInt(b, int64(len(s)), 10)
	b = append(b, ':')
	return append(b, s...)
}
