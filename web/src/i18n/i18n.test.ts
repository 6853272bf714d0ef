import { describe, expect, it } from 'vitest';
import uk from './uk.json';
import en from './en.json';

function keys(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? keys(v, prefix + k + '.') : [prefix + k]));
}

describe('translations', () => {
  it('Ukrainian and English have the same keys, none empty', () => {
    expect(keys(en).sort()).toEqual(keys(uk).sort());
    for (const dict of [uk, en]) {
      for (const k of keys(dict)) {
        const v = k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], dict);
        expect(String(v).trim(), k).not.toBe('');
      }
    }
  });
});
