package authz

import (
	"strings"
	"unicode"
)

// Objects are the entity types the policy speaks of.
var Objects = []string{
	"community", "organization", "user", "membership", "api_client",
	"policy_rule", "audit_event", "family", "person", "relationship", "report", "case_file", "case_event", "safety_assessment", "needs_assessment", "decision", "placement", "placement_override", "plan", "plan_review", "violence_case",
	"referral", "referral_override", "consent", "team_member", "service_provision", "activity", "case_access",
	"document", "commission_session", "approval", "self_approval", "notification", "calendar_year", "indicator", "deidentified_case", "provider_service", "emergency_access", "voucher_programme", "voucher",
	"saved_filter", "case_assignment", "case_transfer",
	"staff_position", "training_programme", "training_event", "training_enrolment", "certificate",
	"working_group", "working_group_member", "working_group_meeting", "working_group_action", "working_group_document",
	"working_group_activity",
	"supervision_session", "supervision_journal",
	"document_number", "document_counter",
}

// Object maps an ent type name ("APIClient", "AuditEvent") to its policy
// object name ("api_client", "audit_event").
func Object(entType string) string {
	var b strings.Builder
	runes := []rune(entType)
	for i, r := range runes {
		if unicode.IsUpper(r) && i > 0 && (unicode.IsLower(runes[i-1]) ||
			(i+1 < len(runes) && unicode.IsLower(runes[i+1]))) {
			b.WriteByte('_')
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}
