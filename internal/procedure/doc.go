// Package procedure is the pure heart of Turbota's case management: the case
// state machine, the business rules a decision or closure must obey, the
// working-day calendar and the deadline rules. It has no HTTP, SQL or ent in
// it, so the API layer can call it from any transaction and the rules can be
// tested with plain values.
//
// Everything that the law or a government procedure may change (holidays,
// deadlines, outcome lists) is data with a documented default, never a
// constant buried in code: the procedure was replaced in January 2026
// (Cabinet of Ministers resolution No. 64) and may change again.
package procedure

// Label is a name shown in the UI, in Ukrainian (the default) and English.
type Label struct {
	UK string `json:"uk"`
	EN string `json:"en"`
}
