/**
 * What the map draws, independent of React and D3: lanes of named, typed address ranges.
 * Lanes are built once per analysis (lanes.ts); placing and culling happen per view (visible.ts).
 */
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

/**
 * Give each item the first row where it overlaps nothing already placed (greedy interval
 * partitioning in start order). Returns the items with rows and the row count.
 */
export function packRows<T extends Omit<LaneItem, 'row'>>(items: readonly T[]): { items: (T & { row: number })[]; rows: number } {
  const sorted = [...items].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.last < b.last ? 1 : a.last > b.last ? -1 : 0));
  const rowEnds: bigint[] = [];
  const out = sorted.map((it) => {
    let row = rowEnds.findIndex((end) => end < it.start);
    if (row === -1) row = rowEnds.length < MAX_ROWS ? rowEnds.length : MAX_ROWS - 1;
    rowEnds[row] = rowEnds[row] === undefined || it.last > rowEnds[row]! ? it.last : rowEnds[row]!;
    return { ...it, row };
  });
  return { items: out, rows: Math.max(rowEnds.length, 1) };
}
