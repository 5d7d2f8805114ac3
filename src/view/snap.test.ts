import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { DEFAULT_ALIGNMENT, baseForKey, effectiveAlignment, maxBase, snapBase, stepBase, validBaseEnds, windowBasesIn } from './snap.ts';

const MiB = 0x100000n;
const TWO64 = 1n << 64n;

describe('snapping', () => {
  it('never snaps finer than the granule', () => {
    expect(effectiveAlignment(DEFAULT_ALIGNMENT, 0x1000n)).toBe(MiB);
    expect(effectiveAlignment(0x1000n, 0x10000n)).toBe(0x10000n);
    expect(effectiveAlignment(0x1000n, undefined)).toBe(0x1000n);
  });
  it('rounds to the nearest 1 MiB', () => {
    expect(snapBase(0x807ffffn, MiB, MiB)).toBe(0x8000000n);
    expect(snapBase(0x8080000n, MiB, MiB)).toBe(0x8100000n);
    expect(snapBase(-5n, MiB, MiB)).toBe(0n);
  });
  it('keeps the window below 2^64', () => {
    expect(maxBase(MiB, MiB)).toBe(TWO64 - MiB);
    expect(snapBase(TWO64 - 1n, MiB, MiB)).toBe(TWO64 - MiB);
    expect(stepBase(TWO64 - MiB, 16, MiB, MiB)).toBe(TWO64 - MiB);
  });
  it('steps by whole alignments', () => {
    expect(stepBase(0x8000000n, 1, MiB, MiB)).toBe(0x8100000n);
    expect(stepBase(0x8000000n, -16, MiB, MiB)).toBe(0x7000000n);
  });
  test.prop([fc.bigInt({ min: 0n, max: TWO64 - 1n }), fc.integer({ min: 12, max: 40 })])('results are aligned and fit', (a, shift) => {
    const align = 1n << BigInt(shift);
    const b = snapBase(a, MiB, align);
    expect(b % align).toBe(0n);
    expect(b + MiB <= TWO64).toBe(true);
  });
});

describe('windowBasesIn', () => {
  it('lists the first and last 1 MiB window in the QEMU virt VFIO ranges', () => {
    // Valid IOVA ranges for QEMU virt (engine-spec 5.1): [0, 0x7ffffff], [0x8100000, 2^48 - 1].
    const r = windowBasesIn([{ start: 0n, last: 0x7ffffffn }, { start: 0x8100000n, last: 0xffffffffffffn }], MiB, MiB);
    expect(r).toEqual([
      { first: 0n, last: 0x7f00000n },
      { first: 0x8100000n, last: 0xfffffff00000n },
    ]);
  });
  it('skips ranges a window does not fit in', () => {
    expect(windowBasesIn([{ start: 0x1000n, last: 0x100fffn }], MiB, MiB)).toEqual([]);
  });
});

describe('slider keys', () => {
  const valid = [
    { start: 0n, last: 0x7ffffffn },
    { start: 0x8100000n, last: 0xffffffffffffn },
  ];
  const ends = validBaseEnds(valid, MiB, MiB);
  it('finds the lowest and highest valid base of a window', () => {
    // The last 1 MiB window ending at 2^48 - 1 starts at 2^48 - 1 MiB.
    expect(ends).toEqual({ first: 0n, last: (1n << 48n) - MiB });
    expect(validBaseEnds([{ start: 0x1000n, last: 0x1fffn }], MiB, MiB)).toBeUndefined();
  });
  it('moves by one step, sixteen steps, or to the ends', () => {
    expect(baseForKey('ArrowRight', 0x8000000n, MiB, MiB, ends)).toBe(0x8100000n);
    expect(baseForKey('ArrowDown', 0x8000000n, MiB, MiB, ends)).toBe(0x7f00000n);
    expect(baseForKey('PageUp', 0x8000000n, MiB, MiB, ends)).toBe(0x9000000n);
    expect(baseForKey('PageDown', 0x8000000n, MiB, MiB, ends)).toBe(0x7000000n);
    expect(baseForKey('Home', 0x8000000n, MiB, MiB, ends)).toBe(0n);
    expect(baseForKey('End', 0x8000000n, MiB, MiB, ends)).toBe((1n << 48n) - MiB);
    expect(baseForKey('End', 0x8000000n, MiB, MiB, undefined)).toBe(TWO64 - MiB);
    expect(baseForKey('a', 0x8000000n, MiB, MiB, ends)).toBeUndefined();
  });
});
