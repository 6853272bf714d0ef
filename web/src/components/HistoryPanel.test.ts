import { describe, expect, it } from 'vitest';
import { historyValue } from './HistoryPanel';
import { enteredLater } from '../pages/case/Timeline';

describe('historyValue', () => {
  it('shows a string as it is, and nothing as a dash', () => {
    expect(historyValue('uk', '"Шевченко"')).toBe('Шевченко');
    expect(historyValue('uk', null)).toBe('—');
    expect(historyValue('uk', 'null')).toBe('—');
    expect(historyValue('uk', 'true')).toBe('true');
    expect(historyValue('uk', '["NEGLECT"]')).toBe('["NEGLECT"]');
  });
  it('shows an instant in Kyiv time', () => {
    expect(historyValue('uk', '"2026-03-01T10:00:00Z"')).toMatch(/01\.03\.2026/);
  });
});

describe('enteredLater', () => {
  it('tells a paper step entered days later from one entered at once', () => {
    expect(enteredLater('2026-03-01T10:00:00Z', '2026-06-01T10:00:00Z')).toBe(true);
    expect(enteredLater('2026-03-01T10:00:00Z', '2026-03-01T10:00:05Z')).toBe(false);
    expect(enteredLater('2026-03-01T10:00:00Z', null)).toBe(false);
  });
});
