import { describe, expect, it } from 'vitest';
import { matchShortcut, shortcuts, typing } from './Shortcuts';

describe('keyboard shortcuts', () => {
  it('match single keys and sequences', () => {
    expect(matchShortcut([], 'n')).toMatchObject({ keys: ['n'] });
    expect(matchShortcut([], 'g')).toBe('wait');
    expect(matchShortcut(['g'], 'c')).toMatchObject({ keys: ['g', 'c'] });
    expect(matchShortcut(['g'], 'x')).toBeNull();
    expect(matchShortcut([], 'x')).toBeNull();
  });

  it('go to the steps of the open case, and nowhere without one', () => {
    const safety = shortcuts.find((s) => s.keys.join() === 's')!;
    expect(safety.to('C1')).toBe('/cases/C1/safety');
    expect(safety.to(null)).toBeNull();
  });

  it('do not fire inside fields', () => {
    expect(typing(document.createElement('input'))).toBe(true);
    expect(typing(document.createElement('textarea'))).toBe(true);
    expect(typing(document.createElement('button'))).toBe(false);
    expect(typing(null)).toBe(false);
  });

  it('have no key that begins another', () => {
    const keys = shortcuts.map((s) => s.keys.join(' '));
    for (const a of keys) for (const b of keys) if (a !== b) expect(b.startsWith(a + ' ')).toBe(false);
  });
});
