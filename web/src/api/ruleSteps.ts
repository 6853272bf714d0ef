/**
 * Where a worker fixes what a broken rule says is missing: a tab of the
 * case (with the section to scroll to) or a page of the app. `null`: the
 * rule is about the form the worker is filling in, which already shows it.
 * Every rule code of the server's RuleCode enumeration has an entry (a test
 * reads the SDL), so a new rule cannot ship without its way out.
 */
export type RuleStep = { tab: string; anchor?: string } | { page: string } | null;

export const ruleSteps: Record<string, RuleStep> = {
  REFUSAL_FORBIDDEN: { tab: 'needs' },
  URGENT_MEASURES_REQUIRED: null,
  LEGAL_BASIS_REQUIRED: null,
  OUTCOME_REQUIRED: null,
  UNKNOWN_SAFETY_RESULT: null,
  CONSENT_REQUIRED: { tab: 'referrals', anchor: 'consent-h' },
  ALREADY_ANSWERED: null,
  APPROVAL_PENDING: { page: '/approvals' },
  OPEN_WORK: { tab: 'services' },
  ALREADY_ENDED: null,
  BUDGET_SPENT: null,
  ALREADY_ISSUED: null,
  SAFETY_ASSESSMENT_REQUIRED: { tab: 'safety' },
  NEEDS_ASSESSMENT_REQUIRED: { tab: 'needs' },
  DECISION_REQUIRED: { tab: 'decisions' },
  DECISION_ALREADY_MADE: { tab: 'decisions' },
  PLAN_SUPERSEDED: { tab: 'plan' },
  CHILD_IN_DANGER: { tab: 'needs' },
  ACCOMPANIMENT_REQUIRED: { tab: 'decisions' },
  EXTENSION_LIMIT: { tab: 'decisions' },
  GATEKEEPING_REQUIRED: { tab: 'needs' },
  UNKNOWN_CARE_FORM: null,
  NOT_A_CHILD_OF_THE_CASE: null,
  TRANSFER_PENDING: { page: '/transfers' },
  ACCOMPANIMENT_ENDED: { tab: 'decisions' },
  TRANSFER_REQUIRED: { page: '/transfers' },
  RECORD_CHANGED: null,
};

/** The address of the step that fixes `rule` on case `caseID`, if one does. */
export function ruleStepPath(rule: string | undefined, caseID: string): { to: string; label: string } | null {
  const step = rule ? ruleSteps[rule] : null;
  if (!step) return null;
  if ('page' in step) return { to: step.page, label: `ruleFix.page${step.page.replace('/', '.')}` };
  return { to: `/cases/${caseID}/${step.tab}${step.anchor ? '#' + step.anchor : ''}`, label: `ruleFix.tab.${step.tab}` };
}
