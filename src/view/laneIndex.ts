/**
 * Per-lane interval index, built once per lane (memoised on the Lane object) so that a view, a
 * conflict or a key lookup touches only the items it needs: each row's items in lane order with
 * their starts and lasts as plain arrays for binary search, and, for a row whose items overlap
 * (only the last row can), a max-tree over the lasts. Building is O(n) (plus a sort when the lane
 * is not already in lane order); every query is O(log n) plus what it returns.
 */
import { compareItems, inLaneOrder, type Lane, type LaneItem } from './laneModel.ts';
import { SLICE_ITEMS, runToEnd, type Sliced } from './sliced.ts';

export interface RowIndex {
  readonly items: readonly LaneItem[];
  readonly starts: readonly bigint[];
  readonly lasts: readonly bigint[];
  /**
   * Max-tree over `lasts` (node 1 is the root, leaf i is node size + i, padding holds -1n) when
   * the lasts do not ascend; null when they do and a binary search answers instead.
   */
  readonly tree: readonly bigint[] | null;
  readonly size: number;
}

export interface LaneIndex {
  readonly rows: readonly RowIndex[];
}

const built = new WeakMap<Lane, LaneIndex>();

/** The lane's index, built in slices (and remembered) when it is not yet. */
export function* laneIndexSliced(lane: Lane): Sliced<LaneIndex> {
  const known = built.get(lane);
  if (known) return known;
  const ordered = yield* inLaneOrder(lane.items);
  const parts = Array.from({ length: Math.max(lane.rows, 1) }, () => ({ items: [] as LaneItem[], starts: [] as bigint[], lasts: [] as bigint[] }));
  for (let i = 0; i < ordered.length; i++) {
    if (i % SLICE_ITEMS === SLICE_ITEMS - 1) yield;
    const it = ordered[i]!;
    const p = parts[Math.min(it.row, parts.length - 1)]!;
    p.items.push(it);
    p.starts.push(it.start);
    p.lasts.push(it.last);
  }
  const rows: RowIndex[] = [];
  for (const p of parts) rows.push({ ...p, ...(yield* maxTree(p.lasts)) });
  const index = { rows };
  built.set(lane, index);
  return index;
}

export function laneIndex(lane: Lane): LaneIndex {
  return built.get(lane) ?? runToEnd(laneIndexSliced(lane));
}

function* maxTree(lasts: readonly bigint[]): Sliced<{ tree: bigint[] | null; size: number }> {
  let ascending = true;
  for (let i = 1; i < lasts.length && ascending; i++) ascending = lasts[i]! >= lasts[i - 1]!;
  if (ascending) return { tree: null, size: lasts.length };
  let size = 1;
  while (size < lasts.length) size *= 2;
  // Filled in slices too: one fill of a few million entries was an 80 ms step.
  const tree = new Array<bigint>(2 * size);
  for (let i = 0; i < size; i++) {
    if (i % SLICE_ITEMS === SLICE_ITEMS - 1) yield;
    tree[size + i] = i < lasts.length ? lasts[i]! : -1n;
  }
  for (let i = size - 1; i >= 1; i--) {
    if (i % SLICE_ITEMS === 0) yield;
    const l = tree[2 * i]!;
    const r = tree[2 * i + 1]!;
    tree[i] = l > r ? l : r;
  }
  return { tree, size };
}

/** First index in [from, n) of a sorted array whose value is >= x (n when none). */
function lowerBound(values: readonly bigint[], from: number, x: bigint): number {
  let lo = from;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First item at or after `from` that starts at or after `addr`. */
export function firstStartAtLeast(r: RowIndex, from: number, addr: bigint): number {
  return lowerBound(r.starts, from, addr);
}

/** First item at or after `from` whose last address is at or after `addr` (reaches it). */
export function firstLastAtLeast(r: RowIndex, from: number, addr: bigint): number {
  const n = r.lasts.length;
  const tree = r.tree;
  if (!tree) return lowerBound(r.lasts, from, addr);
  if (from >= n) return n;
  let i = from + r.size;
  if (tree[i]! >= addr) return from;
  for (;;) {
    while (i & 1) i >>= 1; // climb while a right child
    if (i === 0) return n;
    i += 1; // the right sibling: everything in it lies after `from`
    if (tree[i]! >= addr) break;
  }
  while (i < r.size) {
    i *= 2;
    if (tree[i]! < addr) i += 1;
  }
  return i - r.size;
}

/** Highest last address of the items [from, to) (to > from). */
export function maxLast(r: RowIndex, from: number, to: number): bigint {
  const tree = r.tree;
  if (!tree) return r.lasts[to - 1]!;
  let best = -1n;
  const take = (node: number): void => {
    if (tree[node]! > best) best = tree[node]!;
  };
  for (let l = from + r.size, h = to + r.size; l < h; l >>= 1, h >>= 1) {
    if (l & 1) take(l++);
    if (h & 1) take(--h);
  }
  return best;
}

/** Items of the lane overlapping [start, last], in lane order. */
export function itemsOverlapping(lane: Lane, start: bigint, last: bigint): LaneItem[] {
  const out: LaneItem[] = [];
  for (const r of laneIndex(lane).rows) {
    for (let k = firstLastAtLeast(r, 0, start); k < r.starts.length && r.starts[k]! <= last; k = firstLastAtLeast(r, k + 1, start)) {
      out.push(r.items[k]!);
    }
  }
  return out.sort(compareItems);
}

/** Keys made by lanes.ts and traceLanes.ts: "<lane>:0x<start>-0x<last>:<what>". */
const RANGE_KEY = /^[^:]*:0x([0-9a-f]+)-0x([0-9a-f]+):/;

/** The item with this key: found by its range when the key names one, else by a scan. */
export function findItemByKey(lane: Lane, key: string): LaneItem | undefined {
  const m = RANGE_KEY.exec(key);
  if (!m) return lane.items.find((it) => it.key === key);
  const start = BigInt(`0x${m[1]}`);
  const last = BigInt(`0x${m[2]}`);
  return itemsOverlapping(lane, start, start).find((it) => it.start === start && it.last === last && it.key === key);
}
