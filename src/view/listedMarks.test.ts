import { describe, expect, it } from 'vitest';
import { listedMarks } from './listedMarks.ts';
import type { Mark } from './visible.ts';

function mark(i: number, count = 1): Mark {
  const start = BigInt(i) * 0x1000n;
  return { key: `m${i}`, row: 0, x: i, w: 1, item: undefined, count, start, last: start + 0xfffn, cls: 'cluster' };
}

describe('listedMarks', () => {
  it('keeps every mark up to the limit', () => {
    const marks = [0, 1, 2].map((i) => mark(i));
    expect(listedMarks(marks, 3)).toEqual({ marks });
  });

  it('past the limit, keeps the first limit-1 and one entry for the regions of the rest', () => {
    const marks = [mark(0), mark(1), mark(2, 5), mark(3, 7), mark(4)];
    const { marks: kept, rest } = listedMarks(marks, 3);
    expect(kept.map((m) => m.key)).toEqual(['m0', 'm1']);
    expect(rest).toEqual({ count: 13, start: 0x2000n, last: 0x4fffn });
  });

  it('spans the rest by its lowest start and highest last, whatever their order', () => {
    const wide: Mark = { ...mark(9), start: 0x100n, last: 0xffff_ffffn };
    const { rest } = listedMarks([mark(0), mark(5), wide, mark(7)], 2);
    expect(rest).toEqual({ count: 3, start: 0x100n, last: 0xffff_ffffn });
  });
});
