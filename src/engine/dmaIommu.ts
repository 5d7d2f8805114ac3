/**
 * The dma-iommu layer (drivers/iommu/dma-iommu.c, Linux v6.17-rc3): how a kernel DMA-API domain
 * sets up its IOVA allocator, what it reserves, how it allocates, and where MSI doorbells land for
 * both cookie kinds (IOVA cookie: kernel drivers; MSI cookie: VFIO type1's bump allocator).
 */
import { IovaDomain } from './iova.ts';
import { resvLast, type ResvRegion } from './resvRegions.ts';
import { U64_MAX, add64, log2Exact, sub64, type Range } from './u64.ts';

/** A bus-address range with an inclusive end (host-bridge window or dma-range). */
export interface BusRange {
  readonly start: bigint;
  readonly end: bigint;
}

/** DMA_BIT_MASK(32) */
const DMA_BIT_MASK_32 = 0xffffffffn;

/**
 * iommu_dma_init_domain: granule = smallest IOMMU page size, base_pfn = max(1, aperture_start >> shift)
 * (pfn 0 is never allocatable).
 */
export function initDmaDomain(granule: bigint, aperture: Range): IovaDomain {
  const shift = log2Exact(granule);
  if (shift === undefined) throw new RangeError(`IOVA granule must be a power of two, got ${granule}`);
  const basePfn = aperture.start >> BigInt(shift);
  return new IovaDomain(granule, basePfn > 1n ? basePfn : 1n);
}

/** iova_pfn: address >> shift. */
function pfn(domain: IovaDomain, addr: bigint): bigint {
  return addr >> BigInt(domain.shift);
}

/**
 * The reserved-region part of iova_reserve_iommu_regions: the per-device list in driver order,
 * unmerged. SW_MSI is skipped ("We ARE the software that manages these!"); everything else is
 * reserve_iova(pfn(start), pfn(start + length - 1)) with the return value ignored. A HW MSI region
 * also gets identity doorbell pages on the cookie (cookie_init_hw_msi_region) when one is given.
 */
export function reserveIommuRegions(domain: IovaDomain, deviceRegions: readonly ResvRegion[], cookie?: IovaCookie): void {
  for (const region of deviceRegions) {
    if (region.type === 'sw-msi') continue;
    domain.reserve(pfn(domain, region.start), pfn(domain, resvLast(region)), `${region.type} region`);
    if (region.type === 'msi' && cookie) cookie.addHwMsiRegion(region.start, add64(region.start, region.length));
  }
}

/**
 * iova_reserve_pci_windows: host-bridge memory windows first, then the gaps between dma-ranges
 * (stable-sorted by start, as list_sort with iommu_dma_ranges_sort does). The gap reservation
 * [pfn(start), pfn(end)] includes the first page of the next range (the kernel's conservative
 * quirk); after the last range the gap runs to u64 max (and covers everything when that range ends
 * at u64 max, because start wraps to 0). Overlapping dma-ranges → -EINVAL with the failing
 * [start, end]; reservations made so far stay.
 */
export function reservePciWindows(
  domain: IovaDomain,
  windows: readonly BusRange[],
  dmaRanges: readonly BusRange[],
): { ok: true } | { ok: false; start: bigint; end: bigint } {
  for (const w of windows) domain.reserve(pfn(domain, w.start), pfn(domain, w.end), 'PCI host-bridge window');

  const sorted = [...dmaRanges].sort((a, b) => (a.start > b.start ? 1 : a.start < b.start ? -1 : 0));
  let start = 0n;
  for (let i = 0; i < sorted.length; i++) {
    const range = sorted[i]!;
    let end = range.start;
    for (;;) {
      if (end > start) domain.reserve(pfn(domain, start), pfn(domain, end), 'dma-ranges gap');
      else if (end < start) return { ok: false, start, end };
      start = add64(range.end, 1n);
      if (i === sorted.length - 1 && end !== U64_MAX) {
        end = U64_MAX; // `goto resv_iova` once more for the tail
        continue;
      }
      break;
    }
  }
  return { ok: true };
}

/** Per-device state iommu_dma_alloc_iova reads and writes. */
export interface DmaAllocState {
  /** dev->iommu->pci_32bit_workaround: PCI device and not iommu.forcedac; cleared on first failure. */
  pci32bitWorkaround: boolean;
  /** dev->bus_dma_limit (0 or absent: none). */
  readonly busDmaLimit?: bigint;
  /** domain->geometry.aperture_end when force_aperture is set. */
  readonly forceApertureEnd?: bigint;
}

/**
 * iommu_dma_alloc_iova for an IOVA cookie. `sizeBytes` is rounded up to the granule (callers
 * always pass iova_align'ed sizes). Returns the IOVA, or undefined where the kernel returns 0.
 */
export function dmaAllocIova(domain: IovaDomain, sizeBytes: bigint, dmaLimit: bigint, state: DmaAllocState): bigint | undefined {
  const shift = BigInt(domain.shift);
  const iovaLen = (sizeBytes + domain.granule - 1n) >> shift;
  let limit = dmaLimit;
  // min_not_zero(dma_limit, dev->bus_dma_limit)
  const bus = state.busDmaLimit ?? 0n;
  if (limit === 0n || (bus !== 0n && bus < limit)) limit = bus;
  if (state.forceApertureEnd !== undefined && state.forceApertureEnd < limit) limit = state.forceApertureEnd;

  // Try the 32-bit space first for PCI devices; the first failure switches the device to 64-bit.
  if (limit > DMA_BIT_MASK_32 && state.pci32bitWorkaround) {
    const node = domain.allocFast(iovaLen, DMA_BIT_MASK_32 >> shift);
    if (node && node.pfnLo !== 0n) return node.pfnLo << shift;
    state.pci32bitWorkaround = false;
  }
  const node = domain.allocFast(iovaLen, limit >> shift);
  // alloc_iova_fast returns pfn 0 for failure, so a node at pfn 0 also reads as failure.
  return node && node.pfnLo !== 0n ? node.pfnLo << shift : undefined;
}

/** One entry of a cookie's msi_page_list: a doorbell page and the IOVA it is mapped at. */
export interface MsiPage {
  readonly phys: bigint;
  readonly iova: bigint;
}

/**
 * The MSI cookie of iommu_get_msi_cookie (VFIO type1 on a SW_MSI platform): a bump pointer from
 * the SW_MSI base. No bound against the window length, no reuse.
 */
export class MsiCookie {
  #next: bigint;
  readonly pages: MsiPage[] = [];

  /** `pageSize` is the CPU PAGE_SIZE (the MSI cookie's doorbell granule). */
  constructor(
    readonly base: bigint,
    readonly pageSize: bigint = 0x1000n,
  ) {
    this.#next = base;
  }

  /** iommu_dma_alloc_iova for an MSI cookie: msi_iova += size, return the old value. */
  allocIova(size: bigint): bigint {
    const iova = this.#next;
    this.#next = add64(this.#next, size);
    return iova;
  }
}

/** The IOVA cookie of a kernel DMA domain: its allocator plus the MSI page list. */
export class IovaCookie {
  readonly pages: MsiPage[] = [];
  /** HW MSI regions pre-populated as identity pages: [start, end) aligned to the granule. */
  readonly #hwMsi: { start: bigint; end: bigint }[] = [];

  constructor(readonly domain: IovaDomain) {}

  /**
   * cookie_init_hw_msi_region: identity pages from start (aligned down) for iova_align(end - start)
   * bytes. Kept as ranges rather than one entry per page.
   */
  addHwMsiRegion(start: bigint, end: bigint): void {
    const g = this.domain.granule;
    const s = start - (start & (g - 1n));
    const bytes = sub64(end, s);
    const len = BigInt.asUintN(64, bytes + g - 1n) & ~(g - 1n);
    this.#hwMsi.push({ start: s, end: s + len });
  }

  hwMsiIdentity(page: bigint): boolean {
    return this.#hwMsi.some((r) => page >= r.start && page < r.end);
  }
}

/**
 * iommu_dma_get_msi_page + the address composition of iommu_dma_sw_msi: the address a device is
 * told to write for `doorbell`. IOVA cookie: pages of one granule, allocated with
 * iommu_dma_alloc_iova (top-down, around every reservation; HW MSI pages are identity-mapped).
 * MSI cookie: PAGE_SIZE pages at base, base + PAGE_SIZE, … in first-use order. A page is reused for
 * the same doorbell page. Undefined when the allocation fails (IOVA 0 counts as failure; the MSI
 * cookie's pointer still moves, as in the kernel).
 */
export function msiDoorbellIova(
  cookie: IovaCookie | MsiCookie,
  doorbell: bigint,
  device: { readonly dmaMask: bigint; readonly state: DmaAllocState } = { dmaMask: U64_MAX, state: { pci32bitWorkaround: false } },
): bigint | undefined {
  const size = cookie instanceof MsiCookie ? cookie.pageSize : cookie.domain.granule;
  const offset = doorbell & (size - 1n);
  const page = doorbell - offset;
  if (cookie instanceof IovaCookie && cookie.hwMsiIdentity(page)) return page | offset;
  const existing = cookie.pages.find((p) => p.phys === page);
  if (existing) return existing.iova | offset;
  const iova = cookie instanceof MsiCookie ? cookie.allocIova(size) : dmaAllocIova(cookie.domain, size, device.dmaMask, device.state);
  if (!iova) return undefined;
  cookie.pages.push({ phys: page, iova });
  return iova | offset;
}
