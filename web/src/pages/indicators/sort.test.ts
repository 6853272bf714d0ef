import { describe, expect, it } from 'vitest';
import { ranks, sortRows, type RowLike } from './sort';

const row = (id: string, name: string, value: number | null, display: string, suppressed = false): RowLike => ({
  id, name, cells: [{ key: 'open_cases', part: null, value, display, suppressed }, { key: 'reports_by_source', part: 'SCHOOL', value: 99, display: '99', suppressed: false }],
});

const rows = [
  row('a', 'Агрономічна', 32, '32'),
  row('b', 'Барська', null, '<5', true),
  row('c', 'Вінницька', 5, '5'),
  row('d', 'Гніванська', null, '—'),
  row('e', 'Іллінецька', 32, '32'),
  row('f', 'Жмеринська', 0, '0'),
];

describe('sortRows', () => {
  it('sorts by name in Ukrainian alphabetical order', () => {
    expect(sortRows(rows, { key: 'name', desc: false }, 'uk').map((r) => r.id)).toEqual(['a', 'b', 'c', 'd', 'f', 'e']);
    expect(sortRows(rows, { key: 'name', desc: true }, 'uk').map((r) => r.id)).toEqual(['e', 'f', 'd', 'c', 'b', 'a']);
  });

  it('sorts known values by size, ties by name, then suppressed, then empty — whichever the direction', () => {
    expect(sortRows(rows, { key: 'open_cases', desc: true }, 'uk').map((r) => r.id)).toEqual(['a', 'e', 'c', 'f', 'b', 'd']);
    expect(sortRows(rows, { key: 'open_cases', desc: false }, 'uk').map((r) => r.id)).toEqual(['f', 'c', 'a', 'e', 'b', 'd']);
  });

  it('reads the whole figure, never a part of a broken-down indicator', () => {
    const only = [row('x', 'X', 1, '1'), row('y', 'Y', 2, '2')];
    expect(sortRows(only, { key: 'reports_by_source', desc: true }, 'uk').map((r) => r.id)).toEqual(['x', 'y']);
  });

  it('does not change the rows it is given', () => {
    const copy = rows.map((r) => r.id);
    sortRows(rows, { key: 'open_cases', desc: true }, 'uk');
    expect(rows.map((r) => r.id)).toEqual(copy);
  });
});

describe('ranks', () => {
  it('ranks the largest first, equal values sharing a rank, suppressed and empty unranked', () => {
    const r = ranks(rows, 'open_cases');
    expect(Object.fromEntries(r)).toEqual({ a: 1, e: 1, c: 3, f: 4 });
    expect(r.has('b')).toBe(false);
    expect(r.has('d')).toBe(false);
  });
});
