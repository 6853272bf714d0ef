package audit_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/lib/pq"

	"github.com/turbota/turbota/ent/auditevent"
	"github.com/turbota/turbota/ent/schema/pulid"
	"github.com/turbota/turbota/internal/audit"
	"github.com/turbota/turbota/tenant"
)

// What the chain costs, measured against the same log with the trigger
// off ("unchained", the log before the chain):
//
//   - BenchmarkAccessLogBatch: one statement of the access-log writer
//     (audit.Writer), a batch of 32 operations of 3 reads each in one
//     community, as turbota_append_reads is called;
//   - BenchmarkChangeLines: parallel writers of change lines (2 lines a
//     transaction) into one community, where they wait for each other on
//     the chain's head, and each into its own community, where they do
//     not: the difference is the contention.
func BenchmarkAccessLogBatch(b *testing.B) {
	for _, chained := range []bool{false, true} {
		b.Run(chainedName(chained), func(b *testing.B) {
			l := newLog(b)
			l.chain(chained)
			const ops, reads = 32, 3
			var at []time.Time
			var users, clients, requests, ids, typs, eids, communities []string
			var entries []int
			for o := 1; o <= ops; o++ {
				at = append(at, time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC))
				users, clients, requests = append(users, "US01BENCHUSER000000000000001"), append(clients, ""), append(requests, "req")
				ids = append(ids, "")
				for r := 0; r < reads; r++ {
					entries, typs = append(entries, o), append(typs, "Person")
					eids, communities = append(eids, fmt.Sprintf("PE%026d", o*reads+r)), append(communities, communityA)
				}
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				for o := range ids {
					ids[o] = string(pulid.MustNew("AU"))
				}
				if _, err := l.db.Exec(`SELECT turbota_append_reads($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[], $8::text[], $9::text[])`,
					pq.Array(at), pq.Array(users), pq.Array(clients), pq.Array(requests), pq.Array(ids), pq.Array(entries),
					pq.Array(typs), pq.Array(eids), pq.Array(communities)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkChangeLines(b *testing.B) {
	for _, chained := range []bool{false, true} {
		for _, shared := range []bool{true, false} {
			name := chainedName(chained) + "/own-community"
			if shared {
				name = chainedName(chained) + "/one-community"
			}
			b.Run(name, func(b *testing.B) {
				l := newLog(b)
				l.chain(chained)
				var n atomic.Int64
				b.SetParallelism(4) // 4 × GOMAXPROCS writers
				b.ResetTimer()
				b.RunParallel(func(pb *testing.PB) {
					community := pulid.ID(communityA)
					if !shared {
						community = pulid.ID(fmt.Sprintf("CM%026d", n.Add(1)))
					}
					for pb.Next() {
						es := []audit.Event{{Action: auditevent.ActionUPDATE, Community: community, EntityType: "Person"},
							{Action: auditevent.ActionREAD, Community: community, EntityType: "Family"}}
						if err := audit.Write(tenant.SystemContext(context.Background()), l.client, es...); err != nil {
							b.Fatal(err)
						}
					}
				})
			})
		}
	}
}

func chainedName(chained bool) string {
	if chained {
		return "chained"
	}
	return "unchained"
}

// chain turns the chain's trigger on or off.
func (l *logDB) chain(on bool) {
	if on {
		l.exec(`ALTER TABLE audit_events ENABLE TRIGGER chain_audit`)
	} else {
		l.exec(`ALTER TABLE audit_events DISABLE TRIGGER chain_audit`)
	}
}
