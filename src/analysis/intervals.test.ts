import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { U64_MAX } from '../engine/u64.ts';
import { MiB, alignedIntersection, alignedWindows, complement, containedIn, findContaining, freeOfSorted, freeOfSortedLists, intersect, subtract, union } from './intervals.ts';

const r = (start: bigint, last: bigint) => ({ start, last });

describe('interval arithmetic', () => {
  it('union merges overlapping and touching ranges, keeps gaps', () => {
    expect(union([r(10n, 20n), r(0n, 5n), r(21n, 30n), r(40n, 50n), r(45n, 46n)])).toEqual([r(0n, 5n), r(10n, 30n), r(40n, 50n)]);
  });

  it('complement covers the whole u64 space, including both ends', () => {
    expect(complement([r(0x8000000n, 0x80fffffn)])).toEqual([r(0n, 0x7ffffffn), r(0x8100000n, U64_MAX)]);
    expect(complement([r(0n, U64_MAX)])).toEqual([]);
    expect(complement([], r(5n, 9n))).toEqual([r(5n, 9n)]);
  });

  it('freeOfSorted is the complement of the union of ranges sorted by start, overlaps and touching ends included', () => {
    expect(freeOfSorted([r(0x10n, 0x1fn), r(0x18n, 0x2fn), r(0x30n, 0x3fn), r(0x31n, 0x32n), r(0x50n, 0x5fn)])).toEqual([r(0n, 0xfn), r(0x40n, 0x4fn), r(0x60n, U64_MAX)]);
    expect(freeOfSorted([r(0n, 5n), r(3n, U64_MAX)])).toEqual([]);
    expect(freeOfSorted([])).toEqual([r(0n, U64_MAX)]);
    const range = fc.tuple(fc.bigInt(0n, 300n), fc.bigInt(0n, 40n)).map(([s, n]) => r(s, s + n));
    fc.assert(
      fc.property(fc.array(range, { maxLength: 12 }), (rs) => {
        const sorted = [...rs].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
        expect(freeOfSorted(sorted)).toEqual(complement(union(rs)));
      }),
    );
  });

  it('freeOfSortedLists is the complement of the union of every list', () => {
    expect(freeOfSortedLists([[r(0x20n, 0x2fn), r(0x60n, 0x6fn)], [], [r(0x10n, 0x1fn), r(0x28n, 0x3fn)]])).toEqual([r(0n, 0xfn), r(0x40n, 0x5fn), r(0x70n, U64_MAX)]);
    expect(freeOfSortedLists([])).toEqual([r(0n, U64_MAX)]);
    const byStart = (a: { start: bigint }, b: { start: bigint }) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0);
    const list = fc.array(fc.tuple(fc.bigInt(0n, 300n), fc.bigInt(0n, 40n)).map(([s, n]) => r(s, s + n)), { maxLength: 8 });
    fc.assert(
      fc.property(fc.array(list, { maxLength: 6 }), (lists) => {
        expect(freeOfSortedLists(lists.map((l) => [...l].sort(byStart)))).toEqual(complement(union(lists.flat())));
      }),
    );
  });

  it('alignedIntersection keeps the whole MiB windows lying in both sets', () => {
    // [0x100001, 0x3fffff] ∩ [0, 0x2fffff] = [0x100001, 0x2fffff]: only 0x200000 fits whole.
    expect(alignedIntersection([r(0x100001n, 0x3fffffn)], [r(0n, 0x2fffffn), r(0x500000n, U64_MAX)])).toEqual([r(0x200000n, 0x2fffffn)]);
    expect(alignedIntersection([r(0n, U64_MAX)], [r(0n, U64_MAX)])).toEqual([r(0n, U64_MAX)]);
    const set = fc.array(fc.tuple(fc.bigInt(0n, 0x3000000n), fc.bigInt(0n, 0x400000n)), { maxLength: 6 }).map((xs) => union(xs.map(([s, n]) => r(s, s + n))));
    fc.assert(
      fc.property(set, set, (a, b) => {
        expect(alignedIntersection(a, b)).toEqual(alignedWindows(intersect(a, b)));
      }),
    );
  });

  it('intersect and subtract', () => {
    expect(intersect([r(0n, 10n), r(20n, 30n)], [r(5n, 25n)])).toEqual([r(5n, 10n), r(20n, 25n)]);
    expect(subtract([r(0n, 100n)], [r(10n, 19n), r(50n, 200n)])).toEqual([r(0n, 9n), r(20n, 49n)]);
  });

  it('alignedWindows keeps only whole aligned 1 MiB windows', () => {
    // [0x40000000 + 1, 0x40300000 + 5]: the windows at 0x40100000 and 0x40200000 fit.
    expect(alignedWindows([r(0x40000001n, 0x40300005n)])).toEqual([r(0x40100000n, 0x402fffffn)]);
    expect(alignedWindows([r(0x10n, 0xfffffn)])).toEqual([]);
    // The top window of the address space.
    expect(alignedWindows([r(0n, U64_MAX)])).toEqual([r(0n, U64_MAX)]);
  });

  it('binary search finds the containing range', () => {
    const set = [r(0n, 9n), r(20n, 29n), r(40n, 49n)];
    expect(findContaining(set, 25n)).toBe(1);
    expect(findContaining(set, 15n)).toBe(-1);
    expect(containedIn(set, r(41n, 49n))).toBe(true);
    expect(containedIn(set, r(25n, 41n))).toBe(false);
  });

  it('property: every aligned window inside the result lies in the input, none outside', () => {
    const range = fc.tuple(fc.bigInt({ min: 0n, max: 64n * MiB }), fc.bigInt({ min: 0n, max: 8n * MiB })).map(([s, len]) => r(s, s + len));
    fc.assert(
      fc.property(fc.array(range, { maxLength: 8 }), (ranges) => {
        const set = union(ranges);
        const windows = alignedWindows(set);
        for (let base = 0n; base < 80n * MiB; base += MiB) {
          const w = r(base, base + MiB - 1n);
          expect(containedIn(windows, w)).toBe(containedIn(set, w));
        }
      }),
    );
  });
});
