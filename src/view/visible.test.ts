import { describe, expect, it } from 'vitest';
import { LINEAR_AXIS } from './axisMap.ts';
import { fitRange, makeScale } from './addressScale.ts';
import { packRows, type Lane } from './laneModel.ts';
import { visibleMarks } from './visible.ts';

const W = 1000;

function lane(ranges: [bigint, bigint][]): Lane {
  const packed = packRows(ranges.map(([start, last], i) => ({ key: `k${i}`, name: `r${i}`, start, last, cls: 'ram', type: 'RAM', sources: [] })));
  return { id: 'l', title: 'L', subtitle: '', items: packed.items, rows: packed.rows };
}

describe('packRows', () => {
  it('stacks overlapping items and reuses rows', () => {
    const l = lane([
      [0x0n, 0xfffn],
      [0x800n, 0x1fffn],
      [0x2000n, 0x2fffn],
    ]);
    expect(l.items.map((i) => i.row)).toEqual([0, 1, 0]);
    expect(l.rows).toBe(2);
  });
});

describe('visibleMarks', () => {
  it('culls items outside the view', () => {
    const l = lane([
      [0x0n, 0xfffn],
      [0x8000000n, 0x80fffffn],
      [0x40000000n, 0x7fffffffn],
    ]);
    const s = makeScale(fitRange(0x8000000n, 0x80fffffn, W, LINEAR_AXIS), W, LINEAR_AXIS);
    const marks = visibleMarks(l, s);
    expect(marks.map((m) => m.item?.name)).toEqual(['r1']);
    expect(marks[0]!.x).toBe(0);
    expect(marks[0]!.w).toBe(W);
  });

  it('merges 10,000 4 KiB pages spread over 4 GiB into a few hundred marks at most', () => {
    const ranges: [bigint, bigint][] = [];
    for (let i = 0n; i < 10000n; i++) ranges.push([i * 0x64000n, i * 0x64000n + 0xfffn]);
    const placed = lane(ranges);
    const s = makeScale(fitRange(0n, 0xffffffffn, W, LINEAR_AXIS), W, LINEAR_AXIS);
    const marks = visibleMarks(placed, s);
    expect(marks.length).toBeLessThanOrEqual(W / 2);
    // Nothing is lost: the clusters and items account for every page.
    expect(marks.reduce((n, m) => n + m.count, 0)).toBe(10000);
    // Zoomed to 1 MiB at 0x64000 * 100, only the pages there are drawn, each as itself.
    const z = makeScale(fitRange(0x2710000n, 0x280ffffn, W, LINEAR_AXIS), W, LINEAR_AXIS);
    const near = visibleMarks(placed, z);
    expect(near.every((m) => m.count === 1)).toBe(true);
    expect(near.map((m) => m.item!.name)).toEqual(['r100', 'r101', 'r102']);
  });

  it('finds a long item that started before the view in an overlap row', () => {
    const l = lane([
      [0x0n, 0xffffffffn],
      [0x1000n, 0x1fffn],
      [0x0n, 0xfffffffffn],
    ]);
    const s = makeScale(fitRange(0x80000000n, 0x80000fffn, W, LINEAR_AXIS), W, LINEAR_AXIS);
    const names = visibleMarks(l, s).map((m) => m.item?.name).sort();
    expect(names).toEqual(['r0', 'r2']);
  });
});
