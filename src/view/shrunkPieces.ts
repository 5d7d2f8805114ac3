/**
 * The shrunk pieces of a compressed axis that show in the view, for the axis's "≈ 256 TiB" bands.
 * A piece is skipped when it ends within a pixel of the one before (it could not be seen), so the
 * walk costs O(width · log n) even over a million pieces.
 */
import type { AddressScale } from './addressScale.ts';
import type { AxisSegment } from './axisMap.ts';

export function shrunkPieces(scale: AddressScale, limit: number): AxisSegment[] {
  const { axis, axisStart, axisEnd } = scale;
  const px = BigInt(Math.ceil(scale.view.bytesPerPx));
  const out: AxisSegment[] = [];
  for (let i = axis.segmentAtAxis(axisStart); i < axis.segmentCount && out.length < limit; ) {
    const g = axis.segment(i);
    if (g.at >= axisEnd) break;
    if (g.length === g.size) {
      i += 1;
      continue;
    }
    out.push(g);
    i = Math.max(i + 1, axis.segmentAtAxis(g.at + g.length + px));
  }
  return out;
}
