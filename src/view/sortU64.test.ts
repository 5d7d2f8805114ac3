import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { runToEnd } from './sliced.ts';
import { sortU64 } from './sortU64.ts';

const u64 = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n });
const byValue = (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0);

describe('sortU64', () => {
  test.prop([fc.array(u64, { maxLength: 300 })])('orders any 64-bit values as a comparison sort does', (values) => {
    const sorted = runToEnd(sortU64(BigUint64Array.from(values)));
    expect([...sorted]).toEqual([...values].sort(byValue));
  });

  test.prop([fc.array(fc.bigInt({ min: 0n, max: 0xffffn }), { maxLength: 200 }), fc.integer({ min: 0, max: 3 })])(
    'handles values that differ in one 16-bit digit only (the passes over equal digits are skipped)',
    (digits, d) => {
      const values = digits.map((x) => (x << BigInt(16 * d)) | 0x1234_0000_0000_0000n);
      expect([...runToEnd(sortU64(BigUint64Array.from(values)))]).toEqual([...values].sort(byValue));
    },
  );

  it('sorts more values than one slice holds, yielding between slices', () => {
    const n = 50_000;
    const values = new BigUint64Array(n);
    for (let i = 0; i < n; i++) values[i] = BigInt(((i * 7919) % n) * 0x1000) + 0xffff_0000_0000n * BigInt(i % 3);
    const expected = [...values].sort(byValue);
    const work = sortU64(values);
    let yields = 0;
    let r = work.next();
    for (; !r.done; r = work.next()) yields += 1;
    expect(yields).toBeGreaterThan(4);
    expect([...r.value]).toEqual(expected);
  });

  it('returns an empty array for no values', () => {
    expect(runToEnd(sortU64(new BigUint64Array(0))).length).toBe(0);
  });
});
