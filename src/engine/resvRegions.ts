/**
 * Reserved regions, the way drivers/iommu/iommu.c (Linux v6.17-rc3) builds and prints them.
 *
 * A driver's get_resv_regions() hands out a per-device list in driver order (unsorted, unmerged).
 * The group list that sysfs `reserved_regions` and VFIO type1 read is built from it by inserting
 * every region with iommu_insert_resv_region(): sorted by (start, type), same-type regions that
 * overlap or touch merged, all arithmetic in u64 (wrapping).
 */
import type { ResvTypeName } from '../model/scenario.ts';
import { U64_MAX, hex16, lastOf, add64, sub64 } from './u64.ts';

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

/** A merge keeps the top's sources and appends the swallowed region's new ones (not kernel-visible). */
function mergedSources(top: readonly string[] | undefined, swallowed: readonly string[] | undefined): readonly string[] | undefined {
  if (!swallowed?.length) return top;
  return [...(top ?? []), ...swallowed.filter((s) => !top?.includes(s))];
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
      const sources = mergedSources(top.sources, it.sources);
      stack[topIndex] = sources ? { ...top, length, sources } : { ...top, length };
    }
  }
  return stack;
}

/** The regions iommu_get_group_resv_regions inserts, in order: a device without an IOMMU ends the walk. */
function walkOrder(deviceLists: readonly (readonly ResvRegion[] | undefined)[]): ResvRegion[] {
  const out: ResvRegion[] = [];
  for (const regions of deviceLists) {
    if (regions === undefined) break;
    for (const r of regions) out.push(r);
  }
  return out;
}

/**
 * iommu_get_group_resv_regions literally: one iommu_insert_resv_region per region, in device
 * order (a device without an IOMMU, undefined, ends the walk: break, not skip, which is how such
 * groups get an empty file). O(n²); the reference groupResvRegions must agree with.
 */
export function groupResvRegionsSequential(deviceLists: readonly (readonly ResvRegion[] | undefined)[]): ResvRegion[] {
  return foldInsert(walkOrder(deviceLists));
}

function foldInsert(regions: readonly ResvRegion[]): ResvRegion[] {
  return regions.reduce<ResvRegion[]>((list, r) => insertResvRegion(list, r), []);
}

/**
 * Whether every sum on this region stays exact in u64: its last byte is in [0, u64 max - 1], so
 * `top_end + 1` and the merged length never wrap (and its type is a known one).
 */
function staysBelowU64Max(r: ResvRegion): boolean {
  const end = r.start + r.length; // exclusive, exact
  return r.start >= 0n && r.length >= 0n && end >= 1n && end <= U64_MAX && RESV_TYPE_ORDER[r.type] !== undefined;
}

/** Same-type regions that end up in one merged region: indexes into the walk, by start. */
interface Component {
  readonly members: number[];
  end: bigint;
}

function byStartThenType(regions: readonly ResvRegion[]): (a: number, b: number) => number {
  return (a, b) => {
    const x = regions[a]!;
    const y = regions[b]!;
    return x.start < y.start ? -1 : x.start > y.start ? 1 : RESV_TYPE_ORDER[x.type] - RESV_TYPE_ORDER[y.type];
  };
}

/**
 * Without wrap-around, a merge pass over a list sorted by start makes the connected components
 * of the closed intervals [start, start + length] (touching regions merge; a zero-length region is
 * the point [start, start]) and every pass of the fold keeps the list that way, so the fold's
 * merged regions are exactly these components, whatever the insertion order. One sort by
 * (start, type) and one sweep find them, already in the list's final order.
 */
function components(regions: readonly ResvRegion[]): Component[] {
  const order = regions.map((_, i) => i).sort(byStartThenType(regions));
  const open: (Component | undefined)[] = [];
  const out: Component[] = [];
  for (const i of order) {
    const r = regions[i]!;
    const t = RESV_TYPE_ORDER[r.type];
    const last = r.start + r.length - 1n;
    const c = open[t];
    if (c && r.start <= c.end + 1n) {
      c.members.push(i);
      if (last > c.end) c.end = last;
    } else {
      const next = { members: [i], end: last };
      open[t] = next;
      out.push(next);
    }
  }
  return out;
}

interface Run {
  readonly start: bigint;
  end: bigint;
  /** Walk indexes in the order the fold merged them: [0] is the region whose start/prot/type stay. */
  readonly merged: number[];
}

/** First run whose start is >= start (iommu_insert_resv_region puts a new region before it). */
function firstAtOrAfter(runs: readonly Run[], start: bigint): number {
  let lo = 0;
  let hi = runs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (runs[mid]!.start < start) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Which region of a component the fold keeps, and in which order it swallowed the others (that
 * order decides the sources list, which depends on the insertion history, not only on the
 * addresses). Replays the fold on the component's regions alone — other components never meet
 * them — with a sorted array and binary search instead of rebuilding the list per insert: a new
 * region is swallowed by the run before it if it touches it, else starts a run, and the run it
 * is in then swallows the following runs while they touch (the rest were already apart).
 */
function mergeOrder(regions: readonly ResvRegion[], members: readonly number[]): number[] {
  const runs: Run[] = [];
  for (const i of [...members].sort((a, b) => a - b)) {
    const r = regions[i]!;
    const last = r.start + r.length - 1n;
    let at = firstAtOrAfter(runs, r.start);
    const before = runs[at - 1];
    let top: Run;
    if (before && r.start <= before.end + 1n) {
      top = before;
      top.merged.push(i);
      if (last > top.end) top.end = last;
    } else {
      top = { start: r.start, end: last, merged: [i] };
      runs.splice(at, 0, top);
      at += 1;
    }
    let end = at;
    for (; end < runs.length && runs[end]!.start <= top.end + 1n; end++) {
      const next = runs[end]!;
      for (const j of next.merged) top.merged.push(j);
      if (next.end > top.end) top.end = next.end;
    }
    runs.splice(at, end - at);
  }
  return runs[0]!.merged;
}

function mergedRegion(regions: readonly ResvRegion[], c: Component): ResvRegion {
  if (c.members.length === 1) return { ...regions[c.members[0]!]! };
  const [first, ...rest] = mergeOrder(regions, c.members);
  const top = regions[first!]!;
  const sources = rest.reduce((acc, j) => mergedSources(acc, regions[j]!.sources), top.sources);
  const length = c.end - top.start + 1n;
  return sources ? { ...top, length, sources } : { ...top, length };
}

/**
 * iommu_get_group_resv_regions: the list the fold of iommu_insert_resv_region builds (identical:
 * order, starts, lengths, prot, type, sources), in O(n log n) when no region reaches u64 max;
 * otherwise `top_end + 1` can wrap and the insertion order matters, so the literal fold runs.
 */
export function groupResvRegions(deviceLists: readonly (readonly ResvRegion[] | undefined)[]): ResvRegion[] {
  const regions = walkOrder(deviceLists);
  if (!regions.every(staysBelowU64Max)) return foldInsert(regions);
  return components(regions).map((c) => mergedRegion(regions, c));
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

