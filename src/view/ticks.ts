/**
 * Axis ticks, chosen in BigInt: every tick sits on an exact power-of-two multiple, labelled in
 * the kernel's hex style ("0x40000000") with the binary size it equals when that is exact
 * ("1 GiB").
 */
import { hex } from '../engine/u64.ts';
import type { AddressScale } from './addressScale.ts';

export interface Tick {
  readonly addr: bigint;
  readonly x: number;
  /** Hex address, e.g. "0x8000000". */
  readonly label: string;
  /** The address as an exact binary size ("128 MiB"), or "" when it is not a round one. */
  readonly sizeLabel: string;
  /** A boundary of a compressed piece (drawn with a break mark). */
  readonly boundary: boolean;
}

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'] as const;

/**
 * "64 KiB" when `bytes` is a round binary size: a whole number below 1024 of some unit ≥ 1 KiB.
 * Anything else ("147648 KiB") says less than the hex label, so it gives "".
 */
export function exactBinary(bytes: bigint): string {
  if (bytes === 0n) return '0';
  let unit = 0;
  let v = bytes;
  while (unit < UNITS.length - 1 && v % 1024n === 0n) {
    v /= 1024n;
    unit += 1;
  }
  return unit === 0 || v >= 1024n ? '' : `${v} ${UNITS[unit]}`;
}

/** Smallest power of two >= x (x >= 1). */
export function pow2AtLeast(x: bigint): bigint {
  if (x <= 1n) return 1n;
  return 1n << BigInt((x - 1n).toString(2).length);
}

/** Tick step in bytes for a linear stretch drawn at `bytesPerPx`, at least `minPx` apart. */
export function tickStep(bytesPerPx: number, minPx: number): bigint {
  return pow2AtLeast(BigInt(Math.ceil(bytesPerPx * minPx)));
}

/**
 * Ticks for the visible part of the axis, at least `minPx` apart. On a compressed axis of a
 * million pieces only a few boundaries can be kept: after keeping one, the walk jumps straight to
 * the piece `minPx` further on, since everything before it would be thinned away.
 */
export function ticks(scale: AddressScale, minPx = 110): Tick[] {
  const { axis, axisStart, axisEnd, view } = scale;
  const boundaries: Candidate[] = [];
  const regular: Candidate[] = [];
  const step = tickStep(view.bytesPerPx, minPx);
  const gap = BigInt(Math.floor(minPx * view.bytesPerPx));
  for (let i = axis.segmentAtAxis(axisStart); i < axis.segmentCount; ) {
    const seg = axis.segment(i);
    if (seg.at >= axisEnd) break;
    const segEnd = seg.at + seg.length;
    let next = i + 1;
    if (axis.compressed && seg.at >= axisStart) {
      const x = scale.xAxis(seg.at);
      const prev = boundaries[boundaries.length - 1];
      if (!prev || x - prev.x >= minPx) {
        boundaries.push({ addr: seg.start, x, boundary: true });
        next = Math.max(next, axis.segmentAtAxis(seg.at + gap));
      }
    }
    if (seg.length === seg.size) {
      const lo = seg.start + (axisStart > seg.at ? axisStart - seg.at : 0n);
      const hi = seg.start + (axisEnd < segEnd ? axisEnd - seg.at : seg.length);
      for (let a = ((lo + step - 1n) / step) * step; a < hi; a += step) {
        if (a !== seg.start || !axis.compressed) regular.push({ addr: a, x: scale.x(a), boundary: false });
      }
    }
    i = next;
  }
  return thin(boundaries, regular, minPx).map((c) => ({
    ...c,
    label: hex(c.addr),
    sizeLabel: exactBinary(c.addr),
  }));
}

interface Candidate {
  readonly addr: bigint;
  readonly x: number;
  readonly boundary: boolean;
}

/**
 * Thinning in x order: the boundaries (already spaced; they carry the break marks) stay, then the
 * regular ticks that do not crowd a kept boundary or each other.
 */
function thin(boundaries: readonly Candidate[], regular: readonly Candidate[], minPx: number): Candidate[] {
  const free = regular.filter((t) => !crowds(boundaries, t.x, minPx));
  return [...boundaries, ...spaced(free, minPx)].sort((a, b) => a.x - b.x);
}

/** Ticks (sorted by x) with every kept one at least minPx after the previous kept one. */
function spaced(sorted: readonly Candidate[], minPx: number): Candidate[] {
  const out: Candidate[] = [];
  for (const t of sorted) if (out.length === 0 || t.x - out[out.length - 1]!.x >= minPx) out.push(t);
  return out;
}

/** Whether x lies within minPx of a tick in `sorted` (binary search). */
function crowds(sorted: readonly Candidate[], x: number, minPx: number): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]!.x < x) lo = mid + 1;
    else hi = mid;
  }
  const near = [sorted[lo - 1], sorted[lo]];
  return near.some((t) => t !== undefined && Math.abs(t.x - x) < minPx);
}
