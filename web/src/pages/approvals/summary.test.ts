import { describe, expect, it } from 'vitest';
import i18n from '../../i18n';
import { approvalSummary, type ApprovalSubject } from './summary';

const needs: ApprovalSubject = { __typename: 'NeedsAssessment', kind: 'COMPREHENSIVE', conductedAt: '2026-11-20T10:00:00Z', actNumber: 'ОП-17',
  onTime: false, conclusion: '  Сім\'я потребує соціального супроводу.  ', provider: { name: 'Центр соціальних служб' } };
const plan: ApprovalSubject = { __typename: 'Plan', version: 3, nextReviewAt: '2027-02-01T10:00:00Z', agreedAt: null,
  goals: [{ text: 'Житло', actions: [{}, {}] }, { text: 'Школа', actions: [{}] }, { text: 'Здоров\'я', actions: [] }, { text: 'Дозвілля', actions: [{}] }] };
const closure: ApprovalSubject = { __typename: 'Case', closureOutcome: 'GOALS_ACHIEVED' };
const as = (lines: { label: string; value: string }[]) => Object.fromEntries(lines.map((l) => [l.label, l.value]));

describe('approval cards say what is approved', () => {
  it('a needs assessment: its kind, act, provider, lateness and conclusion', async () => {
    await i18n.changeLanguage('uk');
    expect(as(approvalSummary(i18n.t, 'uk', 'NEEDS_ASSESSMENT', needs))).toEqual({
      'Вид оцінювання': 'Комплексне',
      'Акт': '№ ОП-17 від 20.11.2026',
      'Надавач послуг': 'Центр соціальних служб',
      'Строк': 'Проведено із порушенням строку',
      'Висновок': 'Сім\'я потребує соціального супроводу.',
    });
  });

  it('a plan version: its number, goals and actions, the first goals and the next review', async () => {
    await i18n.changeLanguage('uk');
    expect(as(approvalSummary(i18n.t, 'uk', 'PLAN', plan))).toEqual({
      'Версія плану': '3', 'Зміст': 'цілей: 4, заходів: 4', 'Цілі': 'Житло; Школа; Здоров\'я; …', 'Наступний перегляд': '01.02.2027',
    });
  });

  it('a closure: the outcome in words and the grounds', async () => {
    await i18n.changeLanguage('en');
    const lines = approvalSummary(i18n.t, 'en', 'CLOSURE', closure, 'Family copes on its own');
    expect(lines[0].label).toBe('Outcome');
    expect(lines[0].value).not.toBe('GOALS_ACHIEVED');
    expect(lines[1]).toEqual({ label: 'Grounds for closure', value: 'Family copes on its own' });
  });

  it('shows only the note when the subject cannot be read, and nothing of a subject of another kind', async () => {
    await i18n.changeLanguage('uk');
    expect(approvalSummary(i18n.t, 'uk', 'PLAN', null, 'терміново')).toEqual([{ label: 'Примітка', value: 'терміново' }]);
    expect(approvalSummary(i18n.t, 'uk', 'PLAN', needs)).toEqual([]);
  });
});
