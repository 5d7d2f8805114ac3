import { describe, expect, it } from 'vitest';
import { memoLast } from './memo.ts';

describe('memoLast', () => {
  it('recomputes only when an argument changes identity', () => {
    let calls = 0;
    const f = memoLast((a: object, b: bigint) => {
      calls += 1;
      return { a, b };
    });
    const o = {};
    const r1 = f(o, 1n);
    expect(f(o, 1n)).toBe(r1);
    expect(calls).toBe(1);
    expect(f({}, 1n)).not.toBe(r1);
    expect(f(o, 2n).b).toBe(2n);
    expect(calls).toBe(3);
  });
});
