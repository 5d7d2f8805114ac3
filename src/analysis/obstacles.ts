/**
 * Everything an MSI window must stay clear of for one device, as IOVA ranges: the outside of the
 * IOMMU aperture, the gaps between the host bridge's inbound dma-ranges, the bridge's outbound
 * MMIO windows (peer-to-peer), the guest's RAM and BARs, the device's reserved regions, and the
 * platform reservations the kernel does not report for it. Kept sorted by start with a running
 * maximum of `last`, so the obstacles overlapping a window are found by binary search.
 */
import { U64_MAX, hex, type Range } from '../engine/u64.ts';
import type { GuestRegion, HostBridge, Iommu, ResvTypeName } from '../model/scenario.ts';
import { complement, union, type FreeRanges } from './intervals.ts';
import type { ProducedRegion } from './producers/index.ts';

export type ObstacleKind =
  | 'outside-aperture'
  | 'outside-inbound-window'
  | 'pci-window'
  | 'guest-ram'
  | 'guest-bar'
  | 'guest-memory'
  | 'reserved-region'
  | 'unreported-reservation';

export interface Obstacle extends Range {
  readonly kind: ObstacleKind;
  /** What it is, in words: "guest RAM", "resv_faulty (reserved-memory)". */
  readonly with: string;
  /** For reserved regions: the kernel type. */
  readonly type?: ResvTypeName;
}

/** Obstacles sorted by start, with maxLast[i] = max(items[0..i].last): a query stops as soon as nothing earlier can reach it. */
export interface SortedObstacles {
  readonly items: readonly Obstacle[];
  readonly maxLast: readonly bigint[];
}

/**
 * Several sorted lists queried together, earlier lists first among equal starts. Kept apart, not
 * merged: a device's platform list (built once per scenario) and the guest's (shared by every
 * device) are then not copied into one list per device on every analysis.
 */
export type ObstacleIndex = readonly SortedObstacles[];

export function rangeText(r: Range): string {
  return `[${hex(r.start)}-${hex(r.last)}]`;
}

export function byStart(a: Obstacle, b: Obstacle): number {
  return a.start < b.start ? -1 : a.start > b.start ? 1 : 0;
}

export function sortObstacles(obstacles: readonly Obstacle[]): Obstacle[] {
  return [...obstacles].sort(byStart);
}

/** Merge two lists already sorted by start (linear: the big platform list is sorted once). */
function mergeSorted(a: readonly Obstacle[], b: readonly Obstacle[]): Obstacle[] {
  const out: Obstacle[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i]!.start <= b[j]!.start)) out.push(a[i++]!);
    else out.push(b[j++]!);
  }
  return out;
}

export function indexSorted(items: readonly Obstacle[]): SortedObstacles {
  const maxLast: bigint[] = [];
  let m = -1n;
  for (const o of items) {
    if (o.last > m) m = o.last;
    maxLast.push(m);
  }
  return { items, maxLast };
}

/**
 * The complement of the obstacles' union (freeOfSorted), read by position instead of built:
 * entry i is the gap before items[i] (entry n the one after the last), from the running maximum
 * of `last` to the next start; a gap the earlier obstacles cover is empty. The pickers read a few
 * entries per device, not the 10,000 a list would hold.
 */
export function freeGaps({ items, maxLast }: SortedObstacles): FreeRanges {
  return {
    length: items.length + 1,
    at: (i) =>
      i < 0 || i > items.length ? undefined : { start: i === 0 ? 0n : maxLast[i - 1]! + 1n, last: i === items.length ? U64_MAX : items[i]!.start - 1n },
  };
}

/** Index obstacles given as lists each sorted by start. */
export function indexObstacles(...sortedLists: readonly (readonly Obstacle[])[]): ObstacleIndex {
  return sortedLists.map(indexSorted);
}

/** Obstacles of one sorted list intersecting r, in list order. O(log n + k) for non-nested obstacles. */
function overlappingSorted(ix: SortedObstacles, r: Range): Obstacle[] {
  let lo = 0;
  let hi = ix.items.length; // first index with start > r.last
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ix.items[mid]!.start <= r.last) lo = mid + 1;
    else hi = mid;
  }
  const out: Obstacle[] = [];
  for (let i = lo - 1; i >= 0 && ix.maxLast[i]! >= r.start; i--) {
    if (ix.items[i]!.last >= r.start) out.push(ix.items[i]!);
  }
  return out.reverse();
}

/** Obstacles intersecting r, in address order (earlier lists first among equal starts). */
export function overlapping(ix: ObstacleIndex, r: Range): Obstacle[] {
  let out: Obstacle[] = [];
  for (const part of ix) {
    const found = overlappingSorted(part, r);
    if (found.length > 0) out = out.length === 0 ? found : mergeSorted(out, found);
  }
  return out;
}

export function apertureObstacles(iommu: Iommu): Obstacle[] {
  return complement([iommu.aperture]).map((r) => ({ ...r, kind: 'outside-aperture' as const, with: `outside the ${iommu.name} aperture ${rangeText(iommu.aperture)}` }));
}

/** Bus-address gaps between inbound dma-ranges; none when the bridge has no dma-ranges. */
export function inboundGapObstacles(bridge: HostBridge | undefined): Obstacle[] {
  if (!bridge || bridge.dmaRanges.length === 0) return [];
  const inbound = union(bridge.dmaRanges.map((d) => ({ start: d.busStart, last: d.busStart + d.size - 1n })));
  return complement(inbound).map((r) => ({ ...r, kind: 'outside-inbound-window' as const, with: `outside the inbound dma-ranges of ${bridge.name}` }));
}

/** Outbound MEM windows as bus addresses (I/O windows are not memory, as iova_reserve_pci_windows skips them). */
export function bridgeWindowObstacles(bridge: HostBridge | undefined): Obstacle[] {
  if (!bridge) return [];
  return bridge.windows
    .filter((w) => w.kind !== 'io')
    .map((w) => ({ start: w.busStart, last: w.busStart + w.size - 1n, kind: 'pci-window' as const, with: `${bridge.name} ${w.kind === 'mem' ? 'MMIO' : 'prefetchable MMIO'} window` }));
}

export function guestObstacles(guest: readonly GuestRegion[]): Obstacle[] {
  return guest.map((g) => ({
    start: g.start,
    last: g.start + g.size - 1n,
    kind: g.kind === 'ram' ? ('guest-ram' as const) : g.kind === 'bar' ? ('guest-bar' as const) : ('guest-memory' as const),
    with: g.kind === 'ram' ? g.name : `guest ${g.kind.toUpperCase()} ${g.name}`,
  }));
}

export function regionObstacles(regions: readonly ProducedRegion[], kind: 'reserved-region' | 'unreported-reservation'): Obstacle[] {
  return regions.map((r) => ({ start: r.start, last: r.start + r.length - 1n, kind, with: r.name, type: r.type }));
}
