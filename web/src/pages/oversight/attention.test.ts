import { describe, expect, it } from 'vitest';
import { lateCommunities, yearOf, type AttentionCommunity } from './attention';

const cell = (key: string, value: number | null, suppressed = false) => ({ key, value, display: suppressed ? '<5' : String(value), suppressed });
const row = (id: string, name: string, safety: number | null, needs: number | null, opts: { suppressSafety?: boolean } = {}): AttentionCommunity => ({
  community: { id, name }, recordAccess: false,
  cells: [cell('safety_assessments', 9), cell('safety_on_time', opts.suppressSafety ? null : safety, !!opts.suppressSafety), cell('needs_on_time', needs),
    { key: 'safety_on_time', part: 'POLICE', value: 0, display: '0', suppressed: false }],
});

describe('regional home: what needs attention', () => {
  it('keeps the communities with late assessments, the lowest on-time share first', () => {
    const got = lateCommunities([
      row('a', 'Агрономічна', 1, 1),
      row('b', 'Бершадська', 0.5, 1),
      row('c', 'Вороновицька', 1, 0.25),
      row('d', 'Гніванська', null, null),
      row('e', 'Жмеринська', 0.8, 0.9),
    ]);
    expect(got.map((c) => c.id)).toEqual(['c', 'b', 'e']);
    expect(got[0].needs?.value).toBe(0.25);
    expect(got[2].worst).toBe(0.8);
  });

  it('reads nothing into a suppressed share nor into the parts of a broken-down indicator', () => {
    expect(lateCommunities([row('x', 'Іллінецька', 0, 1, { suppressSafety: true })])).toEqual([]);
    expect(lateCommunities([row('y', 'Калинівська', 1, 1)])).toEqual([]);
  });

  it('orders equal shares by name', () => {
    expect(lateCommunities([row('b', 'Літинська', 0.5, 1), row('a', 'Жмеринська', 1, 0.5)]).map((c) => c.name)).toEqual(['Жмеринська', 'Літинська']);
  });

  it('takes the current year in Kyiv as the period', () => {
    expect(yearOf(new Date('2026-12-07T10:00:00Z'))).toEqual({ kind: 'YEAR', year: 2026 });
    // New Year's night in Kyiv is still the old year in UTC.
    expect(yearOf(new Date('2026-12-31T22:30:00Z'))).toEqual({ kind: 'YEAR', year: 2027 });
  });
});
