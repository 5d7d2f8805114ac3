import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Ioas, SW_MSI_MAPS_MAX, SwMsiMaps } from './iommufd.ts';
import { MSI_IOVA_BASE, MSI_IOVA_LENGTH, type ResvRegion, type ResvTypeName } from './resvRegions.ts';
import { U64_MAX } from './u64.ts';

const r = (start: bigint, length: bigint, type: ResvTypeName): ResvRegion => ({ start, length, prot: 0, type });
const swMsi = r(MSI_IOVA_BASE, MSI_IOVA_LENGTH, 'sw-msi');
const aperture48 = { start: 0n, last: 0xffffffffffffn };

describe('Ioas: IOMMU_IOAS_IOVA_RANGES', () => {
  it('is the whole space before any attach', () => {
    expect(new Ioas().iovaRanges()).toEqual([{ start: 0n, last: U64_MAX }]);
  });

  it('matches VFIO for a QEMU virt SMMUv3 device (engine-spec §5.1)', () => {
    const ioas = new Ioas();
    expect(ioas.addDomain(aperture48)).toEqual({ ok: true });
    expect(ioas.enforceDevResvRegions('dev0', [swMsi])).toEqual({ ok: true, swMsiStart: 0x8000000n });
    expect(ioas.iovaRanges()).toEqual([
      { start: 0n, last: 0x7ffffffn },
      { start: 0x8100000n, last: 0xffffffffffffn },
    ]);
  });

  it('keeps overlapping reservations of different owners (engine-spec §5.2b)', () => {
    const ioas = new Ioas();
    ioas.addDomain(aperture48);
    expect(ioas.enforceDevResvRegions('dev0', [swMsi, r(MSI_IOVA_BASE, MSI_IOVA_LENGTH, 'reserved')])).toEqual({ ok: true, swMsiStart: MSI_IOVA_BASE });
    expect(ioas.reserved.filter((x) => x.owner === 'dev0')).toHaveLength(2);
    expect(ioas.iovaRanges()).toHaveLength(2);
  });

  it('reserves below a non-zero aperture start', () => {
    const ioas = new Ioas();
    ioas.addDomain({ start: 0x1000n, last: U64_MAX });
    expect(ioas.iovaRanges()).toEqual([{ start: 0x1000n, last: U64_MAX }]);
  });
});

describe('Ioas: iopt_table_enforce_dev_resv_regions', () => {
  it('skips DIRECT_RELAXABLE', () => {
    const ioas = new Ioas();
    ioas.enforceDevResvRegions('dev0', [r(0x1000n, 0x1000n, 'direct-relaxable')]);
    expect(ioas.iovaRanges()).toEqual([{ start: 0n, last: U64_MAX }]);
  });

  it('refuses SW_MSI with HW MSI, or two SW_MSI, and removes the device\'s reservations', () => {
    const ioas = new Ioas();
    const both = ioas.enforceDevResvRegions('dev0', [swMsi, r(0xfee00000n, 0x100000n, 'msi')]);
    expect(both).toMatchObject({ ok: false, errno: 'EINVAL' });
    expect(ioas.enforceDevResvRegions('dev1', [swMsi, r(0xa0000000n, MSI_IOVA_LENGTH, 'sw-msi')])).toMatchObject({ ok: false, errno: 'EINVAL' });
    expect(ioas.reserved).toEqual([]);
  });

  it('refuses a region over a mapped area or an allowed range with -EADDRINUSE', () => {
    const ioas = new Ioas();
    expect(ioas.map(0x8000000n, 0x1000n)).toEqual({ ok: true });
    expect(ioas.enforceDevResvRegions('dev0', [r(0x1000n, 0x1000n, 'reserved'), swMsi])).toMatchObject({ ok: false, errno: 'EADDRINUSE' });
    expect(ioas.reserved).toEqual([]);
    const other = new Ioas();
    expect(other.allowIovas([{ start: 0x8000000n, last: 0x8ffffffn }])).toEqual({ ok: true });
    expect(other.enforceDevResvRegions('dev0', [swMsi])).toMatchObject({ ok: false, errno: 'EADDRINUSE' });
  });
});

describe('Ioas: IOMMU_IOAS_MAP (fixed IOVA)', () => {
  it('checks overflow, length, alignment, reserved ranges and existing areas', () => {
    const ioas = new Ioas();
    ioas.addDomain(aperture48);
    ioas.enforceDevResvRegions('dev0', [swMsi]);
    expect(ioas.map(U64_MAX, 1n)).toMatchObject({ errno: 'EOVERFLOW' });
    expect(ioas.map(0x1000n, 0n)).toMatchObject({ errno: 'EINVAL' });
    expect(ioas.map(0x1800n, 0x1000n)).toMatchObject({ errno: 'EINVAL', reason: expect.stringContaining('aligned') });
    expect(ioas.map(0xfffffffffffff000n, 0x2000n)).toMatchObject({ errno: 'EOVERFLOW' });
    expect(ioas.map(0x7000000n, 0x2000000n)).toMatchObject({ errno: 'EINVAL', reason: expect.stringContaining('reserved') });
    expect(ioas.map(0x1000000000000n, 0x1000n)).toMatchObject({ errno: 'EINVAL' }); // above the 48-bit aperture
    expect(ioas.map(0x40000000n, 0x10000n)).toEqual({ ok: true });
    expect(ioas.map(0x40008000n, 0x1000n)).toMatchObject({ errno: 'EEXIST' });
  });

  it('refuses a domain whose page size misaligns an existing area', () => {
    const ioas = new Ioas();
    ioas.map(0x1000n, 0x1000n);
    expect(ioas.addDomain(aperture48, 0x10000n)).toMatchObject({ ok: false, errno: 'EINVAL' });
  });
});

describe('SwMsiMaps (iommufd_sw_msi)', () => {
  it('places doorbell pages at pgoff 0, 1, … of the window and reuses a page', () => {
    const maps = new SwMsiMaps();
    expect(maps.doorbellIova(0x08090040n, MSI_IOVA_BASE)).toEqual({ ok: true, iova: 0x08000040n });
    expect(maps.doorbellIova(0x2c1c0000n, MSI_IOVA_BASE)).toEqual({ ok: true, iova: 0x08001000n });
    expect(maps.doorbellIova(0x08090000n, MSI_IOVA_BASE)).toEqual({ ok: true, iova: 0x08000000n });
    // Another window counts its own pgoffs.
    expect(maps.doorbellIova(0x08090000n, 0xa0000000n)).toEqual({ ok: true, iova: 0xa0000000n });
  });

  it('leaves the address alone without SW_MSI', () => {
    expect(new SwMsiMaps().doorbellIova(0xfee00000n, undefined)).toEqual({ ok: true, iova: 0xfee00000n });
  });

  it('runs out after 64 maps (and does not bound the pages by the 1 MiB window)', () => {
    const maps = new SwMsiMaps();
    for (let i = 0n; i < BigInt(SW_MSI_MAPS_MAX); i++) expect(maps.doorbellIova(0x10000000n + i * 0x1000n, MSI_IOVA_BASE).ok).toBe(true);
    expect(maps.maps.at(-1)?.pgoff).toBe(63n);
    expect(maps.doorbellIova(0x20000000n, MSI_IOVA_BASE)).toMatchObject({ ok: false, errno: 'EOVERFLOW' });
  });
});

describe('Ioas.setSwMsiWindow (PROPOSED IOMMU_OPTION_SW_MSI_START/SIZE, not merged)', () => {
  const platform = [swMsi, r(0x8000000n, 0x100000n, 'reserved'), r(0xc0000000n, 0x1000n, 'direct-relaxable')];

  it('validates alignment, overflow and overlap, ignoring SW_MSI and DIRECT_RELAXABLE', () => {
    const ioas = new Ioas();
    expect(ioas.setSwMsiWindow('dev0', 0xa0080000n, 1n, platform)).toMatchObject({ ok: false, errno: 'EINVAL' });
    expect(ioas.setSwMsiWindow('dev0', 0xfffffffffff00000n, 2n, platform)).toMatchObject({ ok: false, errno: 'EOVERFLOW' });
    expect(ioas.setSwMsiWindow('dev0', 0x8000000n, 1n, platform)).toMatchObject({ ok: false, errno: 'EADDRINUSE' });
    expect(ioas.setSwMsiWindow('dev0', 0xc0000000n, 1n, platform)).toEqual({ ok: true });
    expect(ioas.setSwMsiWindow('dev0', 0xfff00000n, 0n, platform)).toEqual({ ok: true }); // 0 = default size
  });

  it('replaces the driver window at attach, and is refused after attach', () => {
    const ioas = new Ioas();
    ioas.addDomain(aperture48);
    ioas.setSwMsiWindow('dev0', 0xa0000000n, 2n, [swMsi]);
    expect(ioas.enforceDevResvRegions('dev0', [swMsi])).toEqual({ ok: true, swMsiStart: 0xa0000000n });
    expect(ioas.iovaRanges()).toEqual([
      { start: 0n, last: 0x9fffffffn },
      { start: 0xa0200000n, last: 0xffffffffffffn },
    ]);
    expect(ioas.setSwMsiWindow('dev0', 0xb0000000n, 1n, [swMsi])).toMatchObject({ ok: false, errno: 'EBUSY' });
  });
});

describe('Ioas properties', () => {
  it('reports sorted, disjoint ranges that are exactly the complement of the reservations', () => {
    const region = fc
      .record({ start: fc.bigInt(0n, 0x100000n), len: fc.bigInt(1n, 0x40000n), type: fc.constantFrom<ResvTypeName>('direct', 'reserved', 'msi', 'direct-relaxable') })
      .map(({ start, len, type }) => r(start, len, type));
    fc.assert(
      fc.property(fc.array(fc.array(region, { maxLength: 5 }), { maxLength: 4 }), (devices) => {
        const ioas = new Ioas();
        devices.forEach((regions, i) => ioas.enforceDevResvRegions(`dev${i}`, regions));
        const ranges = ioas.iovaRanges();
        let total = 0n;
        ranges.forEach((x, i) => {
          expect(x.start <= x.last).toBe(true);
          if (i > 0) expect(ranges[i - 1]!.last + 1n < x.start).toBe(true);
          for (const res of ioas.reserved) expect(x.last < res.start || x.start > res.last).toBe(true);
          total += x.last - x.start + 1n;
        });
        // The bytes between the ranges are exactly the union of the reservations.
        let covered = 0n;
        let prev = -1n;
        for (const x of ranges) {
          covered += x.start - prev - 1n;
          prev = x.last;
        }
        covered += U64_MAX - prev;
        expect(total + covered).toBe(1n << 64n);
        expect(covered).toBe(unionBytes(ioas.reserved));
      }),
    );
  });
});

function unionBytes(ranges: readonly { start: bigint; last: bigint }[]): bigint {
  let total = 0n;
  let end = -1n;
  for (const x of [...ranges].sort((a, b) => (a.start < b.start ? -1 : 1))) {
    if (x.last <= end) continue;
    total += x.last - (x.start > end ? x.start : end + 1n) + 1n;
    end = x.last;
  }
  return total;
}
