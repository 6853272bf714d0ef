package audit

import (
	"entgo.io/ent/dialect/sql"
	"entgo.io/ent/dialect/sql/sqljson"

	"github.com/turbota/turbota/ent/auditevent"
	"github.com/turbota/turbota/ent/predicate"
	"github.com/turbota/turbota/ent/schema/pulid"
)

// AboutRecord selects the log's lines about one record: its changes, which
// name it in entity_id, and the READ lines of the operations that read it,
// which list it in entity_ids (a GIN index answers the containment).
func AboutRecord(id pulid.ID) predicate.AuditEvent {
	return func(s *sql.Selector) {
		s.Where(sql.Or(
			sql.EQ(s.C(auditevent.FieldEntityID), string(id)),
			sqljson.ValueContains(s.C(auditevent.FieldRecords), string(id)),
		))
	}
}
