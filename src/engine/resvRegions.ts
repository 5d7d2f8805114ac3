/**
 * Reserved regions, the way drivers/iommu/iommu.c (Linux v6.17-rc3) builds and prints them.
 *
 * A driver's get_resv_regions() hands out a per-device list in driver order (unsorted, unmerged).
 * The group list that sysfs `reserved_regions` and VFIO type1 read is built from it by inserting
 * every region with iommu_insert_resv_region(): sorted by (start, type), same-type regions that
 * overlap or touch merged, all arithmetic in u64 (wrapping).
 */
import type { ResvTypeName } from '../model/scenario.ts';
import { hex16, lastOf, add64, sub64 } from './u64.ts';

export type { ResvTypeName };

/** enum iommu_resv_type order (include/linux/iommu.h): the tie-break when two starts are equal. */
export const RESV_TYPE_ORDER: Readonly<Record<ResvTypeName, number>> = {
  direct: 0,
  'direct-relaxable': 1,
  reserved: 2,
  msi: 3,
  'sw-msi': 4,
};

export const RESV_TYPES: readonly ResvTypeName[] = ['direct', 'direct-relaxable', 'reserved', 'msi', 'sw-msi'];

/** IOMMU_READ … IOMMU_PRIV (include/linux/iommu.h). */
export const PROT = { READ: 1, WRITE: 2, CACHE: 4, NOEXEC: 8, MMIO: 16, PRIV: 32 } as const;

/** arm-smmu-v3.h / arm-smmu.c / virtio-iommu.c: the software-managed MSI window. */
export const MSI_IOVA_BASE = 0x8000000n;
export const MSI_IOVA_LENGTH = 0x100000n;
/** Second candidate of Shyam Saini's "arm-smmu: select suitable MSI IOVA" v2–v4 (not merged). */
export const MSI_IOVA_BASE2 = 0xa0000000n;
/** Prot of the SW_MSI region the SMMU drivers add: IOMMU_WRITE | IOMMU_NOEXEC | IOMMU_MMIO. */
export const SW_MSI_PROT = PROT.WRITE | PROT.NOEXEC | PROT.MMIO;

export interface ResvRegion {
  readonly start: bigint;
  /** Bytes (size_t). 0 happens after a merge covering all 2^64 bytes. */
  readonly length: bigint;
  readonly prot: number;
  readonly type: ResvTypeName;
  /** Provenance (not kernel-visible); a merge appends the swallowed region's sources. */
  readonly sources?: readonly string[];
}

/** start + length - 1, mod 2^64: the inclusive last byte the kernel computes (wraps for length 0). */
export function resvLast(r: Pick<ResvRegion, 'start' | 'length'>): bigint {
  return lastOf(r.start, r.length);
}

function mergedSources(a: ResvRegion, b: ResvRegion): readonly string[] | undefined {
  if (!b.sources?.length) return a.sources;
  return [...(a.sources ?? []), ...b.sources.filter((s) => !a.sources?.includes(s))];
}

/**
 * iommu_insert_resv_region: returns a new list with `region` inserted and merged.
 * `list` must already satisfy the function's invariant (it does if it was built by this function).
 */
export function insertResvRegion(list: readonly ResvRegion[], region: ResvRegion): ResvRegion[] {
  const order = RESV_TYPE_ORDER[region.type];
  // Sorted insert: before the first element with a larger start, or the same start and a type
  // not smaller (so a new region goes before an equal one).
  let at = list.findIndex((it) => region.start < it.start || (region.start === it.start && order <= RESV_TYPE_ORDER[it.type]));
  if (at < 0) at = list.length;
  const withNew = [...list.slice(0, at), { ...region }, ...list.slice(at)];

  // Merge pass over the elements of the new region's type, building the output "stack".
  const stack: ResvRegion[] = [];
  let topIndex = -1; // last element of region.type on the stack
  for (const it of withNew) {
    if (it.type !== region.type || topIndex < 0) {
      if (it.type === region.type) topIndex = stack.length;
      stack.push(it);
      continue;
    }
    const top = stack[topIndex]!;
    const topEnd = resvLast(top);
    // top_end + 1 wraps to 0 when top ends at u64 max: a later region is then never merged.
    if (it.start > add64(topEnd, 1n)) {
      topIndex = stack.length;
      stack.push(it);
    } else {
      const itEnd = resvLast(it);
      const end = topEnd > itEnd ? topEnd : itEnd;
      // Wraps to 0 for a region covering all 2^64 bytes; prot and type of `top` are kept.
      const length = add64(sub64(end, top.start), 1n);
      const sources = mergedSources(top, it);
      stack[topIndex] = sources ? { ...top, length, sources } : { ...top, length };
    }
  }
  return stack;
}

/**
 * iommu_get_group_resv_regions: insert every device's regions in device order; a device without
 * an IOMMU (undefined) ends the walk (break, not skip), which is how such groups get an empty file.
 */
export function groupResvRegions(deviceLists: readonly (readonly ResvRegion[] | undefined)[]): ResvRegion[] {
  let list: ResvRegion[] = [];
  for (const regions of deviceLists) {
    if (regions === undefined) break;
    for (const r of regions) list = insertResvRegion(list, r);
  }
  return list;
}

/** iommu_group_resv_type_string: both MSI kinds print "msi". */
export function sysfsTypeName(type: ResvTypeName): string {
  return type === 'sw-msi' ? 'msi' : type;
}

/** One line of iommu_group_show_resv_regions: "0x%016llx 0x%016llx %s" (no newline). */
export function sysfsLine(r: ResvRegion): string {
  return `${hex16(r.start)} ${hex16(resvLast(r))} ${sysfsTypeName(r.type)}`;
}

/** The whole sysfs reserved_regions file for a merged group list ("" when empty). */
export function sysfsText(list: readonly ResvRegion[]): string {
  return list.map((r) => sysfsLine(r) + '\n').join('');
}

