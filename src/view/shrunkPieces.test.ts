import { describe, expect, it } from 'vitest';
import { compressedAxis, type AxisSegment } from './axisMap.ts';
import { clampView, makeScale } from './addressScale.ts';
import { shrunkPieces } from './shrunkPieces.ts';

const W = 1000;

/** Cuts making `n` shrunk 4 GiB gaps, each followed by a to-scale 64 KiB piece. */
function gappy(n: number): bigint[] {
  const cuts: bigint[] = [];
  for (let i = 1; i <= n; i++) cuts.push(BigInt(i) << 32n, (BigInt(i) << 32n) + 0x10000n);
  return cuts;
}

function allSegments(scale: ReturnType<typeof makeScale>): AxisSegment[] {
  const { axis } = scale;
  return Array.from({ length: axis.segmentCount }, (_, i) => axis.segment(i));
}

describe('shrunkPieces', () => {
  it('lists every shrunk piece in view, in order, when they are wide enough to see', () => {
    const axis = compressedAxis(gappy(20));
    const scale = makeScale(clampView({ start: 0n, bytesPerPx: 1 }, W, axis), W, axis);
    const expected = allSegments(scale).filter((g) => g.length !== g.size && g.at < scale.axisEnd && g.at + g.length > scale.axisStart);
    expect(expected.length).toBeGreaterThan(0);
    expect(shrunkPieces(scale, 400)).toEqual(expected);
  });

  it('over 100,000 pieces returns only pieces a pixel apart, within the limit', () => {
    const axis = compressedAxis(gappy(50_000));
    const scale = makeScale(clampView({ start: 0n, bytesPerPx: 1e30 }, W, axis), W, axis);
    const bands = shrunkPieces(scale, 400);
    expect(bands.length).toBeGreaterThan(10);
    expect(bands.length).toBeLessThanOrEqual(400);
    for (const g of bands) expect(g.length).not.toBe(g.size);
    for (let i = 1; i < bands.length; i++) {
      expect(bands[i]!.start).toBeGreaterThan(bands[i - 1]!.start);
      expect(scale.xAxis(bands[i]!.at + bands[i]!.length) - scale.xAxis(bands[i - 1]!.at + bands[i - 1]!.length)).toBeGreaterThanOrEqual(1 - 1e-9);
    }
  });

  it('is empty on a view of one to-scale piece', () => {
    const axis = compressedAxis(gappy(3));
    const scale = makeScale({ start: axis.toAxis(1n << 32n), bytesPerPx: 16 }, W, axis);
    expect(shrunkPieces(scale, 400)).toEqual([]);
  });
});
