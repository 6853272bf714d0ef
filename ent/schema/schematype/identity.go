// Package schematype holds value types stored in JSON columns. It imports
// nothing of ent, so generated code can use it without an import cycle.
package schematype

// IdentityDocument is one document that identifies a person.
type IdentityDocument struct {
	// Kind: BIRTH_CERTIFICATE, PASSPORT, ID_CARD, RNOKPP, IDP_CERTIFICATE, OTHER.
	Kind   string `json:"kind"`
	Number string `json:"number"`
	Issued string `json:"issued,omitempty"` // YYYY-MM-DD
}
