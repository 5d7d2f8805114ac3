/**
 * The axis: how addresses are laid out along the map before any zoom is applied.
 *
 * An axis turns an address into an "axis unit" (a BigInt position on a line of `total` units) and
 * back. The linear axis is the identity on [0, 2^64]. The compressed axis cuts the address space
 * at every boundary that matters (item starts and ends) and shrinks each long piece to a length
 * that grows only with the logarithm of its size, so a 1 MiB window next to a 256 TiB range stays
 * visible. Short pieces keep their size, so zooming into them feels linear.
 *
 * Positions are exact BigInts. A compressed axis of a million pieces is stored as arrays (piece
 * starts, and axis positions as doubles: every piece is at most 12 MiB long on the axis, so any
 * axis that fits in memory stays far below 2^53 and its positions are exact integers), and built
 * in slices (sliced.ts) so that a huge upload never blocks the page.
 */
import { U64_MOD } from '../engine/u64.ts';
import { SLICE_ITEMS, runToEnd, type Sliced } from './sliced.ts';
import { sortU64 } from './sortU64.ts';

export interface AxisSegment {
  /** First address of the piece. */
  readonly start: bigint;
  /** Size of the piece in bytes (end = start + size, exclusive). */
  readonly size: bigint;
  /** Axis position of `start`. */
  readonly at: bigint;
  /** Length on the axis; equal to `size` when the piece is drawn to scale. */
  readonly length: bigint;
}

export interface AxisMap {
  readonly compressed: boolean;
  /** Axis length in units (2^64 for the linear axis). */
  readonly total: bigint;
  /** Pieces in address order cover [0, 2^64) without gaps. */
  readonly segmentCount: number;
  segment(i: number): AxisSegment;
  /** Index of the piece holding axis position u (u clamped to the axis). */
  segmentAtAxis(u: bigint): number;
  /** Axis position of an address in [0, 2^64] (2^64 = the exclusive end of the space). */
  toAxis(addr: bigint): bigint;
  /** Lowest address whose axis position is >= u (u clamped to [0, total]). */
  fromAxis(u: bigint): bigint;
}

const WHOLE: AxisSegment = { start: 0n, size: U64_MOD, at: 0n, length: U64_MOD };

export const LINEAR_AXIS: AxisMap = {
  compressed: false,
  total: U64_MOD,
  segmentCount: 1,
  segment: () => WHOLE,
  segmentAtAxis: () => 0,
  toAxis: (addr) => clamp(addr, 0n, U64_MOD),
  fromAxis: (u) => clamp(u, 0n, U64_MOD),
};

/** Pieces up to this size are drawn to scale; longer ones grow with log2 of their size. */
export const COMPRESS_KNEE = 0x100000n; // 1 MiB: the size of an MSI window
const KNEE = Number(COMPRESS_KNEE);
const KNEE_LOG2 = 20;

/** compressedLength as a double (exact: the result is an integer below 13 MiB). */
function lengthOf(size: bigint): number {
  if (size <= COMPRESS_KNEE) return Number(size);
  return KNEE + Math.round(KNEE * ((Math.log2(Number(size)) - KNEE_LOG2) / 4));
}

/**
 * Axis length of a piece of `size` bytes: itself up to the knee, then
 * knee * (1 + log2(size / knee) / 4), which is continuous and strictly increasing.
 */
export function compressedLength(size: bigint): bigint {
  return BigInt(lengthOf(size));
}

/**
 * Compressed axis from boundary addresses (anything in [0, 2^64]; duplicates and out-of-range
 * values are ignored). 0 and 2^64 are always boundaries.
 */
export function compressedAxis(boundaries: Iterable<bigint>): AxisMap {
  const inside: bigint[] = [];
  for (const b of boundaries) if (b > 0n && b < U64_MOD) inside.push(b);
  return runToEnd(compressedAxisSliced(BigUint64Array.from(inside)));
}

/** Compressed axis from boundaries in (0, 2^64), in any order (`cuts` is reused while sorting). */
export function* compressedAxisSliced(unsorted: BigUint64Array): Sliced<AxisMap> {
  const cuts = yield* sortU64(unsorted);
  const starts: bigint[] = [0n];
  // Positions written in place (at most one piece per cut, plus the first and the total): copying
  // a grown array of millions into a Float64Array at the end was one 70 ms step.
  const at = new Float64Array(cuts.length + 2);
  let pieces = 1;
  let prev = 0n;
  let pos = 0;
  const close = (next: bigint): void => {
    pos += lengthOf(next - prev);
    at[pieces] = pos;
  };
  for (let i = 0; i < cuts.length; i++) {
    if (i % SLICE_ITEMS === SLICE_ITEMS - 1) yield;
    const c = cuts[i]!;
    if (c === prev) continue;
    close(c);
    starts.push(c);
    pieces += 1;
    prev = c;
  }
  close(U64_MOD);
  return piecewiseAxis(starts, at.subarray(0, pieces + 1));
}

/** The axis over pieces starting at `starts` (the last one ends at 2^64), with `at[i]` the position of piece i and at[n] the total. */
function piecewiseAxis(starts: readonly bigint[], at: Float64Array): AxisMap {
  const n = starts.length;
  const total = BigInt(at[n]!);
  const endOf = (i: number): bigint => (i + 1 < n ? starts[i + 1]! : U64_MOD);
  const segment = (i: number): AxisSegment => ({ start: starts[i]!, size: endOf(i) - starts[i]!, at: BigInt(at[i]!), length: BigInt(at[i + 1]! - at[i]!) });
  return {
    compressed: true,
    total,
    segmentCount: n,
    segment,
    segmentAtAxis: (u) => lastAtMost(at, n, Number(clamp(u, 0n, total))),
    toAxis(addr) {
      const a = clamp(addr, 0n, U64_MOD);
      if (a === U64_MOD) return total;
      const lo = lastAtMost(starts, n, a);
      const base = BigInt(at[lo]!);
      const off = a - starts[lo]!;
      if (off === 0n) return base;
      const size = endOf(lo) - starts[lo]!;
      return base + (off * BigInt(at[lo + 1]! - at[lo]!)) / size;
    },
    fromAxis(u) {
      const v = clamp(u, 0n, total);
      if (v === total) return U64_MOD;
      const s = segment(lastAtMost(at, n, Number(v)));
      // Ceiling: the first address whose position reaches v (exact inverse on to-scale pieces).
      return s.start + ((v - s.at) * s.size + s.length - 1n) / s.length;
    },
  };
}

/** Index of the last of the first n values (ascending, the first <= x) that is <= x. */
function lastAtMost<T extends number | bigint>(values: ArrayLike<T>, n: number, x: T): number {
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (values[mid]! <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function clamp(x: bigint, lo: bigint, hi: bigint): bigint {
  return x < lo ? lo : x > hi ? hi : x;
}
