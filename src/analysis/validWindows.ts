/**
 * Valid MSI windows, by interval arithmetic (complement, intersection, alignment trimming; never
 * by stepping through addresses), and the two window pickers the policies use.
 */
import { MSI_IOVA_BASE } from '../engine/resvRegions.ts';
import type { Range } from '../engine/u64.ts';
import type { DeviceKernel } from './deviceContext.ts';
import { MiB, alignedWindows, complement, intersect, union } from './intervals.ts';
import { mergeAllSorted } from './obstacles.ts';
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
  // Each device's platform list is already sorted: merging them is the (stable) sort union() does.
  return relevant.length === 0 ? [] : complement(union(mergeAllSorted(relevant.map((k) => k.platform))));
}

/** The scenario's valid windows: clear of the platform (every relevant device) and of the guest. */
export function validWindows(platformFree: readonly Range[], guestFree: readonly Range[]): Range[] {
  return alignedWindows(intersect(platformFree, guestFree));
}

/** Highest window whose last byte is below `limit` (exclusive), from sorted aligned ranges. */
function highestBelow(free: readonly Range[], limit: bigint): MsiWindow | undefined {
  for (let i = free.length - 1; i >= 0; i--) {
    const r = free[i]!;
    const end = r.last + 1n < limit ? r.last + 1n : (limit / MiB) * MiB;
    if (end - MiB >= r.start) return { base: end - MiB, size: MiB };
  }
  return undefined;
}

/** The dynamic rule: the highest window below 4 GiB, else the highest anywhere. */
export function highestWindow(free: readonly Range[]): MsiWindow | undefined {
  return highestBelow(free, FOUR_GIB) ?? highestBelow(free, 1n << 64n);
}

/** The valid window nearest to MSI_IOVA_BASE (ties: the lower one). */
export function nearestValidWindow(free: readonly Range[]): MsiWindow | undefined {
  let best: bigint | undefined;
  let bestDistance = 0n;
  for (const r of free) {
    const lastBase = r.last + 1n - MiB;
    const base = MSI_IOVA_BASE < r.start ? r.start : MSI_IOVA_BASE > lastBase ? lastBase : MSI_IOVA_BASE;
    const distance = base > MSI_IOVA_BASE ? base - MSI_IOVA_BASE : MSI_IOVA_BASE - base;
    if (best === undefined || distance < bestDistance) {
      best = base;
      bestDistance = distance;
    }
  }
  return best === undefined ? undefined : { base: best, size: MiB };
}
