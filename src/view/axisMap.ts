/**
 * The axis: how addresses are laid out along the map before any zoom is applied.
 *
 * An axis turns an address into an "axis unit" (a BigInt position on a line of `total` units) and
 * back. The linear axis is the identity on [0, 2^64]. The compressed axis cuts the address space
 * at every boundary that matters (item starts and ends) and shrinks each long piece to a length
 * that grows only with the logarithm of its size, so a 1 MiB window next to a 256 TiB range stays
 * visible. Short pieces keep their size, so zooming into them feels linear.
 *
 * Everything here is exact BigInt arithmetic; doubles appear only in addressScale.ts, and only
 * for small offsets relative to the view.
 */
import { U64_MOD } from '../engine/u64.ts';

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
  /** Pieces in address order, covering [0, 2^64) without gaps. */
  readonly segments: readonly AxisSegment[];
  /** Axis position of an address in [0, 2^64] (2^64 = the exclusive end of the space). */
  toAxis(addr: bigint): bigint;
  /** Lowest address whose axis position is >= u (u clamped to [0, total]). */
  fromAxis(u: bigint): bigint;
}

export const LINEAR_AXIS: AxisMap = {
  compressed: false,
  total: U64_MOD,
  segments: [{ start: 0n, size: U64_MOD, at: 0n, length: U64_MOD }],
  toAxis: (addr) => clamp(addr, 0n, U64_MOD),
  fromAxis: (u) => clamp(u, 0n, U64_MOD),
};

/** Pieces up to this size are drawn to scale; longer ones grow with log2 of their size. */
export const COMPRESS_KNEE = 0x100000n; // 1 MiB: the size of an MSI window

/**
 * Axis length of a piece of `size` bytes: itself up to the knee, then
 * knee * (1 + log2(size / knee) / 4), which is continuous and strictly increasing.
 */
export function compressedLength(size: bigint): bigint {
  if (size <= COMPRESS_KNEE) return size;
  const octaves = log2Big(size) - log2Big(COMPRESS_KNEE);
  return COMPRESS_KNEE + BigInt(Math.round(Number(COMPRESS_KNEE) * (octaves / 4)));
}

/** log2 of a positive BigInt as a double, accurate to ~1e-15 for any size. */
export function log2Big(x: bigint): number {
  const bits = x.toString(2).length;
  if (bits <= 53) return Math.log2(Number(x));
  const top = Number(x >> BigInt(bits - 53));
  return bits - 53 + Math.log2(top);
}

/**
 * Compressed axis from boundary addresses (anything in [0, 2^64]; duplicates and out-of-range
 * values are ignored). 0 and 2^64 are always boundaries.
 */
export function compressedAxis(boundaries: Iterable<bigint>): AxisMap {
  const cuts = new Set<bigint>([0n, U64_MOD]);
  for (const b of boundaries) if (b > 0n && b < U64_MOD) cuts.add(b);
  const sorted = [...cuts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const segments: AxisSegment[] = [];
  let at = 0n;
  for (let i = 0; i + 1 < sorted.length; i++) {
    const start = sorted[i]!;
    const size = sorted[i + 1]! - start;
    const length = compressedLength(size);
    segments.push({ start, size, at, length });
    at += length;
  }
  const total = at;
  return {
    compressed: true,
    total,
    segments,
    toAxis(addr) {
      const a = clamp(addr, 0n, U64_MOD);
      if (a === U64_MOD) return total;
      const s = segments[findSegment(segments, a, (g) => g.start)]!;
      return s.at + ((a - s.start) * s.length) / s.size;
    },
    fromAxis(u) {
      const v = clamp(u, 0n, total);
      if (v === total) return U64_MOD;
      const s = segments[findSegment(segments, v, (g) => g.at)]!;
      // Ceiling: the first address whose position reaches v (exact inverse on to-scale pieces).
      return s.start + ((v - s.at) * s.size + s.length - 1n) / s.length;
    },
  };
}

/** Index of the last segment whose key is <= x (segments are sorted by both keys). */
function findSegment(segments: readonly AxisSegment[], x: bigint, key: (s: AxisSegment) => bigint): number {
  let lo = 0;
  let hi = segments.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (key(segments[mid]!) <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function clamp(x: bigint, lo: bigint, hi: bigint): bigint {
  return x < lo ? lo : x > hi ? hi : x;
}
