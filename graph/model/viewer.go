package model

import "github.com/turbota/turbota/tenant"

// Viewer wraps the request's viewer; its fields are resolved on demand.
type Viewer struct {
	V                      *tenant.Viewer
	TotpEnrollmentRequired bool
}
