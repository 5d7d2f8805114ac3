/**
 * iommufd's I/O address space (drivers/iommu/iommufd/io_pagetable.c, ioas.c, device.c, driver.c;
 * Linux v6.17-rc3): reserved ranges (owner-tagged, overlaps allowed), allowed ranges and mapped
 * areas; what IOMMU_IOAS_IOVA_RANGES reports; the checks of IOMMU_IOAS_MAP with a fixed IOVA; and
 * iommufd_sw_msi's doorbell placement.
 *
 * PROPOSED, NOT MERGED: setSwMsiWindow models IOMMU_OPTION_SW_MSI_START/SIZE from Nicolin Chen's
 * "[PATCH v2 0/7] iommufd: Add MSI mapping support with nested SMMU (Part-2 RMR)" (14 Oct 2025,
 * cover.1760487869.git.nicolinc@nvidia.com; engine-spec §3d). No kernel has it as of that series.
 */
import { MSI_IOVA_LENGTH, resvLast, type ResvRegion } from './resvRegions.ts';
import { U64_MAX, add64, hex, rangesOverlap, sub64, type Range } from './u64.ts';

type Errno = 'EINVAL' | 'EADDRINUSE' | 'EOVERFLOW' | 'EEXIST' | 'EBUSY';
type Failure<E extends Errno> = { ok: false; errno: E; reason: string };

export interface IoasReserved extends Range {
  /** A device id, or "domain" for the aperture reservations of iopt_table_add_domain. */
  readonly owner: string;
}

const MiB = 0x100000n;
const show = (r: Range) => `[${hex(r.start)}, ${hex(r.last)}]`;

export class Ioas {
  readonly reserved: IoasReserved[] = [];
  /** IOMMU_IOAS_ALLOW_IOVAS ranges (empty: no restriction). */
  allowed: Range[] = [];
  readonly areas: Range[] = [];
  /** iova_alignment: the largest smallest-page-size of the attached domains. */
  iovaAlignment = 1n;
  readonly #attached = new Set<string>();
  /** PROPOSED per-device SW_MSI window (IOMMU_OPTION_SW_MSI_START/SIZE). */
  readonly #swMsiWindow = new Map<string, Range>();

  /**
   * iopt_reserve_iova: -EADDRINUSE if [start, last] meets a mapped area or an allowed range.
   * Simplification: a range with last < start (a zero-length or wrapping region, which no driver
   * produces) is ignored; the kernel would store an inverted interval-tree node.
   */
  reserve(start: bigint, last: bigint, owner: string): { ok: true } | Failure<'EADDRINUSE'> {
    if (last < start) return { ok: true };
    const r = { start, last, owner };
    // (Attaching thousands of regions to an IOAS with nothing mapped or allowed: skip the scans.)
    const area = this.areas.length > 0 ? this.areas.find((a) => rangesOverlap(a, r)) : undefined;
    if (area) return { ok: false, errno: 'EADDRINUSE', reason: `${show(r)} overlaps the mapped area ${show(area)}` };
    const allowed = this.allowed.length > 0 ? this.allowed.find((a) => rangesOverlap(a, r)) : undefined;
    if (allowed) return { ok: false, errno: 'EADDRINUSE', reason: `${show(r)} overlaps the allowed range ${show(allowed)}` };
    this.reserved.push(r);
    return { ok: true };
  }

  /** __iopt_remove_reserved_iova: drop every reservation of an owner. */
  removeReserved(owner: string): void {
    for (let i = this.reserved.length - 1; i >= 0; i--) if (this.reserved[i]!.owner === owner) this.reserved.splice(i, 1);
  }

  /**
   * iopt_table_add_domain: iova_alignment grows to the domain's smallest page size (-EINVAL if an
   * area is misaligned for it), then everything outside the aperture is reserved with owner "domain".
   */
  addDomain(aperture: Range, pgsize = 0x1000n): { ok: true } | Failure<'EINVAL' | 'EADDRINUSE'> {
    const align = pgsize > this.iovaAlignment ? pgsize : this.iovaAlignment;
    const bad = this.areas.find((a) => a.start % align !== 0n || (a.last + 1n) % align !== 0n);
    if (bad) return { ok: false, errno: 'EINVAL', reason: `the area ${show(bad)} is not aligned to the domain page size ${hex(align)}` };
    const steps: [bigint, bigint][] = [];
    if (aperture.start !== 0n) steps.push([0n, aperture.start - 1n]);
    if (aperture.last !== U64_MAX) steps.push([aperture.last + 1n, U64_MAX]);
    for (const [s, l] of steps) {
      const r = this.reserve(s, l, 'domain');
      if (!r.ok) {
        this.removeReserved('domain');
        return r;
      }
    }
    this.iovaAlignment = align;
    return { ok: true };
  }

  /**
   * iopt_table_enforce_dev_resv_regions on the device's unmerged list: DIRECT_RELAXABLE skipped;
   * every other region reserved for the device (-EADDRINUSE on a mapped area or allowed range);
   * SW_MSI's start becomes swMsiStart; SW_MSI together with HW MSI, or two SW_MSI, is -EINVAL
   * (a WARN). Any failure removes all of this device's reservations. With a PROPOSED user window
   * set, it replaces the driver's SW_MSI region(s).
   */
  enforceDevResvRegions(devId: string, regions: readonly ResvRegion[]): { ok: true; swMsiStart?: bigint } | Failure<'EADDRINUSE' | 'EINVAL'> {
    const window = this.#swMsiWindow.get(devId);
    const effective: ResvRegion[] = window
      ? [
          ...regions.filter((r) => r.type !== 'sw-msi'),
          { start: window.start, length: window.last - window.start + 1n, prot: 0, type: 'sw-msi', sources: ['IOMMU_OPTION_SW_MSI_START/SIZE (proposed)'] },
        ]
      : [...regions];
    let hwMsi = 0;
    let swMsi = 0;
    let swMsiStart: bigint | undefined;
    for (const r of effective) {
      if (r.type === 'direct-relaxable') continue;
      if (r.type === 'msi') hwMsi++;
      if (r.type === 'sw-msi') {
        swMsiStart = r.start;
        swMsi++;
      }
      const res = this.reserve(r.start, resvLast(r), devId);
      if (!res.ok) {
        this.removeReserved(devId);
        return { ok: false, errno: 'EADDRINUSE', reason: `${r.type} region ${res.reason}` };
      }
    }
    if ((swMsi > 0 && hwMsi > 0) || swMsi > 1) {
      this.removeReserved(devId);
      const reason = swMsi > 1 ? 'the device reports more than one SW_MSI region' : 'the device reports both SW_MSI and hardware MSI regions';
      return { ok: false, errno: 'EINVAL', reason };
    }
    this.#attached.add(devId);
    return swMsiStart === undefined ? { ok: true } : { ok: true, swMsiStart };
  }

  /** IOMMU_IOAS_IOVA_RANGES: the holes of the reserved ranges over [0, u64 max]. */
  iovaRanges(): Range[] {
    const spans = [...this.reserved].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
    const out: Range[] = [];
    let next = 0n; // first address not yet known to be reserved
    let done = false;
    for (const r of spans) {
      if (r.start > next) out.push({ start: next, last: r.start - 1n });
      if (r.last >= next) {
        if (r.last === U64_MAX) {
          done = true;
          break;
        }
        next = r.last + 1n;
      }
    }
    if (!done) out.push({ start: next, last: U64_MAX });
    return out;
  }

  /** IOMMU_IOAS_ALLOW_IOVAS (iopt_set_allow_iova): -EADDRINUSE if a range meets a reservation. */
  allowIovas(ranges: readonly Range[]): { ok: true } | Failure<'EADDRINUSE'> {
    for (const r of ranges) {
      const hit = this.reserved.find((x) => rangesOverlap(x, r));
      if (hit) return { ok: false, errno: 'EADDRINUSE', reason: `${show(r)} overlaps the reserved range ${show(hit)} (${hit.owner})` };
    }
    this.allowed = [...ranges];
    return { ok: true };
  }

  /**
   * IOMMU_IOAS_MAP with IOMMU_IOAS_MAP_FIXED_IOVA: iommufd_ioas_map's u64 limits, then
   * iopt_check_iova (alignment, overflow, reserved → -EINVAL, existing area → -EEXIST).
   */
  map(iova: bigint, length: bigint): { ok: true } | Failure<'EINVAL' | 'EOVERFLOW' | 'EEXIST'> {
    if (iova >= U64_MAX || length >= U64_MAX) return { ok: false, errno: 'EOVERFLOW', reason: 'iova or length is ULONG_MAX or more' };
    if (length === 0n) return { ok: false, errno: 'EINVAL', reason: 'length is 0' };
    if (iova % this.iovaAlignment !== 0n) return { ok: false, errno: 'EINVAL', reason: `iova ${hex(iova)} is not aligned to ${hex(this.iovaAlignment)}` };
    const last = iova + length - 1n;
    if (last > U64_MAX) return { ok: false, errno: 'EOVERFLOW', reason: `${hex(iova)} + ${hex(length)} overflows 64 bits` };
    const r = { start: iova, last };
    const hole = this.reserved.find((x) => rangesOverlap(x, r));
    if (hole) return { ok: false, errno: 'EINVAL', reason: `${show(r)} meets the reserved range ${show(hole)} (${hole.owner})` };
    const area = this.areas.find((a) => rangesOverlap(a, r));
    if (area) return { ok: false, errno: 'EEXIST', reason: `${show(r)} overlaps the mapped area ${show(area)}` };
    this.areas.push(r);
    return { ok: true };
  }

  /**
   * PROPOSED, NOT MERGED (IOMMU_OPTION_SW_MSI_START = 2 and IOMMU_OPTION_SW_MSI_SIZE = 3, per
   * device): -EBUSY once the device is attached; -EINVAL unless the start is 1 MiB aligned; size
   * in MiB, 0 = the driver's default (1 MiB); -EOVERFLOW if start + size wraps; -EADDRINUSE if the
   * window overlaps a region of the device other than SW_MSI and DIRECT_RELAXABLE.
   */
  setSwMsiWindow(devId: string, start: bigint, sizeMiB: bigint, regions: readonly ResvRegion[]): { ok: true } | Failure<'EBUSY' | 'EINVAL' | 'EOVERFLOW' | 'EADDRINUSE'> {
    if (this.#attached.has(devId)) return { ok: false, errno: 'EBUSY', reason: `device ${devId} is already attached; the option must be set before attach` };
    if (start % MiB !== 0n) return { ok: false, errno: 'EINVAL', reason: `start ${hex(start)} is not 1 MiB aligned` };
    if (sizeMiB < 0n) return { ok: false, errno: 'EINVAL', reason: 'the size is negative' };
    const size = sizeMiB === 0n ? MSI_IOVA_LENGTH : sizeMiB * MiB;
    if (start + size > U64_MAX + 1n) return { ok: false, errno: 'EOVERFLOW', reason: `${hex(start)} + ${size / MiB} MiB overflows 64 bits` };
    const window = { start, last: start + size - 1n };
    for (const r of regions) {
      if (r.type === 'sw-msi' || r.type === 'direct-relaxable') continue;
      const region = { start: r.start, last: resvLast(r) };
      if (region.start <= region.last && rangesOverlap(region, window)) {
        return { ok: false, errno: 'EADDRINUSE', reason: `the window ${show(window)} overlaps the ${r.type} region ${show(region)}` };
      }
    }
    this.#swMsiWindow.set(devId, window);
    return { ok: true };
  }
}

/** CPU PAGE_SIZE iommufd maps MSI pages with. */
const PAGE_SIZE = 0x1000n;
/** iommufd_sw_msi_maps' bitmap is 64 bits: at most 64 maps per iommufd file. */
export const SW_MSI_MAPS_MAX = 64;

/**
 * iommufd_sw_msi / iommufd_sw_msi_get_map, per iommufd file (ictx): one map per (SW_MSI window,
 * doorbell page), reused; a new one gets pgoff = 1 + the largest pgoff used in that window and the
 * next id; the 65th map is -EOVERFLOW. No check that the page stays inside the 1 MiB window.
 */
export interface SwMsiMap {
  readonly swMsiStart: bigint;
  /** Doorbell page (PAGE_SIZE aligned). */
  readonly msiAddr: bigint;
  readonly pgoff: bigint;
  readonly id: number;
}

export class SwMsiMaps {
  readonly maps: SwMsiMap[] = [];

  /** The address the device is told to write; the doorbell itself when the group has no SW_MSI. */
  doorbellIova(doorbell: bigint, swMsiStart: bigint | undefined): { ok: true; iova: bigint } | Failure<'EOVERFLOW'> {
    if (swMsiStart === undefined) return { ok: true, iova: doorbell };
    const offset = doorbell & (PAGE_SIZE - 1n);
    const page = sub64(doorbell, offset);
    let pgoff = 0n;
    let map: SwMsiMap | undefined;
    for (const m of this.maps) {
      if (m.swMsiStart !== swMsiStart) continue;
      if (m.pgoff + 1n > pgoff) pgoff = m.pgoff + 1n;
      if (m.msiAddr === page) {
        map = m;
        break;
      }
    }
    if (!map) {
      if (this.maps.length >= SW_MSI_MAPS_MAX) return { ok: false, errno: 'EOVERFLOW', reason: `all ${SW_MSI_MAPS_MAX} SW_MSI maps of this iommufd are in use` };
      map = { swMsiStart, msiAddr: page, pgoff, id: this.maps.length };
      this.maps.push(map);
    }
    return { ok: true, iova: add64(add64(map.swMsiStart, map.pgoff * PAGE_SIZE), offset) };
  }
}
