import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { insertResvRegion, RESV_TYPES, resvLast, type ResvRegion, type ResvTypeName } from './resvRegions.ts';
import { U64_MAX, add64, sub64, type Range } from './u64.ts';
import { apertureResize, attachGroup, DMA_ENTRY_LIMIT, hasSwMsi, mapDma, newVfioContainer, resvExclude } from './vfioType1.ts';

const r = (start: bigint, length: bigint, type: ResvTypeName): ResvRegion => ({ start, length, prot: 0, type });
const rg = (start: bigint, last: bigint): Range => ({ start, last });
const group = (...regions: ResvRegion[]) => regions.reduce<ResvRegion[]>((l, x) => insertResvRegion(l, x), []);
const twoRanges = [rg(0x0n, 0x7ffffffn), rg(0x8100000n, 0xffffffffffffn)];

describe('apertureResize (vfio_iommu_aper_resize)', () => {
  it('creates the aperture on an empty list', () => {
    expect(apertureResize([], 0n, 0xffffffffn)).toEqual([rg(0n, 0xffffffffn)]);
  });

  it('clamps both ends of a non-empty list', () => {
    expect(apertureResize(twoRanges, 0x1000n, 0xffffffffn)).toEqual([rg(0x1000n, 0x7ffffffn), rg(0x8100000n, 0xffffffffn)]);
  });

  it('deletes a range ending exactly at the new start (strict <)', () => {
    expect(apertureResize(twoRanges, 0x7ffffffn, 0xffffffffffffn)).toEqual([rg(0x8100000n, 0xffffffffffffn)]);
  });

  it('deletes a range starting exactly at the new end (strict >)', () => {
    expect(apertureResize(twoRanges, 0n, 0x8100000n)).toEqual([rg(0n, 0x7ffffffn)]);
  });
});

describe('resvExclude (vfio_iommu_resv_exclude)', () => {
  it('punches the SW_MSI hole (engine-spec §5.1)', () => {
    expect(resvExclude([rg(0n, 0xffffffffffffn)], group(r(0x8000000n, 0x100000n, 'sw-msi')))).toEqual(twoRanges);
  });

  it('treats every type but DIRECT_RELAXABLE as a hole', () => {
    const regions = group(r(0x1000n, 0x1000n, 'direct-relaxable'), r(0x3000n, 0x1000n, 'direct'), r(0x5000n, 0x1000n, 'msi'));
    expect(resvExclude([rg(0n, 0xffffn)], regions)).toEqual([rg(0n, 0x2fffn), rg(0x4000n, 0x4fffn), rg(0x6000n, 0xffffn)]);
  });

  it('splits a range in two at a zero-length region (end = start - 1)', () => {
    expect(resvExclude([rg(0n, 0xffffn)], [r(0x1000n, 0n, 'reserved')])).toEqual([rg(0n, 0xfffn), rg(0x1000n, 0xffffn)]);
  });

  it('excludes everything for a zero-length region at 0 (end wraps to u64 max)', () => {
    expect(resvExclude([rg(0n, 0xffffn)], [r(0n, 0n, 'reserved')])).toBe('einval');
  });

  it('answers einval when nothing is left, or when the list was empty', () => {
    expect(resvExclude([rg(0x1000n, 0x1fffn)], [r(0n, 0x10000n, 'msi')])).toBe('einval');
    expect(resvExclude([], [])).toBe('einval');
  });

  it('handles regions at the top of the space', () => {
    expect(resvExclude([rg(0xfffffffen, U64_MAX)], group(r(0xffffffffn, 1n, 'reserved'), r(U64_MAX, 1n, 'reserved')))).toEqual([
      rg(0xfffffffen, 0xfffffffen),
      rg(0x100000000n, 0xfffffffffffffffen),
    ]);
  });
});

describe('hasSwMsi (vfio_iommu_has_sw_msi)', () => {
  it('returns the last SW_MSI start', () => {
    expect(hasSwMsi(group(r(0x8000000n, 0x100000n, 'sw-msi'), r(0xa0000000n, 0x100000n, 'sw-msi')))).toBe(0xa0000000n);
  });

  it('returns none when a HW MSI region exists anywhere (engine-spec §5.5)', () => {
    expect(hasSwMsi(group(r(0x8000000n, 0x100000n, 'sw-msi'), r(0xfee00000n, 0x100000n, 'msi')))).toBeUndefined();
    expect(hasSwMsi([])).toBeUndefined();
  });
});

describe('mapDma (vfio_dma_do_map checks)', () => {
  it('checks size, alignment, wrap, overlap, entry limit and valid ranges, in that order', () => {
    const c = newVfioContainer();
    c.iovaList = [...twoRanges];
    expect(mapDma(c, 0x40000000n, 0n)).toMatchObject({ errno: 'EINVAL', reason: 'size is 0' });
    expect(mapDma(c, 0x40000800n, 0x1000n)).toMatchObject({ errno: 'EINVAL', reason: expect.stringContaining('aligned') });
    expect(mapDma(c, 0xfffffffffffff000n, 0x2000n)).toMatchObject({ errno: 'EINVAL', reason: expect.stringContaining('wraps') });
    expect(mapDma(c, 0x40000000n, 0x1000000n)).toEqual({ ok: true });
    expect(mapDma(c, 0x40800000n, 0x1000n)).toMatchObject({ errno: 'EEXIST' });
    // Guest RAM over the SW_MSI hole: the loud failure.
    expect(mapDma(c, 0x7000000n, 0x2000000n)).toMatchObject({ errno: 'EINVAL', reason: expect.stringContaining('not inside one valid IOVA range') });
    c.dmaAvail = 0;
    expect(mapDma(c, 0x50000000n, 0x1000n)).toMatchObject({ errno: 'ENOSPC' });
  });

  it('accepts anything aligned while the list is empty', () => {
    const c = newVfioContainer();
    expect(mapDma(c, 0x8000000n, 0x1000n)).toEqual({ ok: true });
    expect(c.dmaAvail).toBe(DMA_ENTRY_LIMIT - 1);
  });
});

describe('attachGroup', () => {
  const sw = group(r(0x8000000n, 0x100000n, 'sw-msi'));

  it('builds the list and reports the SW_MSI base', () => {
    const c = newVfioContainer();
    expect(attachGroup(c, rg(0n, 0xffffffffffffn), sw)).toEqual({ ok: true, swMsiBase: 0x8000000n });
    expect(c.iovaList).toEqual(twoRanges);
  });

  it('refuses a group whose reserved region covers an existing mapping, and keeps the list', () => {
    const c = newVfioContainer();
    mapDma(c, 0x8000000n, 0x1000n);
    expect(attachGroup(c, rg(0n, 0xffffffffffffn), sw)).toMatchObject({ ok: false, errno: 'EINVAL' });
    expect(c.iovaList).toEqual([]);
  });

  it('refuses an aperture that leaves mappings outside', () => {
    const c = newVfioContainer();
    attachGroup(c, rg(0n, 0xffffffffffffn), sw);
    mapDma(c, 0x100000000n, 0x1000n);
    expect(attachGroup(c, rg(0n, 0xffffffffn), sw)).toMatchObject({ ok: false, errno: 'EINVAL', reason: expect.stringContaining('above') });
    expect(attachGroup(c, rg(0x1000000000000n, U64_MAX), sw)).toMatchObject({ ok: false, reason: expect.stringContaining('disjoint') });
  });

  it('needs isolated MSIs unless allow_unsafe_interrupts', () => {
    const msi = { isolated: false, allowUnsafeInterrupts: false };
    expect(attachGroup(newVfioContainer(), rg(0n, 0xffffffffn), sw, msi)).toMatchObject({ ok: false, errno: 'EPERM' });
    expect(attachGroup(newVfioContainer(), rg(0n, 0xffffffffn), sw, { ...msi, allowUnsafeInterrupts: true })).toMatchObject({ ok: true });
  });
});

/** Bytes of a union of inclusive ranges, computed by sorting and joining. */
function unionSize(ranges: Range[]): bigint {
  let total = 0n;
  let cur: { start: bigint; last: bigint } | undefined;
  for (const x of [...ranges].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0))) {
    if (cur && x.start <= cur.last + 1n) cur.last = x.last > cur.last ? x.last : cur.last;
    else {
      if (cur) total += cur.last - cur.start + 1n;
      cur = { ...x };
    }
  }
  return cur ? total + cur.last - cur.start + 1n : total;
}

const regionArb = fc
  .record({ start: fc.bigInt(0n, 0x20000n), len: fc.bigInt(1n, 0x4000n), type: fc.constantFrom(...RESV_TYPES) })
  .map(({ start, len, type }) => r(start, len, type));

describe('resvExclude properties', () => {
  it('leaves sorted, disjoint ranges inside the aperture that avoid exactly the non-relaxable regions', () => {
    fc.assert(
      fc.property(fc.bigInt(0n, 0x10000n), fc.bigInt(0n, 0x20000n), fc.array(regionArb, { maxLength: 12 }), (a, b, regions) => {
        const aperture = rg(a < b ? a : b, a < b ? b : a);
        const groupList = group(...regions);
        const out = resvExclude([aperture], groupList);
        const holes = groupList
          .filter((x) => x.type !== 'direct-relaxable')
          .map((x) => rg(x.start, resvLast(x)))
          .filter((h) => h.start <= aperture.last && h.last >= aperture.start)
          .map((h) => rg(h.start > aperture.start ? h.start : aperture.start, h.last < aperture.last ? h.last : aperture.last));
        const free = aperture.last - aperture.start + 1n - unionSize(holes);
        if (out === 'einval') {
          expect(free).toBe(0n);
          return;
        }
        for (let i = 0; i < out.length; i++) {
          const x = out[i]!;
          expect(x.start <= x.last && x.start >= aperture.start && x.last <= aperture.last).toBe(true);
          if (i > 0) expect(out[i - 1]!.last < x.start).toBe(true);
          for (const h of holes) expect(x.last < h.start || x.start > h.last).toBe(true);
        }
        expect(out.reduce((s, x) => s + x.last - x.start + 1n, 0n)).toBe(free);
      }),
    );
  });
});

/** The test oracle: vfio_iommu_resv_exclude's loop as written, every region against every range. */
function resvExcludeLiteral(list: readonly Range[], groupRegions: readonly ResvRegion[]): Range[] | 'einval' {
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

describe('resvExclude equals the kernel loop', () => {
  // Small universes make touching, nested, duplicate and zero-length regions common; the edge
  // values reach u64 max, wrap past it (end < start - 1) or are length 0 at 0 (end = u64 max).
  const small = fc.bigInt(0n, 48n);
  const edge = fc.oneof(small, fc.bigInt(U64_MAX - 48n, U64_MAX), fc.constantFrom(0n, U64_MAX));
  const lengths = fc.oneof(fc.bigInt(0n, 16n), fc.bigInt(U64_MAX - 16n, U64_MAX), fc.constantFrom(0n, 1n << 63n));
  const regionOf = (start: fc.Arbitrary<bigint>, length: fc.Arbitrary<bigint>) =>
    fc.record({ start, length, type: fc.constantFrom(...RESV_TYPES), prot: fc.constant(0) });
  const rangeOf = (v: fc.Arbitrary<bigint>) => fc.tuple(v, v).map(([a, b]) => rg(a, b)); // inverted ones too
  const same = (list: Range[], regions: ResvRegion[]) => {
    expect(resvExclude(list, regions)).toEqual(resvExcludeLiteral(list, regions));
  };

  it('on sorted disjoint lists and merged group lists (what attach passes)', () => {
    const sortedDisjoint = fc.array(small, { maxLength: 8 }).map((xs) => {
      const cuts = [...new Set(xs)].sort((a, b) => (a < b ? -1 : 1));
      return cuts.flatMap((c, i) => (i % 2 === 0 && cuts[i + 1] !== undefined ? [rg(c, cuts[i + 1]!)] : []));
    });
    fc.assert(fc.property(sortedDisjoint, fc.array(regionOf(small, fc.bigInt(0n, 16n)), { maxLength: 10 }), (list, regions) => same(list, group(...regions))), { numRuns: 3000 });
  });

  it('on any lists and unsorted regions, u64-max and wrapping edges included', () => {
    fc.assert(
      fc.property(fc.array(rangeOf(edge), { maxLength: 6 }), fc.array(regionOf(edge, lengths), { maxLength: 10 }), same),
      { numRuns: 4000 },
    );
    fc.assert(
      fc.property(fc.array(rangeOf(small), { maxLength: 6 }), fc.array(regionOf(small, fc.oneof(fc.bigInt(0n, 16n), lengths)), { maxLength: 10 }), same),
      { numRuns: 4000 },
    );
  });
});
