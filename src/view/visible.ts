/**
 * Render what is visible (design-notes example 7): per view, the marks of a lane that fall in the
 * window, with runs of sub-pixel items merged into one "N items" cluster. The axis positions of
 * every item are computed once per (lane, axis) by `placeLane`; per frame only the visible part is
 * touched (binary search), and only pixel offsets go through doubles.
 */
import type { AddressScale } from './addressScale.ts';
import type { AxisMap } from './axisMap.ts';
import type { Lane, LaneItem } from './laneModel.ts';

interface Placed {
  readonly item: LaneItem;
  readonly u0: bigint;
  /** Exclusive end on the axis. */
  readonly u1: bigint;
}

export interface PlacedLane {
  readonly lane: Lane;
  /** Per row: items in start order, with the running maximum of their ends (for the search). */
  readonly rows: readonly { readonly items: readonly Placed[]; readonly maxEnd: readonly bigint[] }[];
}

export interface Mark {
  readonly key: string;
  readonly row: number;
  readonly x: number;
  readonly w: number;
  /** The item, or undefined for a cluster of `count` sub-pixel items. */
  readonly item: LaneItem | undefined;
  readonly count: number;
  readonly start: bigint;
  readonly last: bigint;
  readonly cls: string;
}

/** Items narrower than this are merged with their small neighbours. */
export const MIN_ITEM_PX = 1;
/** A cluster grows until it covers this many pixels. */
const CLUSTER_PX = 3;

export function placeLane(lane: Lane, axis: AxisMap): PlacedLane {
  const rows: Placed[][] = Array.from({ length: lane.rows }, () => []);
  for (const item of lane.items) {
    rows[Math.min(item.row, lane.rows - 1)]!.push({ item, u0: axis.toAxis(item.start), u1: axis.toAxis(item.last + 1n) });
  }
  return {
    lane,
    rows: rows.map((items) => {
      items.sort((a, b) => (a.u0 < b.u0 ? -1 : a.u0 > b.u0 ? 1 : 0));
      const maxEnd: bigint[] = [];
      let m = -1n;
      for (const p of items) maxEnd.push((m = p.u1 > m ? p.u1 : m));
      return { items, maxEnd };
    }),
  };
}

/** First index whose running max end is beyond `u` (all earlier items end at or before it). */
function firstEndingAfter(maxEnd: readonly bigint[], u: bigint): number {
  let lo = 0;
  let hi = maxEnd.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (maxEnd[mid]! <= u) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function visibleMarks(placed: PlacedLane, scale: AddressScale): Mark[] {
  const out: Mark[] = [];
  placed.rows.forEach((row, r) => {
    let cluster: { x0: number; x1: number; count: number; start: bigint; last: bigint; first: LaneItem } | null = null;
    const flush = (): void => {
      if (!cluster) return;
      const c = cluster;
      out.push(
        c.count === 1
          ? itemMark(c.first, r, c.x0, c.x1)
          : { key: `cluster:${r}:${c.first.key}`, row: r, x: c.x0, w: Math.max(c.x1 - c.x0, MIN_ITEM_PX), item: undefined, count: c.count, start: c.start, last: c.last, cls: 'cluster' },
      );
      cluster = null;
    };
    for (let i = firstEndingAfter(row.maxEnd, scale.axisStart); i < row.items.length; i++) {
      const p = row.items[i]!;
      if (p.u0 >= scale.axisEnd) break;
      if (p.u1 <= scale.axisStart) continue; // an overlap-row item that ended earlier
      const x0 = scale.xAxis(p.u0);
      const x1 = scale.xAxis(p.u1);
      if (x1 - x0 >= MIN_ITEM_PX) {
        flush();
        out.push(itemMark(p.item, r, x0, x1));
        continue;
      }
      if (cluster && x1 - cluster.x0 <= CLUSTER_PX) {
        cluster.count += 1;
        cluster.x1 = Math.max(cluster.x1, x1);
        if (p.item.last > cluster.last) cluster.last = p.item.last;
      } else {
        flush();
        cluster = { x0, x1, count: 1, start: p.item.start, last: p.item.last, first: p.item };
      }
    }
    flush();
  });
  return out;
}

function itemMark(item: LaneItem, row: number, x0: number, x1: number): Mark {
  return { key: item.key, row, x: x0, w: Math.max(x1 - x0, MIN_ITEM_PX), item, count: 1, start: item.start, last: item.last, cls: item.cls };
}
