import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { COMPRESS_KNEE, LINEAR_AXIS, compressedAxis, compressedLength, type AxisMap, type AxisSegment } from './axisMap.ts';

const TWO64 = 1n << 64n;
const addr = fc.bigInt({ min: 0n, max: TWO64 });
const cuts = fc.array(fc.bigInt({ min: 0n, max: TWO64 }), { maxLength: 40 });

function segmentsOf(m: AxisMap): AxisSegment[] {
  return Array.from({ length: m.segmentCount }, (_, i) => m.segment(i));
}

describe('linear axis', () => {
  it('is the identity on [0, 2^64]', () => {
    for (const a of [0n, 0x8000000n, TWO64 - 1n, TWO64]) {
      expect(LINEAR_AXIS.toAxis(a)).toBe(a);
      expect(LINEAR_AXIS.fromAxis(a)).toBe(a);
    }
    expect(LINEAR_AXIS.total).toBe(TWO64);
  });
});

describe('compressedLength', () => {
  it('keeps pieces up to 1 MiB to scale', () => {
    expect(compressedLength(0x1000n)).toBe(0x1000n);
    expect(compressedLength(COMPRESS_KNEE)).toBe(COMPRESS_KNEE);
  });
  it('gives 256 TiB (2^48) knee * (1 + 28/4) = 8 MiB: a 1 MiB window is an eighth of it', () => {
    expect(compressedLength(1n << 48n)).toBe(8n * COMPRESS_KNEE);
  });
  it('gives the whole 2^64 knee * (1 + 44/4) = 12 MiB', () => {
    expect(compressedLength(TWO64)).toBe(12n * COMPRESS_KNEE);
  });
  test.prop([fc.bigInt({ min: 1n, max: TWO64 }), fc.bigInt({ min: 1n, max: TWO64 })])('is monotone', (a, b) => {
    const [lo, hi] = a < b ? [a, b] : [b, a];
    expect(compressedLength(lo) <= compressedLength(hi)).toBe(true);
  });
  it('grows by a quarter knee per doubling past the knee, for every power of two up to 2^64', () => {
    for (let k = 20; k <= 64; k++) expect(compressedLength(1n << BigInt(k))).toBe(COMPRESS_KNEE + (COMPRESS_KNEE * BigInt(k - 20)) / 4n);
  });
});

describe('compressed axis', () => {
  // QEMU virt-like boundaries: the SW_MSI window, RAM at 1 GiB, the 48-bit aperture end.
  const axis = compressedAxis([0x8000000n, 0x8100000n, 0x40000000n, 0x140000000n, 1n << 48n]);

  it('covers [0, 2^64) with pieces in order', () => {
    let next = 0n;
    let at = 0n;
    for (const s of segmentsOf(axis)) {
      expect(s.start).toBe(next);
      expect(s.at).toBe(at);
      next = s.start + s.size;
      at += s.length;
    }
    expect(next).toBe(TWO64);
    expect(at).toBe(axis.total);
  });

  it('maps boundaries exactly and keeps the 1 MiB window to scale', () => {
    const w0 = axis.toAxis(0x8000000n);
    const w1 = axis.toAxis(0x8100000n);
    expect(w1 - w0).toBe(0x100000n);
    expect(axis.fromAxis(w0)).toBe(0x8000000n);
    expect(axis.toAxis(TWO64)).toBe(axis.total);
    expect(axis.fromAxis(axis.total)).toBe(TWO64);
  });

  it('makes the window at least a tenth of the 256 TiB range beside it', () => {
    const window = axis.toAxis(0x8100000n) - axis.toAxis(0x8000000n);
    const big = axis.toAxis(1n << 48n) - axis.toAxis(0x140000000n);
    expect(window * 10n >= big).toBe(true);
  });

  test.prop([cuts, addr, addr])('toAxis is monotone', (c, a, b) => {
    const m = compressedAxis(c);
    const [lo, hi] = a < b ? [a, b] : [b, a];
    expect(m.toAxis(lo) <= m.toAxis(hi)).toBe(true);
  });

  test.prop([cuts, fc.bigInt({ min: 0n, max: 1n << 30n })])('fromAxis gives the lowest address reaching u', (c, u0) => {
    const m = compressedAxis(c);
    const u = u0 % (m.total + 1n);
    const a = m.fromAxis(u);
    expect(m.toAxis(a) >= u).toBe(true);
    if (a > 0n) expect(m.toAxis(a - 1n) < u).toBe(true);
    expect(m.fromAxis(u + 1n) >= a).toBe(true);
  });

  test.prop([cuts, addr])('round trip address → axis → address lands in the same axis unit', (c, a) => {
    const m = compressedAxis(c);
    const back = m.fromAxis(m.toAxis(a));
    expect(back <= a).toBe(true);
    expect(m.toAxis(back)).toBe(m.toAxis(a));
  });

  test.prop([cuts])('is the identity inside pieces drawn to scale', (c) => {
    const m = compressedAxis(c);
    for (const s of segmentsOf(m)) {
      if (s.length !== s.size) continue;
      const mid = s.start + s.size / 2n;
      expect(m.toAxis(mid) - s.at).toBe(mid - s.start);
      expect(m.fromAxis(s.at + (mid - s.start))).toBe(mid);
    }
  });
});
