import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  groupResvRegions,
  groupResvRegionsSequential,
  insertResvRegion,
  MSI_IOVA_BASE,
  MSI_IOVA_LENGTH,
  RESV_TYPE_ORDER,
  RESV_TYPES,
  resvLast,
  sysfsText,
  type ResvRegion,
  type ResvTypeName,
} from './resvRegions.ts';
import { U64_MAX } from './u64.ts';

const r = (start: bigint, length: bigint, type: ResvTypeName, prot = 0): ResvRegion => ({ start, length, prot, type });
const build = (...regions: ResvRegion[]) => regions.reduce<ResvRegion[]>((l, x) => insertResvRegion(l, x), []);

describe('insertResvRegion (iommu_insert_resv_region)', () => {
  it('reproduces the engine-spec §5.5 corner case: touching same-type regions merge, others stay', () => {
    const list = build(r(0x8000000n, 0x100000n, 'sw-msi'), r(0x8100000n, 0x1000n, 'reserved'), r(0x8000000n, 0x100000n, 'reserved'));
    expect(sysfsText(list)).toBe(
      '0x0000000008000000 0x0000000008100fff reserved\n' + '0x0000000008000000 0x00000000080fffff msi\n',
    );
  });

  it('merges exactly adjacent regions and keeps a one-byte gap apart', () => {
    expect(build(r(0x1000n, 0x1000n, 'direct'), r(0x2000n, 0x1000n, 'direct'))).toEqual([r(0x1000n, 0x2000n, 'direct')]);
    expect(build(r(0x1000n, 0x1000n, 'direct'), r(0x2001n, 0x1000n, 'direct'))).toHaveLength(2);
  });

  it('sorts equal starts by type and never merges different types', () => {
    const list = build(...[...RESV_TYPES].reverse().map((t) => r(0x1000n, 0x1000n, t)));
    expect(list.map((x) => x.type)).toEqual(RESV_TYPES);
  });

  it('keeps the prot of the region that sorts first; a new region goes before an equal one', () => {
    expect(build(r(0x1000n, 0x1000n, 'reserved', 1), r(0x1800n, 0x1000n, 'reserved', 2))).toEqual([r(0x1000n, 0x1800n, 'reserved', 1)]);
    // Same start and type: the newer one is placed first, so its prot survives.
    expect(build(r(0x1000n, 0x1000n, 'reserved', 1), r(0x1000n, 0x2000n, 'reserved', 2))).toEqual([r(0x1000n, 0x2000n, 'reserved', 2)]);
  });

  it('swallows nested regions', () => {
    expect(build(r(0x0n, 0x10000n, 'msi'), r(0x1000n, 0x10n, 'msi'))).toEqual([r(0x0n, 0x10000n, 'msi')]);
  });

  it('does not merge into a region ending at u64 max (top_end + 1 wraps to 0)', () => {
    const list = build(r(0xffffffffffff0000n, 0x10000n, 'reserved'), r(0xffffffffffff8000n, 0x1000n, 'reserved'));
    expect(list).toEqual([r(0xffffffffffff0000n, 0x10000n, 'reserved'), r(0xffffffffffff8000n, 0x1000n, 'reserved')]);
    // A region below still merges into it from beneath.
    expect(insertResvRegion(list, r(0xfffffffffffef000n, 0x1000n, 'reserved'))[0]).toEqual(r(0xfffffffffffef000n, 0x11000n, 'reserved'));
  });

  it('gives a merge covering all 2^64 bytes length 0 and prints it as 0..u64 max', () => {
    const list = build(r(0n, 1n << 63n, 'reserved'), r(1n << 63n, 1n << 63n, 'reserved'));
    expect(list).toEqual([r(0n, 0n, 'reserved')]);
    expect(sysfsText(list)).toBe('0x0000000000000000 0xffffffffffffffff reserved\n');
  });

  it('records provenance of swallowed regions on the kept one', () => {
    const list = build({ ...r(0x1000n, 0x1000n, 'reserved'), sources: ['a'] }, { ...r(0x2000n, 0x1000n, 'reserved'), sources: ['b'] });
    expect(list[0]?.sources).toEqual(['a', 'b']);
  });
});

describe('groupResvRegions / sysfs', () => {
  it('prints SW_MSI as "msi" (engine-spec §5.1)', () => {
    expect(sysfsText(groupResvRegions([[r(MSI_IOVA_BASE, MSI_IOVA_LENGTH, 'sw-msi')]]))).toBe('0x0000000008000000 0x00000000080fffff msi\n');
  });

  it('stops at the first device without an IOMMU', () => {
    const a = [r(0x1000n, 0x1000n, 'reserved')];
    expect(groupResvRegions([a, undefined, [r(0x5000n, 0x1000n, 'reserved')]])).toEqual(a);
    expect(groupResvRegions([undefined, a])).toEqual([]);
  });
});

// Regions that do not wrap past 2^64 - 1 (what drivers produce).
const regionArb = fc
  .record({
    start: fc.oneof(fc.bigInt(0n, 0x10000n), fc.bigInt(0n, U64_MAX)),
    len: fc.oneof(fc.bigInt(1n, 0x4000n), fc.bigInt(1n, U64_MAX)),
    type: fc.constantFrom(...RESV_TYPES),
    prot: fc.integer({ min: 0, max: 63 }),
  })
  .map(({ start, len, type, prot }) => {
    const length = len > (1n << 64n) - start ? (1n << 64n) - start : len;
    return r(start, length, type, prot);
  });

/** Union of inclusive intervals, touching ones joined: a canonical form to compare coverage. */
function union(intervals: { start: bigint; last: bigint }[]): { start: bigint; last: bigint }[] {
  const out: { start: bigint; last: bigint }[] = [];
  for (const iv of [...intervals].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0))) {
    const top = out[out.length - 1];
    if (top && iv.start <= top.last + 1n) top.last = iv.last > top.last ? iv.last : top.last;
    else out.push({ ...iv });
  }
  return out;
}

describe('insertResvRegion properties', () => {
  it('keeps the list sorted by (start, type) and same-type regions apart', () => {
    fc.assert(
      fc.property(fc.array(regionArb, { maxLength: 30 }), (regions) => {
        const list = build(...regions);
        for (let i = 1; i < list.length; i++) {
          const a = list[i - 1]!;
          const b = list[i]!;
          expect(a.start < b.start || (a.start === b.start && RESV_TYPE_ORDER[a.type] <= RESV_TYPE_ORDER[b.type])).toBe(true);
        }
        for (let i = 0; i < list.length; i++) {
          for (let j = i + 1; j < list.length; j++) {
            const a = list[i]!;
            const b = list[j]!;
            if (a.type !== b.type) continue;
            // Documented exception: nothing merges into a region ending at u64 max.
            expect(resvLast(a) === U64_MAX || b.start > resvLast(a) + 1n).toBe(true);
          }
        }
      }),
    );
  });

  it('covers exactly the bytes of the inserted regions, per type, with an input prot', () => {
    fc.assert(
      fc.property(fc.array(regionArb, { maxLength: 30 }), (regions) => {
        const list = build(...regions);
        for (const t of RESV_TYPES) {
          const ins = regions.filter((x) => x.type === t);
          // A merged region of length 0 (all 2^64 bytes) ends at u64 max: resvLast handles it.
          const out = list.filter((x) => x.type === t);
          expect(union(out.map((x) => ({ start: x.start, last: resvLast(x) })))).toEqual(
            union(ins.map((x) => ({ start: x.start, last: resvLast(x) }))),
          );
          for (const o of out) expect(ins.some((x) => x.start === o.start && x.prot === o.prot)).toBe(true);
        }
      }),
    );
  });
});

/**
 * Regions for comparing groupResvRegions with the literal fold: a small address universe so that
 * duplicates, equal starts, adjacency, nesting and zero lengths are common; the same near u64 max
 * but ending below it (exact path); and regions that reach u64 max or wrap past it (the fold).
 */
const SRC = ['a', 'b', 'c', 'd'] as const;
const sourcesArb = fc.option(fc.array(fc.constantFrom(...SRC), { maxLength: 3 }), { nil: undefined });
const shapeArb = (start: fc.Arbitrary<bigint>, length: fc.Arbitrary<bigint>) =>
  fc
    .record({ start, length, type: fc.constantFrom(...RESV_TYPES), prot: fc.integer({ min: 0, max: 63 }), sources: sourcesArb, keyless: fc.boolean() })
    .map(({ start, length, type, prot, sources, keyless }): ResvRegion =>
      keyless && sources === undefined ? r(start, length, type, prot) : { ...r(start, length, type, prot), sources });
const lowArb = shapeArb(fc.bigInt(0n, 40n), fc.bigInt(0n, 12n));
const highSafeArb = shapeArb(fc.bigInt(U64_MAX - 40n, U64_MAX - 13n), fc.bigInt(0n, 12n));
const edgeArb = shapeArb(
  fc.oneof(fc.bigInt(0n, 40n), fc.bigInt(U64_MAX - 40n, U64_MAX), fc.constantFrom(0n, U64_MAX)),
  fc.oneof(fc.bigInt(0n, 12n), fc.bigInt(U64_MAX - 12n, U64_MAX), fc.constantFrom(0n, 1n << 63n)),
);
/** Regions whose last byte is exactly u64 max (top_end + 1 wraps to 0 once they are the top). */
const endsAtMaxArb = fc
  .tuple(fc.bigInt(0n, 30n), fc.constantFrom(...RESV_TYPES), sourcesArb)
  .map(([k, type, sources]): ResvRegion => ({ ...r(U64_MAX - k, k + 1n, type), sources }));
const groupArb = (region: fc.Arbitrary<ResvRegion>) =>
  fc.array(fc.option(fc.array(region, { maxLength: 12 }), { nil: undefined, freq: 8 }), { maxLength: 5 });

describe('groupResvRegions equals the literal fold of iommu_insert_resv_region', () => {
  const same = (lists: (ResvRegion[] | undefined)[]) => {
    expect(groupResvRegions(lists)).toStrictEqual(groupResvRegionsSequential(lists));
  };

  it('on dense small addresses (duplicates, equal starts, adjacency, zero lengths, mixed types)', () => {
    fc.assert(fc.property(groupArb(lowArb), same), { numRuns: 3000 });
  });

  it('near u64 max without reaching it, mixed with low regions', () => {
    fc.assert(fc.property(groupArb(fc.oneof(lowArb, highSafeArb)), same), { numRuns: 1000 });
  });

  it('with regions ending at or wrapping past u64 max (including length 0 at 0)', () => {
    fc.assert(fc.property(groupArb(fc.oneof(lowArb, edgeArb)), same), { numRuns: 2000 });
    fc.assert(fc.property(groupArb(fc.oneof(highSafeArb, endsAtMaxArb)), same), { numRuns: 2000 });
  });

  it('keeps the sources order of the insertion history, which a sort by address alone cannot give', () => {
    const t = { ...r(0n, 21n, 'reserved'), sources: ['t'] };
    const u = { ...r(10n, 1n, 'reserved'), sources: ['u'] };
    const x = { ...r(10n, 1n, 'reserved'), sources: ['x'] };
    // T first swallows U, then X: t, u, x.
    expect(groupResvRegions([[t, u, x]])).toStrictEqual([{ ...t, sources: ['t', 'u', 'x'] }]);
    // X goes before the equal-start U and swallows it; T then swallows that run: t, x, u.
    expect(groupResvRegions([[u, x, t]])).toStrictEqual([{ ...t, sources: ['t', 'x', 'u'] }]);
  });
});
