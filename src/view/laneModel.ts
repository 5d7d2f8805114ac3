/**
 * What the map draws, independent of React and D3: lanes of named, typed address ranges.
 * Lanes are built once per analysis (lanes.ts) and indexed once per lane (laneIndex.ts); culling
 * and aggregation happen per view (visible.ts).
 */
import { SLICE_ITEMS, runToEnd, type Sliced } from './sliced.ts';

export interface LaneItem {
  /** Unique within its lane and stable across re-analysis of the same facts. */
  readonly key: string;
  readonly name: string;
  readonly start: bigint;
  /** Inclusive last address. */
  readonly last: bigint;
  /** Style token: one of the CSS classes in styles (e.g. "ram", "resv-sw-msi"). */
  readonly cls: string;
  /** Human type, e.g. "RAM" or "sw-msi (sysfs prints: msi)". */
  readonly type: string;
  /** Where the fact comes from: driver function, DT node, IORT entry, file and version. */
  readonly sources: readonly string[];
  /** The kernel rule that produced or governs it. */
  readonly rule?: string;
  /** Sub-row within the lane (overlapping items stack). */
  readonly row: number;
}

export interface Lane {
  readonly id: string;
  readonly title: string;
  /** One line under the title: what the lane shows and for whom. */
  readonly subtitle: string;
  readonly items: readonly LaneItem[];
  readonly rows: number;
  /** When set, the lane cannot be computed and shows this message instead (e.g. VFIO attach fails). */
  readonly message?: string;
}

/** Most overlapping items stacked in one lane; deeper overlaps share the last row. */
export const MAX_ROWS = 4;

type Span = { readonly start: bigint; readonly last: bigint };

/** Lane order: by start, and at the same start the longer item first (a parent before its children). */
export function compareItems(a: Span, b: Span): number {
  return a.start < b.start ? -1 : a.start > b.start ? 1 : a.last > b.last ? -1 : a.last < b.last ? 1 : 0;
}

/** `items` in lane order: the same array when it already is (checked in one pass), else a sorted copy. */
export function* inLaneOrder<T extends Span>(items: readonly T[]): Sliced<readonly T[]> {
  for (let i = 1; i < items.length; i++) {
    if (i % SLICE_ITEMS === 0) yield;
    if (compareItems(items[i - 1]!, items[i]!) > 0) return [...items].sort(compareItems);
  }
  return items;
}

/**
 * Rows for items in lane order: each item takes the first row where it overlaps nothing already
 * placed (greedy interval partitioning), the last row when all are taken. O(n · MAX_ROWS).
 */
export function* assignRows(items: readonly Span[]): Sliced<{ row: Uint8Array; rows: number }> {
  const row = new Uint8Array(items.length);
  const rowEnds: bigint[] = [];
  for (let i = 0; i < items.length; i++) {
    if (i % SLICE_ITEMS === SLICE_ITEMS - 1) yield;
    const { start, last } = items[i]!;
    let r = 0;
    while (r < rowEnds.length && rowEnds[r]! >= start) r++;
    if (r === MAX_ROWS) r = MAX_ROWS - 1;
    if (r === rowEnds.length || last > rowEnds[r]!) rowEnds[r] = last;
    row[i] = r;
  }
  return { row, rows: Math.max(rowEnds.length, 1) };
}

/** Items with their rows, in lane order, and the row count (for small lanes built as plain objects). */
export function packRows<T extends Omit<LaneItem, 'row'>>(items: readonly T[]): { items: (T & { row: number })[]; rows: number } {
  const sorted = runToEnd(inLaneOrder(items));
  const { row, rows } = runToEnd(assignRows(sorted));
  return { items: sorted.map((it, i) => ({ ...it, row: row[i]! })), rows };
}
