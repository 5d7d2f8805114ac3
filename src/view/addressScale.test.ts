import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { LINEAR_AXIS, compressedAxis } from './axisMap.ts';
import { MIN_SPAN, clampView, convertView, fitRange, makeScale, spanOf, viewFromTransform, zoomView } from './addressScale.ts';

const TWO64 = 1n << 64n;
const W = 1000;

describe('makeScale on the linear axis', () => {
  it('places addresses near 2^64 exactly when zoomed to a page there', () => {
    const start = TWO64 - 0x1000n;
    const s = makeScale({ start, bytesPerPx: 4096 / W }, W, LINEAR_AXIS);
    // 0xfffffffffffff800 is half a page from the view start: pixel 500, not a rounded double.
    expect(s.x(0xfffffffffffff800n)).toBe(500);
    expect(s.x(TWO64)).toBe(W);
    expect(s.addressAt(500)).toBe(0xfffffffffffff800n);
    expect(s.addressAt(W)).toBe(TWO64);
  });

  it('tells apart neighbouring bytes at 2^64 - 1 (a double cannot: 2^64 - 1 rounds to 2^64)', () => {
    const s = makeScale({ start: TWO64 - 0x1000n, bytesPerPx: 1 }, 0x1000, LINEAR_AXIS);
    expect(s.x(TWO64 - 1n)).toBe(0xfff);
    expect(s.x(TWO64 - 2n)).toBe(0xffe);
  });

  it('shows the whole 2^64 across the width at the widest zoom', () => {
    const v = clampView({ start: 123n, bytesPerPx: 1e30 }, W, LINEAR_AXIS);
    expect(v.start).toBe(0n);
    expect(spanOf(v, W)).toBe(TWO64);
    const s = makeScale(v, W, LINEAR_AXIS);
    expect(s.x(0x8000000000000000n)).toBe(500);
  });

  it('never zooms deeper than one 4 KiB page across the map', () => {
    const v = clampView({ start: 0x8000000n, bytesPerPx: 0.0001 }, W, LINEAR_AXIS);
    expect(spanOf(v, W)).toBe(MIN_SPAN);
  });

  test.prop([fc.bigInt({ min: 0n, max: TWO64 - 0x1000n }), fc.integer({ min: 0, max: W })])(
    'addressAt inverts x to the byte at page zoom anywhere in the space',
    (start, px) => {
      const s = makeScale({ start, bytesPerPx: 4 }, W, LINEAR_AXIS);
      const a = s.addressAt(px);
      expect(a).toBe(start + BigInt(px * 4));
      expect(s.x(a)).toBe(px);
    },
  );
});

describe('zooming', () => {
  it('zooms from 2^64 to one page at 0x8000000 and back without drift', () => {
    let v = clampView({ start: 0n, bytesPerPx: Number(TWO64) / W }, W, LINEAR_AXIS);
    const target = 0x8000000n;
    // Zoom in around the target's pixel, 2x per step (52 binary orders: 2^64 → 2^12).
    for (let i = 0; i < 60; i++) {
      const px = makeScale(v, W, LINEAR_AXIS).x(target);
      v = zoomView(v, 2, px, 0, W, LINEAR_AXIS);
    }
    expect(spanOf(v, W)).toBe(MIN_SPAN);
    const s = makeScale(v, W, LINEAR_AXIS);
    expect(s.addressAt(0) <= target && target < s.addressAt(W)).toBe(true);
    for (let i = 0; i < 60; i++) v = zoomView(v, 0.5, W / 2, 0, W, LINEAR_AXIS);
    expect(v.start).toBe(0n);
    expect(spanOf(v, W)).toBe(TWO64);
  });

  test.prop([fc.bigInt({ min: 0n, max: TWO64 - (1n << 40n) }), fc.double({ min: 1.01, max: 64, noNaN: true }), fc.integer({ min: 0, max: W })])(
    'keeps the address under the pointer fixed (to one pixel)',
    (start, factor, px) => {
      const v = { start, bytesPerPx: 2 ** 30 };
      const before = makeScale(v, W, LINEAR_AXIS).addressAt(px);
      const after = makeScale(zoomView(v, factor, px, 0, W, LINEAR_AXIS), W, LINEAR_AXIS);
      expect(Math.abs(after.x(before) - px)).toBeLessThan(1);
    },
  );

  it('maps a d3 transform relative to the gesture start', () => {
    const base = { start: 0x40000000n, bytesPerPx: 0x100000 };
    // Pan right by 100 px: the view starts 100 px (100 MiB) lower.
    expect(viewFromTransform(base, 1, 100, W, LINEAR_AXIS)).toEqual({ start: 0x40000000n - 100n * 0x100000n, bytesPerPx: 0x100000 });
    // Zoom 2x around pixel 200: d3 gives x = 200 - 2 * 200 = -200; the address at pixel 200 stays there.
    const v = viewFromTransform(base, 2, -200, W, LINEAR_AXIS);
    expect(v.bytesPerPx).toBe(0x80000);
    expect(makeScale(v, W, LINEAR_AXIS).addressAt(200)).toBe(0x40000000n + 200n * 0x100000n);
  });

  it('fits an inclusive range exactly', () => {
    const v = fitRange(0x8000000n, 0x80fffffn, W, LINEAR_AXIS);
    const s = makeScale(v, W, LINEAR_AXIS);
    expect(s.x(0x8000000n)).toBe(0);
    expect(s.x(0x8100000n)).toBe(W);
  });
});

describe('compressed views', () => {
  const axis = compressedAxis([0x8000000n, 0x8100000n, 0x40000000n, 0x140000000n, 1n << 48n]);

  it('fits the whole compressed axis and shows the 1 MiB window several pixels wide', () => {
    const v = clampView({ start: 0n, bytesPerPx: 1e30 }, W, axis);
    const s = makeScale(v, W, axis);
    expect(s.x(0n)).toBe(0);
    expect(s.x(TWO64)).toBeCloseTo(W, 6);
    expect(s.x(0x8100000n) - s.x(0x8000000n)).toBeGreaterThan(10);
  });

  test.prop([fc.bigInt({ min: 0n, max: TWO64 - 1n }), fc.bigInt({ min: 0n, max: TWO64 - 1n })])('x is monotone in the address', (a, b) => {
    const s = makeScale(clampView({ start: 0n, bytesPerPx: 1e30 }, W, axis), W, axis);
    const [lo, hi] = a < b ? [a, b] : [b, a];
    expect(s.x(lo) <= s.x(hi)).toBe(true);
  });

  it('converts a view between axes keeping the centre address', () => {
    const linear = fitRange(0x40000000n, 0x13fffffffn, W, LINEAR_AXIS);
    const centre = makeScale(linear, W, LINEAR_AXIS).addressAt(W / 2);
    const comp = convertView(linear, W, LINEAR_AXIS, axis);
    const s = makeScale(comp, W, axis);
    expect(Math.abs(s.x(centre) - W / 2)).toBeLessThan(1);
    const back = convertView(comp, W, axis, LINEAR_AXIS);
    expect(back).toEqual(linear);
  });
});
