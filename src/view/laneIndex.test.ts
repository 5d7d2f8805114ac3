import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { firstLastAtLeast, findItemByKey, itemsOverlapping, laneIndex, maxLast } from './laneIndex.ts';
import { compareItems, packRows, type Lane } from './laneModel.ts';

/** Keys as lanes.ts makes them: "<lane>:0x<start>-0x<last>:<name>". */
const itemKey = (lane: string, start: bigint, last: bigint, name: string): string => `${lane}:0x${start.toString(16)}-0x${last.toString(16)}:${name}`;

/** Ranges inside a small space so that overlaps, nesting and shared edges are common. */
const span = fc.tuple(fc.bigInt({ min: 0n, max: 100n }), fc.bigInt({ min: 0n, max: 120n })).map(([start, len]) => [start, start + len] as const);

function lane(ranges: readonly (readonly [bigint, bigint])[]): Lane {
  const packed = packRows(ranges.map(([start, last], i) => ({ key: itemKey('t', start, last, `r${i}`), name: `r${i}`, start, last, cls: 'ram', type: 'RAM', sources: [] })));
  return { id: 't', title: 'T', subtitle: '', items: packed.items, rows: packed.rows };
}

describe('laneIndex', () => {
  test.prop([fc.array(span, { maxLength: 80 }), fc.bigInt({ min: 0n, max: 280n }), fc.bigInt({ min: 0n, max: 80n })])(
    'itemsOverlapping returns exactly the items a scan finds, in lane order',
    (ranges, start, len) => {
      const l = lane(ranges);
      const last = start + len;
      const expected = l.items.filter((it) => it.start <= last && start <= it.last).sort(compareItems);
      expect(itemsOverlapping(l, start, last)).toEqual(expected);
    },
  );

  test.prop([fc.array(span, { minLength: 1, maxLength: 80 }), fc.nat(), fc.nat(), fc.boolean()])(
    'firstLastAtLeast and maxLast agree with a scan of every row (max-tree or binary search)',
    (ranges, pick, seed, onAnEnd) => {
      for (const r of laneIndex(lane(ranges)).rows) {
        const n = r.lasts.length;
        if (n === 0) continue;
        // Often exactly some item's last address (the edge of every comparison), else anywhere.
        const addr = onAnEnd ? r.lasts[pick % n]! : BigInt(pick % 240);
        const from = seed % n;
        const scan = r.lasts.findIndex((x, i) => i >= from && x >= addr);
        expect(firstLastAtLeast(r, from, addr)).toBe(scan === -1 ? n : scan);
        const to = from + 1 + (seed % (n - from));
        expect(maxLast(r, from, to)).toBe(r.lasts.slice(from, to).reduce((a, b) => (a > b ? a : b)));
      }
    },
  );

  it('keeps deep overlaps in the last row, which gets a max-tree', () => {
    // Six nested ranges: rows 0-2 take one each, the last row (3) takes the rest, whose lasts fall.
    const l = lane([0n, 1n, 2n, 3n, 4n, 5n].map((i) => [i, 100n - i] as const));
    const rows = laneIndex(l).rows;
    expect(rows.map((r) => r.items.length)).toEqual([1, 1, 1, 3]);
    expect(rows[3]!.tree).not.toBeNull();
    expect(itemsOverlapping(l, 50n, 50n).map((it) => it.name)).toEqual(['r0', 'r1', 'r2', 'r3', 'r4', 'r5']);
  });

  it('is built once per lane', () => {
    const l = lane([[0n, 9n]]);
    expect(laneIndex(l)).toBe(laneIndex(l));
  });

  it('finds an item by its key, also among items of the same range', () => {
    const l = lane([
      [0x1000n, 0x1fffn],
      [0x1000n, 0x1fffn],
      [0x3000n, 0x3fffn],
    ]);
    for (const it of l.items) expect(findItemByKey(l, it.key)).toBe(it);
    expect(findItemByKey(l, itemKey('t', 0x1000n, 0x1fffn, 'nobody'))).toBeUndefined();
  });

  it('falls back to a scan for keys that name no range', () => {
    const it = { key: 'candidate:a', name: 'a', start: 5n, last: 9n, cls: 'c', type: 't', sources: [], row: 0 };
    const l: Lane = { id: 'windows', title: 'W', subtitle: '', items: [it], rows: 1 };
    expect(findItemByKey(l, 'candidate:a')).toBe(it);
  });
});
