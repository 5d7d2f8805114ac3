/**
 * Interval arithmetic on inclusive u64 ranges: union, complement, intersection, difference and
 * trimming to aligned windows. All in exact BigInt; the valid-window set is computed with these,
 * never by stepping through addresses.
 */
import { U64_MAX, type Range } from '../engine/u64.ts';

export const MiB = 0x100000n;

/**
 * Sorted free ranges read by position: an array, or ranges computed on demand (a device's gaps
 * between its obstacles, obstacles.ts freeGaps). An entry may be empty (start > last); starts and
 * lasts never decrease from one entry to the next.
 */
export interface FreeRanges {
  readonly length: number;
  at(i: number): Range | undefined;
}

function byStart(a: Range, b: Range): number {
  return a.start < b.start ? -1 : a.start > b.start ? 1 : 0;
}

/** Sorted, disjoint, non-adjacent union of any ranges. */
export function union(ranges: readonly Range[]): Range[] {
  const sorted = [...ranges].sort(byStart);
  const out: Range[] = [];
  for (const r of sorted) {
    const top = out[out.length - 1];
    if (top && r.start <= top.last + 1n) {
      if (r.last > top.last) out[out.length - 1] = { start: top.start, last: r.last };
    } else {
      out.push({ start: r.start, last: r.last });
    }
  }
  return out;
}

/** The parts of `within` not covered by a union (sorted, disjoint). */
export function complement(set: readonly Range[], within: Range = { start: 0n, last: U64_MAX }): Range[] {
  const out: Range[] = [];
  let next = within.start;
  for (const r of set) {
    if (r.last < within.start) continue;
    if (r.start > within.last) break;
    if (r.start > next) out.push({ start: next, last: r.start - 1n });
    next = r.last + 1n;
  }
  if (next <= within.last) out.push({ start: next, last: within.last });
  return out;
}

/**
 * complement(union(sorted)) in one pass for ranges already sorted by start: no copy, no re-sort
 * and no merged ranges built only to be complemented (the cold analysis does this for 10,000
 * reserved regions).
 */
export function freeOfSorted(sorted: readonly Range[]): Range[] {
  const out: Range[] = [];
  let next = 0n; // first address not covered so far; 2^64 once everything is
  for (const r of sorted) {
    if (r.start > next) out.push({ start: next, last: r.start - 1n });
    if (r.last >= next) next = r.last + 1n;
  }
  if (next <= U64_MAX) out.push({ start: next, last: U64_MAX });
  return out;
}

/**
 * freeOfSorted of several lists each sorted by start, without merging them into one list: a
 * binary heap of the lists' next ranges hands them out by start (O(n log k), no copies). The
 * valid-window set sweeps every device's platform obstacles this way (64 lists, 10,000 ranges).
 */
export function freeOfSortedLists(lists: readonly (readonly Range[])[]): Range[] {
  const live = lists.filter((l) => l.length > 0);
  // The heap holds list numbers. It orders them by their next range's start as a double first:
  // Number() rounds monotonically, so a smaller double is a smaller start, and the exact BigInts
  // are compared only when the doubles are equal (most comparisons stay off the BigInt path).
  const heap = Int32Array.from(live.keys());
  const at = new Int32Array(live.length);
  const key = Float64Array.from(live, (l) => Number(l[0]!.start));
  const before = (p: number, q: number) => key[p]! < key[q]! || (key[p] === key[q] && live[p]![at[p]!]!.start < live[q]![at[q]!]!.start);
  let size = heap.length;
  const siftDown = (i: number) => {
    const item = heap[i]!;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= size) break;
      const c = l + 1 < size && before(heap[l + 1]!, heap[l]!) ? l + 1 : l;
      if (!before(heap[c]!, item)) break;
      heap[i] = heap[c]!;
      i = c;
    }
    heap[i] = item;
  };
  for (let i = (size >> 1) - 1; i >= 0; i--) siftDown(i);
  const out: Range[] = [];
  let next = 0n; // as in freeOfSorted
  while (size > 0) {
    const top = heap[0]!;
    const list = live[top]!;
    const r = list[at[top]!]!;
    if (r.start > next) out.push({ start: next, last: r.start - 1n });
    if (r.last >= next) next = r.last + 1n;
    const following = (at[top] = at[top]! + 1);
    if (following < list.length) key[top] = Number(list[following]!.start);
    else {
      size -= 1;
      if (size === 0) break;
      heap[0] = heap[size]!;
    }
    siftDown(0);
  }
  if (next <= U64_MAX) out.push({ start: next, last: U64_MAX });
  return out;
}

/** Intersection of two unions (both sorted and disjoint), by a linear merge. */
export function intersect(a: readonly Range[], b: readonly Range[]): Range[] {
  const out: Range[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    const start = x.start > y.start ? x.start : y.start;
    const last = x.last < y.last ? x.last : y.last;
    if (start <= last) out.push({ start, last });
    if (x.last < y.last) i += 1;
    else j += 1;
  }
  return out;
}

/** alignedWindows(intersect(a, b)) without building the intersection first. */
export function alignedIntersection(a: readonly Range[], b: readonly Range[], align: bigint = MiB): Range[] {
  const out: Range[] = [];
  const roundUp = align - 1n;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    const start = (((x.start > y.start ? x.start : y.start) + roundUp) / align) * align;
    const end = (((x.last < y.last ? x.last : y.last) + 1n) / align) * align; // exclusive, may be 2^64
    // Both are multiples of align: at least one whole window exactly when end > start.
    if (end > start) out.push({ start, last: end - 1n });
    if (x.last < y.last) i += 1;
    else j += 1;
  }
  return out;
}

/** a minus b (b any ranges). */
export function subtract(a: readonly Range[], b: readonly Range[]): Range[] {
  return intersect(union(a), complement(union(b)));
}

/**
 * Trim each range to whole `align`-aligned windows of `align` bytes: the result is the union of
 * every aligned window lying entirely inside the input. Ranges too small for one are dropped.
 */
export function alignedWindows(set: readonly Range[], align: bigint = MiB): Range[] {
  const out: Range[] = [];
  for (const r of set) {
    const start = ((r.start + align - 1n) / align) * align;
    const end = ((r.last + 1n) / align) * align; // exclusive; exact BigInt, may be 2^64
    if (end - start >= align) out.push({ start, last: end - 1n });
  }
  return out;
}

/** Index of the range containing x in a sorted disjoint set, or -1 (binary search). */
export function findContaining(set: readonly Range[], x: bigint): number {
  let lo = 0;
  let hi = set.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = set[mid]!;
    if (x < r.start) hi = mid - 1;
    else if (x > r.last) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/** Whether [start, last] lies inside one range of a sorted disjoint set. */
export function containedIn(set: readonly Range[], r: Range): boolean {
  const i = findContaining(set, r.start);
  return i >= 0 && set[i]!.last >= r.last;
}
