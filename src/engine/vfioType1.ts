/**
 * VFIO type1 (drivers/vfio/vfio_iommu_type1.c, Linux v6.17-rc3): the container's list of valid
 * IOVA ranges (what VFIO_IOMMU_TYPE1_INFO_CAP_IOVA_RANGE reports), its SW_MSI lookup, the checks
 * of VFIO_IOMMU_MAP_DMA and group attach. Ranges are inclusive; all arithmetic is u64.
 */
import { resvLast, type ResvRegion } from './resvRegions.ts';
import { add64, hex, sub64, type Range } from './u64.ts';

export type { Range };

/**
 * vfio_iommu_aper_resize. Empty list → [start, end]. Otherwise trims both ends, with the kernel's
 * strict comparisons: a range ending exactly at `start` is deleted rather than cut to one byte,
 * and so is a range starting exactly at `end`.
 */
export function apertureResize(list: readonly Range[], start: bigint, end: bigint): Range[] {
  if (list.length === 0) return [{ start, last: end }];
  const out: Range[] = [];
  let i = 0;
  // Adjust the list start.
  for (; i < list.length; i++) {
    const n = list[i]!;
    if (start < n.start) break;
    if (start >= n.start && start < n.last) {
      out.push({ start, last: n.last });
      i++;
      break;
    }
    // deleted: below the new start
  }
  out.push(...list.slice(i));
  // Adjust the list end.
  const kept: Range[] = [];
  for (const n of out) {
    if (end > n.last) kept.push(n);
    else if (end > n.start && end <= n.last) kept.push({ start: n.start, last: end });
    // else deleted: above the new end
  }
  return kept;
}

/** Sorted, disjoint union of holes; touching ones joined (nothing remains between them). */
function joinHoles(holes: readonly Range[]): Range[] {
  const out: Range[] = [];
  for (const h of [...holes].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0))) {
    const top = out[out.length - 1];
    if (top && h.start <= top.last + 1n) {
      if (h.last > top.last) out[out.length - 1] = { start: top.start, last: h.last };
    } else out.push(h);
  }
  return out;
}

/** First index whose key is > x in a sorted array of keys (binary search). */
function firstAbove<T>(items: readonly T[], x: bigint, key: (t: T) => bigint): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (key(items[mid]!) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * One range after a run of non-wrapping regions: what the kernel's loop leaves of it does not
 * depend on their order — every byte of a hole goes, and each zero-length region splits the range
 * between start - 1 and start if both bytes are still in it (then they always were, in one piece).
 * Holes are sorted and joined, cuts sorted and unique, so the work is a binary search per range.
 */
function excludeRun(n: Range, holes: readonly Range[], cuts: readonly bigint[], rawHoles: readonly Range[]): Range[] {
  // An inverted range (start > last) is dropped by any hole "intersecting" it by the kernel's test.
  if (n.start > n.last) return rawHoles.some((h) => h.start <= n.last && h.last >= n.start) ? [] : [n];
  const kept: Range[] = [];
  let from = n.start;
  for (let i = firstAbove(holes, from - 1n, (h) => h.last); i < holes.length && holes[i]!.start <= n.last && from <= n.last; i++) {
    const h = holes[i]!;
    if (h.start > from) kept.push({ start: from, last: h.start - 1n });
    from = h.last + 1n; // exact: may pass u64 max, which ends the loop
  }
  if (from <= n.last) kept.push({ start: from, last: n.last });
  if (cuts.length === 0) return kept;
  const out: Range[] = [];
  for (const piece of kept) {
    let start = piece.start;
    for (let i = firstAbove(cuts, start, (c) => c); i < cuts.length && cuts[i]! <= piece.last; i++) {
      out.push({ start, last: cuts[i]! - 1n });
      start = cuts[i]!;
    }
    out.push(start === piece.start ? piece : { start, last: piece.last });
  }
  return out;
}

/**
 * A region whose end wrapped below start - 1 meets only a range holding both end and start, and
 * leaves two overlapping parts of it: [range.start, start - 1] and [end + 1, range.last].
 */
function excludeWrapped(n: Range, s: bigint, e: bigint): Range[] {
  if (s > n.last || e < n.start) return [n];
  const out: Range[] = [];
  if (s > n.start) out.push({ start: n.start, last: sub64(s, 1n) });
  if (e < n.last) out.push({ start: add64(e, 1n), last: n.last });
  return out;
}

/**
 * vfio_iommu_resv_exclude: every region except DIRECT_RELAXABLE, in list order, with
 * end = start + length - 1 (u64), replaces each range it intersects by the parts below and above it.
 * A zero-length region (end = start - 1) still "intersects" a range containing start - 1 and start,
 * splitting it in two. Nothing left → 'einval'.
 *
 * Same result as that loop, without rescanning the whole list per region: each range's fate
 * depends only on itself, and between regions whose end wrapped (which no driver produces; they
 * are applied one at a time) the order of the regions does not matter (excludeRun).
 */
export function resvExclude(list: readonly Range[], groupRegions: readonly ResvRegion[]): Range[] | 'einval' {
  let cur: readonly Range[] = list;
  let holes: Range[] = [];
  let cuts: bigint[] = [];
  const applyRun = () => {
    if (holes.length === 0 && cuts.length === 0) return;
    const joined = joinHoles(holes);
    const points = [...new Set(cuts)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const raw = holes;
    cur = cur.flatMap((n) => excludeRun(n, joined, points, raw));
    holes = [];
    cuts = [];
  };
  for (const region of groupRegions) {
    if (region.type === 'direct-relaxable') continue;
    const s = region.start;
    const e = resvLast(region);
    if (e >= s) holes.push({ start: s, last: e });
    else if (e + 1n === s) cuts.push(s);
    else {
      applyRun();
      cur = cur.flatMap((n) => excludeWrapped(n, s, e));
    }
  }
  applyRun();
  return cur.length === 0 ? 'einval' : [...cur];
}

/**
 * vfio_iommu_has_sw_msi: any hardware MSI region wins (no SW_MSI cookie); otherwise the start of
 * the last SW_MSI region in list order.
 */
export function hasSwMsi(groupRegions: readonly ResvRegion[]): bigint | undefined {
  let base: bigint | undefined;
  for (const r of groupRegions) {
    if (r.type === 'msi') return undefined;
    if (r.type === 'sw-msi') base = r.start;
  }
  return base;
}

/** One VFIO_IOMMU_MAP_DMA mapping. */
export interface VfioDma {
  readonly iova: bigint;
  readonly size: bigint;
}

/** The parts of struct vfio_iommu these checks read. */
export interface VfioContainer {
  /** Valid IOVA ranges (empty: no IOMMU-backed group yet → everything valid). */
  iovaList: Range[];
  readonly dmas: VfioDma[];
  /** dma_avail: starts at the dma_entry_limit module parameter (65535). */
  dmaAvail: number;
  /** Smallest page size of the IOMMU (1 << __ffs(pgsize_bitmap)). */
  readonly pgsize: bigint;
}

export const DMA_ENTRY_LIMIT = 65535;

export function newVfioContainer(pgsize = 0x1000n): VfioContainer {
  return { iovaList: [], dmas: [], dmaAvail: DMA_ENTRY_LIMIT, pgsize };
}

/**
 * vfio_find_dma: a mapping intersecting [start, start + size), with the kernel's u64 sums. (The
 * kernel descends an rbtree; for disjoint mappings the predicate is monotone, so any match is found.)
 */
function findDma(c: VfioContainer, start: bigint, size: bigint): VfioDma | undefined {
  const end = add64(start, size);
  return c.dmas.find((d) => !(end <= d.iova) && !(start >= add64(d.iova, d.size)));
}

type MapResult = { ok: true } | { ok: false; errno: 'EINVAL' | 'EEXIST' | 'ENOSPC'; reason: string };

/**
 * vfio_dma_do_map's checks, in the kernel's order (vaddr = iova unless given). On success the
 * mapping is recorded and dma_avail decremented.
 */
export function mapDma(c: VfioContainer, iova: bigint, size: bigint, vaddr: bigint = iova): MapResult {
  const range = `[${hex(iova)}, +${hex(size)})`;
  if (size === 0n) return { ok: false, errno: 'EINVAL', reason: 'size is 0' };
  if (((size | iova | vaddr) & (c.pgsize - 1n)) !== 0n) {
    return { ok: false, errno: 'EINVAL', reason: `iova, size or vaddr not aligned to the IOMMU page size ${hex(c.pgsize)}` };
  }
  const last = sub64(add64(iova, size), 1n);
  if (last < iova || sub64(add64(vaddr, size), 1n) < vaddr) return { ok: false, errno: 'EINVAL', reason: `${range} wraps past the end of the 64-bit space` };
  const clash = findDma(c, iova, size);
  if (clash) return { ok: false, errno: 'EEXIST', reason: `${range} overlaps the existing mapping [${hex(clash.iova)}, +${hex(clash.size)})` };
  if (c.dmaAvail === 0) return { ok: false, errno: 'ENOSPC', reason: 'dma_entry_limit mappings already exist' };
  if (c.iovaList.length > 0 && !c.iovaList.some((n) => iova >= n.start && last <= n.last)) {
    return { ok: false, errno: 'EINVAL', reason: `${range} is not inside one valid IOVA range (it hits a reserved hole or lies outside the aperture)` };
  }
  c.dmas.push({ iova, size });
  c.dmaAvail -= 1;
  return { ok: true };
}

type AttachResult = { ok: true; swMsiBase?: bigint } | { ok: false; errno: 'EINVAL' | 'EPERM'; reason: string };

/**
 * The range bookkeeping of vfio_iommu_type1_attach_group for a new IOMMU domain: aperture conflict
 * with existing mappings, reserved regions over existing mappings, resize + exclude on a copy,
 * SW_MSI lookup, MSI isolation; the copy is committed only on success.
 */
export function attachGroup(
  c: VfioContainer,
  aperture: Range,
  groupRegions: readonly ResvRegion[],
  msi: { readonly isolated: boolean; readonly allowUnsafeInterrupts: boolean } = { isolated: true, allowUnsafeInterrupts: false },
): AttachResult {
  const list = c.iovaList;
  // vfio_iommu_aper_conflict
  if (list.length > 0) {
    const first = list[0]!;
    const lastRange = list[list.length - 1]!;
    if (aperture.start > lastRange.last || aperture.last < first.start) {
      return { ok: false, errno: 'EINVAL', reason: 'the new aperture is disjoint from the current IOVA ranges' };
    }
    if (aperture.start > first.start && findDma(c, first.start, aperture.start - first.start)) {
      return { ok: false, errno: 'EINVAL', reason: 'an existing mapping lies below the new aperture' };
    }
    if (aperture.last < lastRange.last && findDma(c, aperture.last + 1n, lastRange.last - aperture.last)) {
      return { ok: false, errno: 'EINVAL', reason: 'an existing mapping lies above the new aperture' };
    }
  }
  // vfio_iommu_resv_conflict
  for (const r of groupRegions) {
    if (r.type === 'direct-relaxable') continue;
    if (findDma(c, r.start, r.length)) {
      return { ok: false, errno: 'EINVAL', reason: `reserved region [${hex(r.start)}, ${hex(resvLast(r))}] (${r.type}) overlaps an existing mapping` };
    }
  }
  const resized = apertureResize(list, aperture.start, aperture.last);
  const excluded = resvExclude(resized, groupRegions);
  if (excluded === 'einval') return { ok: false, errno: 'EINVAL', reason: 'no valid IOVA range is left after excluding the reserved regions' };
  const swMsiBase = hasSwMsi(groupRegions);
  if (!msi.isolated && !msi.allowUnsafeInterrupts) {
    return { ok: false, errno: 'EPERM', reason: 'the group has no isolated MSIs and allow_unsafe_interrupts is off' };
  }
  c.iovaList = excluded;
  return swMsiBase === undefined ? { ok: true } : { ok: true, swMsiBase };
}
