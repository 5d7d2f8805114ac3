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

/**
 * vfio_iommu_resv_exclude: every region except DIRECT_RELAXABLE, in list order, with
 * end = start + length - 1 (u64), replaces each range it intersects by the parts below and above it.
 * A zero-length region (end = start - 1) still "intersects" a range containing start - 1 and start,
 * splitting it in two. Nothing left → 'einval'.
 */
export function resvExclude(list: readonly Range[], groupRegions: readonly ResvRegion[]): Range[] | 'einval' {
  let cur: Range[] = [...list];
  for (const region of groupRegions) {
    if (region.type === 'direct-relaxable') continue;
    const s = region.start;
    const e = resvLast(region);
    const next: Range[] = [];
    for (const n of cur) {
      if (s > n.last || e < n.start) {
        next.push(n);
        continue;
      }
      if (s > n.start) next.push({ start: n.start, last: sub64(s, 1n) });
      if (e < n.last) next.push({ start: add64(e, 1n), last: n.last });
    }
    cur = next;
  }
  return cur.length === 0 ? 'einval' : cur;
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
