/**
 * Snapping MSI-window candidates: bases are multiples of the candidate's alignment (1 MiB by
 * default, the iommufd proposal's unit; never finer than the IOVA granule, since nothing smaller
 * than a page can be mapped) and the window must end inside the 64-bit space.
 */
import { U64_MOD, type Range } from '../engine/u64.ts';

export const DEFAULT_ALIGNMENT = 0x100000n;

/** The alignment in force: the requested one, but never below the domain granule. */
export function effectiveAlignment(requested: bigint, granule: bigint | undefined): bigint {
  const g = granule ?? 1n;
  return requested > g ? requested : g;
}

/** Highest aligned base whose window [base, base + size) still fits below 2^64. */
export function maxBase(size: bigint, alignment: bigint): bigint {
  const top = U64_MOD - size;
  return top < 0n ? 0n : (top / alignment) * alignment;
}

/** Nearest multiple of `alignment` to `addr`, clamped so the window fits. */
export function snapBase(addr: bigint, size: bigint, alignment: bigint): bigint {
  const clamped = addr < 0n ? 0n : addr;
  const down = (clamped / alignment) * alignment;
  const nearest = clamped - down >= (alignment + 1n) / 2n ? down + alignment : down;
  const hi = maxBase(size, alignment);
  return nearest > hi ? hi : nearest;
}

/** Move by `steps` alignment steps (negative = down), clamped to the space. */
export function stepBase(base: bigint, steps: number, size: bigint, alignment: bigint): bigint {
  return snapBase(base + BigInt(steps) * alignment, size, alignment);
}

/**
 * Aligned bases at which a window of `size` fits entirely inside one of `ranges`:
 * for each range, the first and last such base (ranges too small or misaligned give none).
 */
export function windowBasesIn(ranges: readonly Range[], size: bigint, alignment: bigint): { first: bigint; last: bigint }[] {
  const out: { first: bigint; last: bigint }[] = [];
  for (const r of ranges) {
    const first = ((r.start + alignment - 1n) / alignment) * alignment;
    const lastStart = r.last + 1n - size;
    if (lastStart < first) continue;
    const last = (lastStart / alignment) * alignment;
    if (last >= first) out.push({ first, last });
  }
  return out;
}

const KEY_STEPS: Readonly<Record<string, number>> = { ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1, PageUp: 16, PageDown: -16 };

/**
 * Where a window slider's key moves it (WAI-ARIA slider keys): arrows by one alignment step,
 * PageUp/PageDown by 16, Home/End to the lowest/highest valid base (or the ends of the space when
 * no window is valid). Undefined for any other key.
 */
export function baseForKey(key: string, base: bigint, size: bigint, alignment: bigint, validEnds: { first: bigint; last: bigint } | undefined): bigint | undefined {
  if (key in KEY_STEPS) return stepBase(base, KEY_STEPS[key]!, size, alignment);
  if (key === 'Home') return validEnds?.first ?? 0n;
  if (key === 'End') return validEnds?.last ?? maxBase(size, alignment);
  return undefined;
}

/** Lowest and highest base of a window of `size` inside the valid ranges, if any. */
export function validBaseEnds(valid: readonly Range[], size: bigint, alignment: bigint): { first: bigint; last: bigint } | undefined {
  const bases = windowBasesIn(valid, size, alignment);
  return bases.length ? { first: bases[0]!.first, last: bases[bases.length - 1]!.last } : undefined;
}
