/**
 * The text twin of a lane is bounded like its picture: at most `limit` entries, the marks from the
 * left, then one entry standing for every region drawn further right (zooming into it, or the
 * search box, reaches each of them by name).
 */
import type { Mark } from './visible.ts';

export interface ListedMarks {
  readonly marks: readonly Mark[];
  /** The regions of the marks left out: how many, and the range they span. */
  readonly rest?: { readonly count: number; readonly start: bigint; readonly last: bigint };
}

export function listedMarks(marks: readonly Mark[], limit: number): ListedMarks {
  if (marks.length <= limit) return { marks };
  const kept = marks.slice(0, limit - 1);
  let count = 0;
  let start = marks[limit - 1]!.start;
  let last = marks[limit - 1]!.last;
  for (let i = limit - 1; i < marks.length; i++) {
    const m = marks[i]!;
    count += m.count;
    if (m.start < start) start = m.start;
    if (m.last > last) last = m.last;
  }
  return { marks: kept, rest: { count, start, last } };
}
