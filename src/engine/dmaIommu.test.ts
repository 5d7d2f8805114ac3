import { describe, expect, it } from 'vitest';
import {
  dmaAllocIova,
  initDmaDomain,
  IovaCookie,
  MsiCookie,
  msiDoorbellIova,
  reserveIommuRegions,
  reservePciWindows,
  type DmaAllocState,
} from './dmaIommu.ts';
import { IovaDomain } from './iova.ts';
import { MSI_IOVA_BASE, type ResvRegion } from './resvRegions.ts';
import { U64_MAX } from './u64.ts';

const spans = (d: IovaDomain) => d.nodes().map((n) => [n.pfnLo, n.pfnHi]);
const fresh = () => new IovaDomain(0x1000n, 1n);

describe('initDmaDomain (iommu_dma_init_domain)', () => {
  it('never lets pfn 0 be allocated and starts at the aperture', () => {
    expect(initDmaDomain(0x1000n, { start: 0n, last: 0xffffffffffffn }).startPfn).toBe(1n);
    expect(initDmaDomain(0x10000n, { start: 0x80000000n, last: 0xffffffffffffn }).startPfn).toBe(0x8000n);
  });
});

describe('reservePciWindows (iova_reserve_pci_windows)', () => {
  it('reserves windows and dma-range gaps, including the first page of each range (Juno, engine-spec §5.3)', () => {
    const d = fresh();
    const r = reservePciWindows(
      d,
      [
        { start: 0x50000000n, end: 0x57ffffffn },
        { start: 0x4000000000n, end: 0x40ffffffffn },
      ],
      [
        { start: 0x80000000n, end: 0xffffffffn },
        { start: 0x800000000n, end: 0x9ffffffffn },
      ],
    );
    expect(r).toEqual({ ok: true });
    expect(spans(d)).toEqual([
      [0x0n, 0x57fffn],
      [0x58000n, 0x80000n],
      [0x100000n, 0x800000n],
      [0xa00000n, 0x40fffffn],
      [0x4100000n, 0xfffffffffffffn],
    ]);
  });

  it('sorts dma-ranges by start and reserves nothing before a range starting at 0', () => {
    const d = fresh();
    reservePciWindows(d, [], [
      { start: 0x100000000n, end: 0x1ffffffffn },
      { start: 0x0n, end: 0x7fffffffn },
    ]);
    expect(spans(d)).toEqual([
      [0x80000n, 0x100000n],
      [0x200000n, 0xfffffffffffffn],
    ]);
  });

  it('reserves the whole pfn space when the last range ends at u64 max (start wraps to 0)', () => {
    const d = fresh();
    reservePciWindows(d, [], [{ start: 0x80000000n, end: U64_MAX }]);
    expect(spans(d)).toEqual([
      [0x0n, 0x80000n],
      [0x80001n, 0xfffffffffffffn],
    ]);
  });

  it('fails on overlapping dma-ranges and keeps what it reserved', () => {
    const d = fresh();
    const r = reservePciWindows(d, [{ start: 0x10000000n, end: 0x1fffffffn }], [
      { start: 0x80000000n, end: 0xffffffffn },
      { start: 0xc0000000n, end: 0x17fffffffn },
    ]);
    expect(r).toEqual({ ok: false, start: 0x100000000n, end: 0xc0000000n });
    expect(spans(d)).toEqual([
      [0x0n, 0x1ffffn],
      [0x20000n, 0x80000n],
    ]);
  });

  it('does nothing for the gaps when there are no dma-ranges', () => {
    const d = fresh();
    reservePciWindows(d, [], []);
    expect(d.nodes()).toEqual([]);
  });
});

describe('reserveIommuRegions (iova_reserve_iommu_regions)', () => {
  const region = (start: bigint, length: bigint, type: ResvRegion['type']): ResvRegion => ({ start, length, prot: 0, type });

  it('skips SW_MSI and reserves the rest one by one in driver order', () => {
    const d = fresh();
    reserveIommuRegions(d, [region(MSI_IOVA_BASE, 0x100000n, 'sw-msi'), region(0x2000n, 0x1000n, 'direct'), region(0x1000n, 0x1000n, 'direct')]);
    expect(spans(d)).toEqual([
      [1n, 1n],
      [2n, 2n],
    ]);
  });

  it('records HW MSI regions as identity doorbell pages on the cookie', () => {
    const d = fresh();
    const cookie = new IovaCookie(d);
    reserveIommuRegions(d, [region(0xfee00000n, 0x100000n, 'msi')], cookie);
    expect(spans(d)).toEqual([[0xfee00n, 0xfeeffn]]);
    expect(msiDoorbellIova(cookie, 0xfee00004n)).toBe(0xfee00004n);
  });
});

describe('dmaAllocIova (iommu_dma_alloc_iova, IOVA cookie)', () => {
  it('tries 32-bit first for PCI and switches to 64-bit for good after a failure', () => {
    const d = fresh();
    d.reserve(1n, 0xfffffn); // the whole 32-bit space
    const state: DmaAllocState = { pci32bitWorkaround: true };
    expect(dmaAllocIova(d, 0x1000n, U64_MAX, state)).toBe(0xfffffffffffff000n);
    expect(state.pci32bitWorkaround).toBe(false);
  });

  it('clamps the limit to the aperture end and rounds small sizes up to a power of two', () => {
    const d = fresh();
    const state: DmaAllocState = { pci32bitWorkaround: false, forceApertureEnd: 0xffffffffffffn };
    expect(dmaAllocIova(d, 0x3000n, U64_MAX, state)).toBe(0xffffffffc000n);
    expect(d.nodes()).toEqual([{ pfnLo: 0xffffffffcn, pfnHi: 0xfffffffffn, kind: 'allocated' }]);
  });

  it('honours bus_dma_limit (min_not_zero)', () => {
    const d = fresh();
    expect(dmaAllocIova(d, 0x1000n, 0n, { pci32bitWorkaround: false, busDmaLimit: 0x3fffffffn })).toBe(0x3ffff000n);
  });
});

describe('MSI doorbells (iommu_dma_get_msi_page)', () => {
  it('MSI cookie: PAGE_SIZE pages from the SW_MSI base in first-use order, reused per page', () => {
    const c = new MsiCookie(MSI_IOVA_BASE);
    expect(msiDoorbellIova(c, 0x08090040n)).toBe(0x08000040n); // ITS GITS_TRANSLATER
    expect(msiDoorbellIova(c, 0x2c1c0000n)).toBe(0x08001000n);
    expect(msiDoorbellIova(c, 0x08090044n)).toBe(0x08000044n);
    expect(c.pages).toHaveLength(2);
  });

  it('MSI cookie bump allocator has no bound and no reuse', () => {
    const c = new MsiCookie(0x8000000n);
    expect(c.allocIova(0x100000n)).toBe(0x8000000n);
    expect(c.allocIova(0x1000n)).toBe(0x8100000n);
  });

  it('IOVA cookie: a normal top-down allocation, 32-bit first for PCI (engine-spec §5.1: 0xfffff000)', () => {
    const c = new IovaCookie(fresh());
    const dev = { dmaMask: U64_MAX, state: { pci32bitWorkaround: true } };
    expect(msiDoorbellIova(c, 0x08090040n, dev)).toBe(0xfffff040n);
    expect(msiDoorbellIova(c, 0x08090000n, dev)).toBe(0xfffff000n);
  });

  it('IOVA cookie: the doorbell page is one granule (64K)', () => {
    const c = new IovaCookie(new IovaDomain(0x10000n, 1n));
    expect(msiDoorbellIova(c, 0x08091040n, { dmaMask: 0xffffffffn, state: { pci32bitWorkaround: false } })).toBe(0xffff1040n);
  });
});
