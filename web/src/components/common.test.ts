import { describe, expect, it } from 'vitest';
import { isBlank } from './common';

describe('isBlank', () => {
  it('treats missing, empty and blank values alike, so fields show "—"', () => {
    for (const v of [null, undefined, false, '', '   ', [], ['', null]]) expect(isBlank(v), JSON.stringify(v)).toBe(true);
    for (const v of ['Вінниця', 0, ['a']]) expect(isBlank(v), JSON.stringify(v)).toBe(false);
  });
});
