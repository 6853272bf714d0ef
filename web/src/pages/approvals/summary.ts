import type { TFunction } from 'i18next';
import { formatDate } from '../../format';

/** What the approval's subject holds, as the approvals page asks for it (`nodes`). */
export type ApprovalSubject =
  | { __typename: 'NeedsAssessment'; kind: string; conductedAt: string; actNumber: string; onTime: boolean; conclusion: string; provider: { name: string } }
  | { __typename: 'Plan'; version: number; nextReviewAt: string; agreedAt?: string | null; goals: { text: string; actions: unknown[] }[] }
  | { __typename: 'Case'; closureOutcome?: string | null };

/** One line of an approval card: a label and what it says. */
export type SummaryLine = { label: string; value: string };

/**
 * The key content of what an approval asks to approve, in words: the needs
 * assessment's kind, act number, date, provider and conclusion; the plan's
 * version, goals and next review; a closure's outcome and note. Empty when
 * the subject could not be read.
 */
export function approvalSummary(t: TFunction, lang: string, kind: string, subject: ApprovalSubject | null | undefined, note?: string | null): SummaryLine[] {
  const out: SummaryLine[] = [];
  if (subject?.__typename === 'NeedsAssessment' && kind === 'NEEDS_ASSESSMENT') {
    out.push({ label: t('approvalCard.assessmentKind'), value: t(`needsKind.${subject.kind}`, { defaultValue: subject.kind }) });
    out.push({ label: t('approvalCard.act'), value: t('approvalCard.actValue', { number: subject.actNumber || '—', date: formatDate(lang, subject.conductedAt) }) });
    out.push({ label: t('approvalCard.provider'), value: subject.provider.name });
    if (!subject.onTime) out.push({ label: t('approvalCard.term'), value: t('approvalCard.late') });
    if (subject.conclusion.trim()) out.push({ label: t('approvalCard.conclusion'), value: subject.conclusion.trim() });
  } else if (subject?.__typename === 'Plan' && kind === 'PLAN') {
    const actions = subject.goals.reduce((n, g) => n + g.actions.length, 0);
    out.push({ label: t('approvalCard.planVersion'), value: String(subject.version) });
    out.push({ label: t('approvalCard.goals'), value: t('approvalCard.goalsValue', { goals: subject.goals.length, actions }) });
    const first = subject.goals.slice(0, 3).map((g) => g.text.trim()).filter(Boolean);
    if (first.length) out.push({ label: t('approvalCard.goalList'), value: first.join('; ') + (subject.goals.length > 3 ? '; …' : '') });
    out.push({ label: t('approvalCard.nextReview'), value: formatDate(lang, subject.nextReviewAt) });
  } else if (subject?.__typename === 'Case' && kind === 'CLOSURE' && subject.closureOutcome) {
    out.push({ label: t('approvalCard.outcome'), value: t(`closureOutcome.${subject.closureOutcome}`, { defaultValue: subject.closureOutcome }) });
  }
  if (note?.trim()) out.push({ label: kind === 'CLOSURE' ? t('approvalCard.reason') : t('approvalCard.note'), value: note.trim() });
  return out;
}
