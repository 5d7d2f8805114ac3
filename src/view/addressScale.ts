/**
 * The one place where addresses become pixels (design-notes example 4, after Perfetto's
 * time_scale.ts).
 *
 * A view is `{ start, bytesPerPx }`: `start` is an exact BigInt axis position (an address on the
 * linear axis), `bytesPerPx` a double. To place an address we subtract in BigInt first and only
 * turn the small offset from the view start into a double, so the map is exact at 2^64 and at a
 * single 4 KiB page alike. D3 scales never see a BigInt.
 */
import type { AxisMap } from './axisMap.ts';

export interface View {
  /** Axis position at the left edge (an address on the linear axis). */
  readonly start: bigint;
  /** Axis units (bytes on the linear axis) per CSS pixel. */
  readonly bytesPerPx: number;
}

/** The deepest zoom shows one 4 KiB page across the whole map. */
export const MIN_SPAN = 0x1000n;

/** Pixel positions are clamped here so far-off items never produce absurd SVG coordinates. */
const PX_LIMIT = 1e7;

export interface AddressScale {
  readonly view: View;
  readonly width: number;
  readonly axis: AxisMap;
  /** Pixel of an address in [0, 2^64] (pass last + 1 for the right edge of an inclusive range). */
  x(addr: bigint): number;
  /** Pixel of an axis position. */
  xAxis(u: bigint): number;
  /** Lowest address drawn at pixel `px`. */
  addressAt(px: number): bigint;
  /** Axis positions at the left and right edges: [first, end). */
  readonly axisStart: bigint;
  readonly axisEnd: bigint;
}

export function makeScale(view: View, width: number, axis: AxisMap): AddressScale {
  const { start, bytesPerPx } = view;
  const axisEnd = start + spanOf(view, width);
  const xAxis = (u: bigint): number => {
    const px = Number(u - start) / bytesPerPx;
    return px < -PX_LIMIT ? -PX_LIMIT : px > PX_LIMIT ? PX_LIMIT : px;
  };
  return {
    view,
    width,
    axis,
    axisStart: start,
    axisEnd,
    xAxis,
    x: (addr) => xAxis(axis.toAxis(addr)),
    addressAt: (px) => axis.fromAxis(start + BigInt(Math.round(px * bytesPerPx))),
  };
}

/** Axis units covered by `width` pixels. */
export function spanOf(view: View, width: number): bigint {
  return BigInt(Math.round(view.bytesPerPx * Math.max(width, 1)));
}

/** Keep a view inside the axis and between a 4 KiB page and the whole axis. */
export function clampView(view: View, width: number, axis: AxisMap): View {
  const w = Math.max(width, 1);
  const minBpp = Number(MIN_SPAN) / w;
  const maxBpp = Number(axis.total) / w;
  const bytesPerPx = Math.min(Math.max(view.bytesPerPx, minBpp), maxBpp);
  const span = spanOf({ start: 0n, bytesPerPx }, w);
  const maxStart = axis.total > span ? axis.total - span : 0n;
  const start = view.start < 0n ? 0n : view.start > maxStart ? maxStart : view.start;
  return { start, bytesPerPx };
}

/** View showing the axis positions [u0, u1) across `width` pixels, with `marginPx` on each side. */
export function fitAxisRange(u0: bigint, u1: bigint, width: number, axis: AxisMap, marginPx = 0): View {
  const inner = Math.max(width - 2 * marginPx, 1);
  const len = u1 > u0 ? u1 - u0 : 1n;
  const bytesPerPx = Number(len) / inner;
  const start = u0 - BigInt(Math.round(marginPx * bytesPerPx));
  return clampView({ start, bytesPerPx }, width, axis);
}

/** View showing the inclusive address range [start, last]. */
export function fitRange(start: bigint, last: bigint, width: number, axis: AxisMap, marginPx = 0): View {
  return fitAxisRange(axis.toAxis(start), axis.toAxis(last + 1n), width, axis, marginPx);
}

/**
 * Zoom by `factor` (> 1 zooms in) keeping the axis position under pixel `anchorPx` fixed, then
 * pan by `panPx` pixels (positive moves the content right). Exact: the anchor's BigInt position
 * is recovered from the old view, and only pixel-sized offsets go through doubles.
 */
export function zoomView(view: View, factor: number, anchorPx: number, panPx: number, width: number, axis: AxisMap): View {
  const anchor = view.start + BigInt(Math.round(anchorPx * view.bytesPerPx));
  const bytesPerPx = view.bytesPerPx / factor;
  const start = anchor - BigInt(Math.round((anchorPx + panPx) * bytesPerPx));
  return clampView({ start, bytesPerPx }, width, axis);
}

/**
 * The view a d3-zoom transform `{ k, x }` (relative to the gesture's first view) produces: the
 * pixel that was at `p` before the gesture is now at `x + k * p`. Because the transform is reset
 * after every gesture, `k` stays within a few dozen binary orders and never drifts.
 */
export function viewFromTransform(base: View, k: number, tx: number, width: number, axis: AxisMap): View {
  const bytesPerPx = base.bytesPerPx / k;
  const start = base.start + BigInt(Math.round((-tx / k) * base.bytesPerPx));
  return clampView({ start, bytesPerPx }, width, axis);
}

/** Re-express a view on another axis, keeping the address at the centre in the centre. */
export function convertView(view: View, width: number, from: AxisMap, to: AxisMap): View {
  const half = BigInt(Math.round((width / 2) * view.bytesPerPx));
  const left = from.fromAxis(view.start);
  const centre = from.fromAxis(view.start + half);
  const right = from.fromAxis(view.start + 2n * half);
  const u0 = to.toAxis(left);
  const u1 = to.toAxis(right);
  const c = to.toAxis(centre);
  const bytesPerPx = Number(u1 > u0 ? u1 - u0 : 1n) / Math.max(width, 1);
  return clampView({ start: c - BigInt(Math.round((width / 2) * bytesPerPx)), bytesPerPx }, width, to);
}
