/**
 * Valid MSI windows, by interval arithmetic (complement, intersection, alignment trimming; never
 * by stepping through addresses), and the two window pickers the policies use.
 */
import { MSI_IOVA_BASE } from '../engine/resvRegions.ts';
import { U64_MAX, type Range } from '../engine/u64.ts';
import type { DeviceKernel } from './deviceContext.ts';
import { MiB, alignedIntersection, freeOfSortedLists, type FreeRanges } from './intervals.ts';
import type { MsiWindow } from './types.ts';

const FOUR_GIB = 0x100000000n;

/**
 * IOVA space clear of the platform obstacles of every device that needs a SW_MSI window (of all
 * IOMMU devices if none does). A window is valid for all of them exactly when it lies in here
 * and clear of the guest, so one union replaces intersecting every device's valid set.
 */
export function platformFreeForAll(devices: readonly DeviceKernel[]): Range[] {
  const swMsi = devices.filter((k) => !k.hwMsi);
  const relevant = swMsi.length > 0 ? swMsi : devices;
  // Each device's platform list is already sorted by start: swept together, they need no sort.
  return relevant.length === 0 ? [] : freeOfSortedLists(relevant.map((k) => k.platform));
}

/** The scenario's valid windows: clear of the platform (every relevant device) and of the guest. */
export function validWindows(platformFree: readonly Range[], guestFree: readonly Range[]): Range[] {
  return alignedIntersection(platformFree, guestFree);
}

/** First and last+1 of the whole MiB windows inside r (empty when end - start < MiB). */
function alignedBounds(start: bigint, last: bigint): [bigint, bigint] {
  return [((start + MiB - 1n) / MiB) * MiB, ((last + 1n) / MiB) * MiB];
}

/** Number of ranges starting below x, in ranges sorted by start (binary search). */
function countStartingBelow(sorted: FreeRanges, x: bigint): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted.at(mid)!.start < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Highest window whose last byte is below `limit` (exclusive), from sorted free ranges. */
function highestBelow(free: FreeRanges, limit: bigint): MsiWindow | undefined {
  const top = (limit / MiB) * MiB; // end of the highest whole window below limit
  // A range starting at or above `top` holds no window ending by it: skip those (most of them,
  // on a platform whose reservations lie above 4 GiB) without trimming each.
  for (let i = countStartingBelow(free, top) - 1; i >= 0; i--) {
    const r = free.at(i)!;
    const [start, alignedEnd] = alignedBounds(r.start, r.last);
    const end = alignedEnd < top ? alignedEnd : top;
    if (end - MiB >= start) return { base: end - MiB, size: MiB };
  }
  return undefined;
}

/** The dynamic rule: the highest window below 4 GiB, else the highest anywhere. */
export function highestWindow(free: FreeRanges): MsiWindow | undefined {
  return highestBelow(free, FOUR_GIB) ?? highestBelow(free, 1n << 64n);
}

const EVERYTHING: readonly Range[] = [{ start: 0n, last: U64_MAX }];

/**
 * The valid window nearest to MSI_IOVA_BASE (ties: the lower one), in a ∩ b (both sorted and
 * disjoint) trimmed to whole MiB. Walks the intersection as intersect() builds it and stops at
 * the first window at or above MSI_IOVA_BASE: later ones are farther.
 */
export function nearestValidWindow(a: FreeRanges, b: FreeRanges = EVERYTHING): MsiWindow | undefined {
  let best: bigint | undefined;
  let bestDistance = 0n;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a.at(i)!;
    const y = b.at(j)!;
    if (x.last < y.last) i += 1;
    else j += 1;
    const [start, end] = alignedBounds(x.start > y.start ? x.start : y.start, x.last < y.last ? x.last : y.last);
    if (end - start < MiB) continue;
    const lastBase = end - MiB;
    const base = MSI_IOVA_BASE < start ? start : MSI_IOVA_BASE > lastBase ? lastBase : MSI_IOVA_BASE;
    const distance = base > MSI_IOVA_BASE ? base - MSI_IOVA_BASE : MSI_IOVA_BASE - base;
    if (best === undefined || distance < bestDistance) {
      best = base;
      bestDistance = distance;
    }
    if (base >= MSI_IOVA_BASE) break;
  }
  return best === undefined ? undefined : { base: best, size: MiB };
}
