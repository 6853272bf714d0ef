package procedure

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// RuleCode names a business rule a step broke. The API maps it to an error
// code and the UI to a message; the values never change once released.
type RuleCode string

// The business rules.
const (
	// RuleRefusalForbidden: services may not be refused where the case
	// records a threat to life or health, violence or child abuse.
	RuleRefusalForbidden RuleCode = "REFUSAL_FORBIDDEN"
	// RuleUrgentMeasuresRequired: an immediate threat needs urgent
	// protection measures.
	RuleUrgentMeasuresRequired RuleCode = "URGENT_MEASURES_REQUIRED"
	// RuleLegalBasisRequired: each urgent measure names its legal basis.
	RuleLegalBasisRequired RuleCode = "LEGAL_BASIS_REQUIRED"
	// RuleOutcomeRequired: a case is closed with an outcome from the list.
	RuleOutcomeRequired RuleCode = "OUTCOME_REQUIRED"
	// RuleUnknownSafetyResult: a safety assessment has one of the known results.
	RuleUnknownSafetyResult RuleCode = "UNKNOWN_SAFETY_RESULT"
	// RuleConsentRequired: data goes to another organisation only with the
	// family's consent in force, or by someone allowed to override it.
	RuleConsentRequired RuleCode = "CONSENT_REQUIRED"
	// RuleAlreadyAnswered: a referral is answered (or cancelled) once.
	RuleAlreadyAnswered RuleCode = "ALREADY_ANSWERED"
	// RuleApprovalPending: the step waits for a supervisor's approval.
	RuleApprovalPending RuleCode = "APPROVAL_PENDING"
	// RuleOpenWork: a case closes once its services have ended and its
	// referrals are answered.
	RuleOpenWork RuleCode = "OPEN_WORK"
	// RuleAlreadyEnded: a service or a team place ends once.
	RuleAlreadyEnded RuleCode = "ALREADY_ENDED"
	// RuleBudgetSpent: a programme issues no more vouchers than its budget allows.
	RuleBudgetSpent RuleCode = "BUDGET_SPENT"
	// RuleAlreadyIssued: a family holds one live voucher of a programme.
	RuleAlreadyIssued RuleCode = "ALREADY_ISSUED"
	// RuleSafetyAssessmentRequired: a case moves past the child safety
	// assessment (to the needs assessment, or closed as safe) only once one
	// is recorded.
	RuleSafetyAssessmentRequired RuleCode = "SAFETY_ASSESSMENT_REQUIRED"
	// RuleNeedsAssessmentRequired: a case goes to the decision only once a
	// needs assessment has taken effect (recorded and approved).
	RuleNeedsAssessmentRequired RuleCode = "NEEDS_ASSESSMENT_REQUIRED"
	// RuleDecisionRequired: a case is under accompaniment only by a decision
	// to provide services, and refused only by a decision to refuse them.
	RuleDecisionRequired RuleCode = "DECISION_REQUIRED"
	// RuleDecisionAlreadyMade: services are decided on once per case.
	RuleDecisionAlreadyMade RuleCode = "DECISION_ALREADY_MADE"
	// RulePlanSuperseded: an older plan version is neither approved nor
	// agreed once a newer one exists.
	RulePlanSuperseded RuleCode = "PLAN_SUPERSEDED"
	// RuleChildInDanger: a case that records a danger to the child (an
	// immediate threat found by any assessment, violence or abuse) takes
	// no shortcut: it does not close on the safety assessment, and is not
	// handed on before the child's safety is assessed.
	RuleChildInDanger RuleCode = "CHILD_IN_DANGER"
	// RuleAccompanimentRequired: accompaniment is extended only while a case
	// is under it, after the decision to provide services that opened it.
	RuleAccompanimentRequired RuleCode = "ACCOMPANIMENT_REQUIRED"
	// RuleExtensionLimit: accompaniment is extended at most as many times
	// as the case's rules allow.
	RuleExtensionLimit RuleCode = "EXTENSION_LIMIT"
	// RuleGatekeeping: a child goes into an institution only after a
	// comprehensive needs assessment and a decision of the commission on
	// the rights of the child, or in an emergency with the reason stated.
	RuleGatekeeping RuleCode = "GATEKEEPING_REQUIRED"
	// RuleUnknownCareForm: a placement names one of the forms of care.
	RuleUnknownCareForm RuleCode = "UNKNOWN_CARE_FORM"
	// RuleNotAChildOfTheCase: a placement or urgent measure names the
	// children of the case it is recorded on.
	RuleNotAChildOfTheCase RuleCode = "NOT_A_CHILD_OF_THE_CASE"
	// RuleTransferPending: a case whose transfer to another community awaits
	// that community's answer does not move until the answer (or the
	// sender's withdrawal): the receiver decides on the file as it was sent.
	RuleTransferPending RuleCode = "TRANSFER_PENDING"
	// RuleAccompanimentEnded: an extension dated after the accompaniment's
	// end (as the rules compute it from the decision to provide services and
	// the extensions before) extends nothing: a new accompaniment starts with
	// a new decision to provide services.
	RuleAccompanimentEnded RuleCode = "ACCOMPANIMENT_ENDED"
	// RuleTransferRequired: a case is TRANSFERRED only by a transfer that
	// names who takes it over and hands them the file (an organisation of
	// the community, or another community through its request).
	RuleTransferRequired RuleCode = "TRANSFER_REQUIRED"
	// RuleRecordChanged: a change written from a copy of a record (a
	// draft kept on a device while offline) is refused when someone else
	// changed the record since the copy was taken, so it overwrites nothing.
	RuleRecordChanged RuleCode = "RECORD_CHANGED"
)

// ruleMessages says in a sentence what each rule asks, for the person
// who broke it; Reasons add what in the case triggered it.
var ruleMessages = map[RuleCode]string{
	RuleRefusalForbidden:         "Services cannot be refused where the case records a threat to life or health, violence or child abuse.",
	RuleUrgentMeasuresRequired:   "An immediate threat to the child requires at least one urgent protection measure, each with its legal basis.",
	RuleLegalBasisRequired:       "Every urgent protection measure must state its legal basis.",
	RuleOutcomeRequired:          "A case is closed with an outcome from the list of its rules.",
	RuleUnknownSafetyResult:      "The safety assessment result is not one of the known results.",
	RuleConsentRequired:          "The family's consent in force for this recipient and purpose is required before sharing its data (a referral, a team place), unless the legal basis for going without is stated.",
	RuleAlreadyAnswered:          "This request has already been answered.",
	RuleApprovalPending:          "This step is waiting for a supervisor's approval.",
	RuleOpenWork:                 "The case still has open work: end its services and settle its referrals before closing it.",
	RuleAlreadyEnded:             "This has already ended.",
	RuleBudgetSpent:              "The programme's budget of vouchers is spent.",
	RuleAlreadyIssued:            "The family already holds a live voucher of this programme.",
	RuleSafetyAssessmentRequired: "A child safety assessment must be recorded before the case can move on.",
	RuleNeedsAssessmentRequired:  "A needs assessment must be recorded and approved before the case goes to the decision on services.",
	RuleDecisionRequired:         "A decision on services must be recorded first: providing services opens the accompaniment, refusing them refuses the case.",
	RuleDecisionAlreadyMade:      "Services have already been decided on for this case.",
	RulePlanSuperseded:           "A newer version of the plan exists: only the newest version can be approved or agreed.",
	RuleGatekeeping:              "A child is placed in an institution only after a comprehensive needs assessment and a decision of the commission on the rights of the child; in an emergency, state the reason (the placement is then reviewed).",
	RuleUnknownCareForm:          "The form of care is not one of the forms the law names.",
	RuleNotAChildOfTheCase:       "A placement concerns one of the case's children.",
	RuleChildInDanger:            "The case records a danger to the child: it goes through the needs assessment and the decision on services, and is handed on only once the child's safety is assessed.",
	RuleAccompanimentRequired:    "Accompaniment can be extended only while the case is under accompaniment, by a decision taken after the decision to provide services.",
	RuleExtensionLimit:           "The accompaniment has been extended as many times as the rules allow.",
	RuleAccompanimentEnded:       "The accompaniment had already ended on the date of the extension: a new accompaniment starts with a new decision to provide services.",
	RuleTransferRequired:         "A case is transferred only to someone who takes it over: name the organisation of the community, or request the transfer to another community.",
	RuleTransferPending:          "The case awaits the answer of the community it is being transferred to: withdraw the request to go on working on it here.",
	RuleRecordChanged:            "The record was changed by someone else since this draft was started: compare the two and keep one.",
}

// Message is the rule as a sentence.
func (c RuleCode) Message() string {
	if m, ok := ruleMessages[c]; ok {
		return m
	}
	return "The step breaks the rule " + string(c) + "."
}

// Conflict reports whether the rule conflicts with the facts already
// recorded, rather than with what the request itself says.
func (c RuleCode) Conflict() bool {
	switch c {
	case RuleRefusalForbidden, RuleConsentRequired, RuleAlreadyAnswered, RuleAlreadyEnded, RuleApprovalPending, RuleOpenWork,
		RuleBudgetSpent, RuleAlreadyIssued, RuleSafetyAssessmentRequired, RuleNeedsAssessmentRequired,
		RuleDecisionRequired, RuleDecisionAlreadyMade, RulePlanSuperseded, RuleChildInDanger,
		RuleAccompanimentRequired, RuleExtensionLimit, RuleGatekeeping, RuleTransferPending, RuleAccompanimentEnded,
		RuleTransferRequired, RuleRecordChanged:
		return true
	}
	return false
}

// RuleError is a step refused by a business rule. Reasons say what in the
// case triggered the rule (e.g. the categories recorded), for the message.
type RuleError struct {
	Code    RuleCode
	Reasons []string
}

// Error is a readable sentence (the code travels separately, e.g. in the
// API's extensions), followed by the reasons.
func (e *RuleError) Error() string {
	if len(e.Reasons) == 0 {
		return e.Code.Message()
	}
	return fmt.Sprintf("%s: %s.", strings.TrimSuffix(e.Code.Message(), "."), strings.Join(e.Reasons, "; "))
}

// Is matches another *RuleError with the same code, so callers can write
// errors.Is(err, &RuleError{Code: RuleRefusalForbidden}).
func (e *RuleError) Is(target error) bool {
	var t *RuleError
	return errors.As(target, &t) && t.Code == e.Code
}

// SafetyResult is the result of the child safety assessment.
type SafetyResult string

// The safety assessment results.
const (
	SafetySafe            SafetyResult = "SAFE"
	SafetyDangerPresent   SafetyResult = "DANGER_PRESENT"
	SafetyImmediateThreat SafetyResult = "IMMEDIATE_THREAT"
)

var safetyLabels = map[SafetyResult]Label{
	SafetySafe:            {UK: "Дитина в безпеці", EN: "Safe"},
	SafetyDangerPresent:   {UK: "Наявна небезпека", EN: "Danger present"},
	SafetyImmediateThreat: {UK: "Безпосередня загроза життю чи здоров'ю дитини", EN: "Immediate threat to life or health"},
}

// Label names the result for the UI.
func (r SafetyResult) Label() Label {
	if l, ok := safetyLabels[r]; ok {
		return l
	}
	return Label{UK: string(r), EN: string(r)}
}

// UrgentMeasure is a protection measure taken on an immediate threat
// (removing the child, placing it safely, ...). Only what the rules check is
// here; the API layer keeps the rest (where the child is, who decided).
type UrgentMeasure struct {
	Kind       string
	LegalBasis string
}

// CheckSafetyAssessment enforces that an immediate threat is answered by at
// least one urgent measure and that every measure names its legal basis:
// removing a child is lawful only on a stated basis, so none may be recorded
// without one.
func CheckSafetyAssessment(result SafetyResult, measures []UrgentMeasure) error {
	if _, ok := safetyLabels[result]; !ok {
		return &RuleError{Code: RuleUnknownSafetyResult, Reasons: []string{string(result)}}
	}
	if result == SafetyImmediateThreat && len(measures) == 0 {
		return &RuleError{Code: RuleUrgentMeasuresRequired}
	}
	var missing []string
	for i, m := range measures {
		if strings.TrimSpace(m.LegalBasis) == "" {
			missing = append(missing, fmt.Sprintf("measure %d (%s)", i+1, m.Kind))
		}
	}
	if len(missing) > 0 {
		return &RuleError{Code: RuleLegalBasisRequired, Reasons: missing}
	}
	return nil
}

// RefusalFacts is what the case records that bears on a refusal.
type RefusalFacts struct {
	Categories []Category
	// SafetyResults are the results of every safety assessment of the case:
	// one immediate threat, even if later resolved, is recorded.
	SafetyResults []SafetyResult
	// NeedsRatings are the ratings of every side of every needs assessment
	// of the case: a CRITICAL one is a threat to life or health found there
	// (a diabetic child without insulin).
	NeedsRatings []string
}

// RatingCritical is the needs-assessment rating of a threat to the child's
// life or health.
const RatingCritical = "CRITICAL"

// Dangers are what the case records of a danger to the child, as reasons:
// an immediate threat found by a safety assessment (kept once found, even
// if later resolved) or a critical rating in a needs assessment, and
// categories of violence or abuse. None: the child is not known to be in
// danger.
func (f RefusalFacts) Dangers() []string {
	var reasons []string
	if slices.Contains(f.SafetyResults, SafetyImmediateThreat) || slices.Contains(f.NeedsRatings, RatingCritical) {
		reasons = append(reasons, "threat to life or health")
	}
	for _, c := range f.Categories {
		if c.IsViolence() && !slices.Contains(reasons, "category "+string(c)) {
			reasons = append(reasons, "category "+string(c))
		}
	}
	return reasons
}

// DangerFound tells whether the case records any danger to a child: every
// danger that bars a refusal (Dangers) and, beyond them, a safety
// assessment that found the child in danger without an immediate threat.
// A receiving community reads this before it may read the case.
func (f RefusalFacts) DangerFound() bool {
	return len(f.Dangers()) > 0 || slices.Contains(f.SafetyResults, SafetyDangerPresent)
}

// CheckRefusal enforces that the social protection department does not
// refuse services where the case records an obvious threat to life or
// health, domestic or gender-based violence or child abuse.
func CheckRefusal(f RefusalFacts) error {
	if reasons := f.Dangers(); len(reasons) > 0 {
		return &RuleError{Code: RuleRefusalForbidden, Reasons: reasons}
	}
	return nil
}

// Outcome is why a case was closed.
type Outcome string

// The default outcomes. The list in force is configuration (RuleSet.Outcomes):
// these constants only name the defaults.
const (
	OutcomeGoalsAchieved   Outcome = "GOALS_ACHIEVED"
	OutcomeFamilyMoved     Outcome = "FAMILY_MOVED"
	OutcomeServicesRefused Outcome = "SERVICES_REFUSED"
	OutcomeChildPlaced     Outcome = "CHILD_PLACED"
	OutcomeTransferred     Outcome = "TRANSFERRED"
	OutcomeOther           Outcome = "OTHER"
)

// OutcomeOption is one entry of the configurable outcome list.
type OutcomeOption struct {
	Code  Outcome `json:"code"`
	Label Label   `json:"label"`
}

// CheckClosure enforces that a case is closed with an outcome from the list
// in force, so the closure statistics add up.
func CheckClosure(outcome Outcome, allowed []OutcomeOption) error {
	for _, o := range allowed {
		if o.Code == outcome {
			return nil
		}
	}
	if outcome == "" {
		return &RuleError{Code: RuleOutcomeRequired}
	}
	return &RuleError{Code: RuleOutcomeRequired, Reasons: []string{"unknown outcome " + string(outcome)}}
}
