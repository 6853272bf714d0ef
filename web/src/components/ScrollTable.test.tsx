import { describe, expect, it } from 'vitest';
import { overflowOf } from './ScrollTable';

describe('overflowOf', () => {
  it('tells which edges of a scrolling table hide columns', () => {
    expect(overflowOf({ scrollLeft: 0, clientWidth: 700, scrollWidth: 700 })).toEqual({ left: false, right: false });
    expect(overflowOf({ scrollLeft: 0, clientWidth: 700, scrollWidth: 1000 })).toEqual({ left: false, right: true });
    expect(overflowOf({ scrollLeft: 150, clientWidth: 700, scrollWidth: 1000 })).toEqual({ left: true, right: true });
    expect(overflowOf({ scrollLeft: 300, clientWidth: 700, scrollWidth: 1000 })).toEqual({ left: true, right: false });
  });
});
