package apidoc

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"unicode"

	"entgo.io/ent/entc/gen"
	"github.com/vektah/gqlparser/v2/ast"
)

// labelSets names, for each generated enumeration, the group of the web
// app's English labels (web/src/i18n/en.json) that names its values: the
// app and the API describe a value in the same words, and a value without
// an English label fails the schema test as well as the app's own.
var labelSets = map[string]string{
	"APIClientRole": "roles", "InvitationRole": "roles", "MembershipRole": "roles", "PolicyRuleRole": "roles",
	"ActivityKind": "activityKind", "ApprovalStatus": "approvalStatus", "ApprovalSubjectKind": "approvalKind",
	"AuditEventAction": "auditAction", "CareEndReason": "careEnd", "CareForm": "careForm",
	"CaseEventKind": "event", "CaseStatus": "caseStatus", "CaseTransferStatus": "transferStatus",
	"CommunityKind": "communityKind", "ConsentPurpose": "consent.purposes", "ConsentRecipientKind": "orgKind",
	"DecisionBody": "decisionBody", "DecisionKind": "decisionKind", "DocumentKind": "documentKind",
	"FamilyDisplacementStatus": "displacement", "NeedsAssessmentKind": "needsKind", "NotificationKind": "notification",
	"OrganizationKind": "orgKind", "PersonDisability": "disability", "PersonKind": "personKind",
	"PersonParentalCareStatus": "parentalCare", "PersonSex": "sex", "PolicyRuleEffect": "effect",
	"ReferralStatus": "referralStatus", "RelationshipKind": "relationship", "ReportSource": "source",
	"ReportStatus": "reportStatus", "ReportUrgency": "urgency", "SafetyResult": "safetyResult",
	"ServiceProvisionStatus": "serviceStatus", "VoucherStatus": "voucherStatus",
	"StaffPositionKind": "workforce.kind", "TrainingProgrammeFormat": "workforce.format", "CertificateKind": "workforce.certificateKind",
	"WorkingGroupMemberRole": "groups.role", "WorkingGroupActionStatus": "groups.actionStatus",
	"WorkingGroupDocumentKind": "groups.documentKind",
	"SupervisionSessionKind":   "supervisionJournal.kind", "SupervisionSessionFormat": "supervisionJournal.format",
	"SupervisionSessionSupervisorKind": "supervisionJournal.supervisorKind",
}

// valueDocs word the values the app has no label for.
var valueDocs = map[string]string{
	"CaseAccessReason.REFERRAL":       "An accepted referral of the case to the organisation.",
	"CaseAccessReason.DECISION":       "A decision naming the organisation as the provider.",
	"CaseAccessReason.TEAM":           "A place on the case's multidisciplinary team.",
	"CaseAccessReason.MANAGER":        "The user manages the case.",
	"CaseAccessReason.SERVICE":        "The organisation provides a service within the case.",
	"CaseAccessReason.TRANSFER":       "The case was transferred to the organisation.",
	"InvitationStatus.PENDING":        "Not answered yet.",
	"InvitationStatus.ACCEPTED":       "Accepted: the person holds the role.",
	"InvitationStatus.DECLINED":       "Declined.",
	"PolicyRuleRole.EMERGENCY_READER": "An overseer reading one case through a break-the-glass access.",
	"PolicyRuleRole.GROUP_MEMBER":     "A member of a working group, reading that group (lent by the place in the group).",
	"PolicyRuleRole.GROUP_SECRETARY":  "The secretary of a working group, keeping that group's meetings, action items and documents.",
	"RegionKind.OBLAST":               "An oblast (область).",
	"RegionKind.SPECIAL_CITY":         "A city with special status (Kyiv).",
	"ServiceTypeGroup.SIMPLE":         "A simple social service of the classifier.",
	"ServiceTypeGroup.COMPLEX":        "A complex social service of the classifier.",
}

// EnumValues returns a schema hook that describes the values of the
// generated enumerations from the app's English labels at path.
func EnumValues(path string) func(*gen.Graph, *ast.Schema) error {
	return func(_ *gen.Graph, s *ast.Schema) error {
		raw, err := os.ReadFile(path)
		if err != nil {
			return fmt.Errorf("apidoc: read labels: %w", err)
		}
		var labels map[string]any
		if err := json.Unmarshal(raw, &labels); err != nil {
			return fmt.Errorf("apidoc: parse labels: %w", err)
		}
		for name, def := range s.Types {
			if def.Kind != ast.Enum {
				continue
			}
			for _, v := range def.EnumValues {
				if v.Description != "" {
					continue
				}
				if d := valueDocs[name+"."+v.Name]; d != "" {
					v.Description = d
				} else if set, ok := labelSets[name]; ok {
					v.Description = sentence(label(labels, set+"."+v.Name))
				}
			}
		}
		return nil
	}
}

// label is the text at a dotted key of the labels, "" if none.
func label(labels map[string]any, key string) string {
	var cur any = labels
	for _, part := range strings.Split(key, ".") {
		m, ok := cur.(map[string]any)
		if !ok {
			return ""
		}
		cur = m[part]
	}
	s, _ := cur.(string)
	return s
}

// sentence makes a label a description: capitalised, with a full stop.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	r := []rune(s)
	r[0] = unicode.ToUpper(r[0])
	if !strings.ContainsRune(".!?", r[len(r)-1]) {
		r = append(r, '.')
	}
	return string(r)
}
