import { describe, expect, it } from 'vitest';
import uk from './uk.json';
import en from './en.json';

function keys(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? keys(v, prefix + k + '.') : [prefix + k]));
}

// Plural forms differ by language (Ukrainian one/few/many/other, English one/other).
const plural = /_(zero|one|two|few|many|other)$/;
const base = (ks: string[]) => [...new Set(ks.map((k) => k.replace(plural, '')))].sort();

describe('translations', () => {
  it('Ukrainian and English have the same keys, none empty', () => {
    expect(base(keys(en))).toEqual(base(keys(uk)));
    for (const dict of [uk, en]) {
      for (const k of keys(dict)) {
        const v = k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], dict);
        expect(String(v).trim(), k).not.toBe('');
      }
    }
  });
});

describe('plurals', () => {
  it('Ukrainian has every form its plural rules use', () => {
    const forms = ['one', 'few', 'many', 'other'];
    for (const k of keys(uk).filter((k) => k.endsWith('_one'))) {
      for (const f of forms) expect(keys(uk), k).toContain(k.replace(/_one$/, '_' + f));
    }
  });
});
