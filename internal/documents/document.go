// Package documents lays out the official documents of a case (the acts of
// the safety and needs assessments, the individual plan, decisions) and the
// voucher certificate: the issuing body's letterhead, a registration number,
// the title, the record's content a reader needs, and the signatories by
// role. The same layout is printed by the browser and rendered as PDF here.
//
// The layouts are neutral: the exact official forms of these documents
// (form numbers, codes, mandatory wording) could not be checked against a
// primary legal source when this was written, so none is claimed or
// imitated; the content follows DOMAIN.md and the model.
package documents

import (
	"time"

	"github.com/turbota/turbota/ent/schema/pulid"
)

// Kind names an official document type, as the download path spells it.
type Kind string

// The documents that can be issued.
const (
	SafetyAct Kind = "safety-act" // act of the child safety assessment
	NeedsAct  Kind = "needs-act"  // act of the needs assessment
	Plan      Kind = "plan"       // individual plan
	Decision  Kind = "decision"   // a decision of the social protection department or the guardianship body
	Voucher   Kind = "voucher"    // the voucher certificate
)

// Kinds are the documents in the order the app lists them.
var Kinds = []Kind{SafetyAct, NeedsAct, Plan, Decision, Voucher}

// Valid reports whether k names a document.
func (k Kind) Valid() bool {
	for _, x := range Kinds {
		if x == k {
			return true
		}
	}
	return false
}

// Document is an official document laid out for print.
type Document struct {
	Kind      Kind       `json:"kind"`
	SubjectID pulid.ID   `json:"-"` // the record printed
	Community pulid.ID   `json:"-"`
	Issuer    Letterhead `json:"issuer"`
	Title     string     `json:"title"`
	Number    string     `json:"number"` // the registration number; "" when not issued (yet)
	Date      time.Time  `json:"date"`   // the day of issue
	Sections  []Section  `json:"sections"`
	Signers   []Signer   `json:"signers"`
}

// Letterhead is the issuing body as its documents are headed.
type Letterhead struct {
	OrganizationID pulid.ID `json:"-"`
	ParentBody     string   `json:"parentBody"`
	Name           string   `json:"name"`
	Address        string   `json:"address"`
	EDRPOU         string   `json:"edrpou"`
	Phone          string   `json:"phone"`
	Email          string   `json:"email"`
}

// Section is a titled part of the body: label–value rows, then paragraphs.
type Section struct {
	Heading    string   `json:"heading"`
	Rows       []Row    `json:"rows"`
	Paragraphs []string `json:"paragraphs"`
}

// Row is a labelled value.
type Row struct {
	Label string `json:"label"`
	Value string `json:"value"`
}

// Signer is a signature line: who signs by role, and their name when known.
type Signer struct {
	Role string `json:"role"` // e.g. «Фахівець із соціальної роботи»
	Name string `json:"name"` // printed over the line; blank to be filled in by hand
}
