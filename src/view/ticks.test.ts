import { describe, expect, it } from 'vitest';
import { LINEAR_AXIS, compressedAxis } from './axisMap.ts';
import { clampView, fitRange, makeScale } from './addressScale.ts';
import { exactBinary, pow2AtLeast, tickStep, ticks } from './ticks.ts';

const W = 1000;

describe('labels', () => {
  it('names exact binary sizes from KiB to EiB', () => {
    expect(exactBinary(0x1000n)).toBe('4 KiB');
    expect(exactBinary(0x8000000n)).toBe('128 MiB');
    expect(exactBinary(0x40000000n)).toBe('1 GiB');
    expect(exactBinary(1n << 48n)).toBe('256 TiB');
    expect(exactBinary(1n << 63n)).toBe('8 EiB');
    expect(exactBinary(0x8001234n)).toBe('');
    expect(exactBinary(0x9030000n)).toBe(''); // 147648 KiB: not a round size
    expect(exactBinary(0x400n * 0x400n * 0x400n * 0x400n * 0x400n * 0x400n * 3n)).toBe('3 EiB');
    expect(exactBinary(0n)).toBe('0');
  });
  it('rounds steps up to powers of two', () => {
    expect(pow2AtLeast(1n)).toBe(1n);
    expect(pow2AtLeast(3n)).toBe(4n);
    expect(pow2AtLeast(4096n)).toBe(4096n);
    expect(tickStep(1, 110)).toBe(128n);
  });
});

describe('ticks on the linear axis', () => {
  it('spans the whole 2^64 with 2^61 steps at a 1000 px width', () => {
    const s = makeScale(clampView({ start: 0n, bytesPerPx: 1e30 }, W, LINEAR_AXIS), W, LINEAR_AXIS);
    const t = ticks(s, 110);
    // 2^64 / 1000 px * 110 px ≈ 2^60.5 → step 2^61: ticks at 0, 2^61, …, 7·2^61 (2^64 is past the end).
    expect(t.map((k) => k.label)).toEqual([0n, 1n, 2n, 3n, 4n, 5n, 6n, 7n].map((i) => '0x' + (i << 61n).toString(16)));
    expect(t[4]!.sizeLabel).toBe('8 EiB');
    expect(t[4]!.x).toBe(500);
  });

  it('labels single bytes exactly at the top of the space', () => {
    const top = (1n << 64n) - 0x1000n;
    const s = makeScale({ start: top, bytesPerPx: 4.096 }, W, LINEAR_AXIS);
    const t = ticks(s, 110);
    expect(t[0]!.label).toBe('0xfffffffffffff000');
    expect(t[1]!.label).toBe('0xfffffffffffff200');
    for (const k of t) expect(k.x).toBeCloseTo(Number(k.addr - top) / 4.096, 9);
  });

  it('keeps ticks at least the minimum spacing apart', () => {
    const s = makeScale(fitRange(0x8000000n, 0x80fffffn, W, LINEAR_AXIS), W, LINEAR_AXIS);
    const t = ticks(s, 90);
    for (let i = 1; i < t.length; i++) expect(t[i]!.x - t[i - 1]!.x).toBeGreaterThanOrEqual(90);
    expect(t[0]!.label).toBe('0x8000000');
  });
});

describe('ticks on a compressed axis', () => {
  it('marks piece boundaries and keeps spacing', () => {
    const axis = compressedAxis([0x8000000n, 0x8100000n, 0x40000000n, 0x140000000n, 1n << 48n]);
    const s = makeScale(clampView({ start: 0n, bytesPerPx: 1e30 }, W, axis), W, axis);
    const t = ticks(s, 60);
    expect(t.some((k) => k.boundary && k.label === '0x8000000')).toBe(true);
    for (let i = 1; i < t.length; i++) expect(t[i]!.x - t[i - 1]!.x).toBeGreaterThanOrEqual(60);
    for (const k of t) expect(k.x).toBeCloseTo(s.x(k.addr), 9);
  });

  it('over 100,000 pieces keeps the boundaries a greedy walk over every piece keeps', () => {
    const cuts: bigint[] = [];
    for (let i = 1n; i <= 50_000n; i++) cuts.push(i << 30n, (i << 30n) + 0x100000n);
    const axis = compressedAxis(cuts);
    const s = makeScale(clampView({ start: 0n, bytesPerPx: 1e30 }, W, axis), W, axis);
    const t = ticks(s, 60);
    const greedy: bigint[] = [];
    let lastX = -Infinity;
    for (let i = 0; i < axis.segmentCount; i++) {
      const g = axis.segment(i);
      if (g.at >= s.axisEnd) break;
      const x = s.xAxis(g.at);
      if (g.at >= s.axisStart && x - lastX >= 60) {
        greedy.push(g.start);
        lastX = x;
      }
    }
    expect(t.filter((k) => k.boundary).map((k) => k.addr)).toEqual(greedy);
    for (let i = 1; i < t.length; i++) expect(t[i]!.x - t[i - 1]!.x).toBeGreaterThanOrEqual(60);
  });
});
