/**
 * Render what is visible (design-notes example 7): per view, the marks of a lane that fall in the
 * window, with runs of small items merged into one "N items" cluster. Everything goes through the
 * lane's interval index (laneIndex.ts): the first visible item of each row is found by binary
 * search, and a cluster skips over all the items it swallows with two more, so a frame costs
 * O(marks · log n) however many items the lane holds. Only pixel offsets go through doubles.
 */
import type { AddressScale } from './addressScale.ts';
import { firstLastAtLeast, firstStartAtLeast, laneIndex, maxLast, type RowIndex } from './laneIndex.ts';
import type { Lane, LaneItem } from './laneModel.ts';

export interface Mark {
  readonly key: string;
  readonly row: number;
  readonly x: number;
  readonly w: number;
  /** The item, or undefined for a cluster of `count` items. */
  readonly item: LaneItem | undefined;
  readonly count: number;
  readonly start: bigint;
  readonly last: bigint;
  readonly cls: string;
}

/** Items narrower than this start a cluster with their small neighbours. */
export const MIN_ITEM_PX = 1;
/**
 * A cluster takes every following item that ends within this many pixels of its start (at most
 * one mark per few pixels, so at most a few hundred marks per row).
 */
export const CLUSTER_PX = 3;

const lastMarks = new WeakMap<Lane, { scale: AddressScale; marks: readonly Mark[] }>();

/** The lane's marks at this scale (the same array for the same lane and scale: the map and its text list share it). */
export function visibleMarks(lane: Lane, scale: AddressScale): readonly Mark[] {
  const hit = lastMarks.get(lane);
  if (hit?.scale === scale) return hit.marks;
  const marks: Mark[] = [];
  laneIndex(lane).rows.forEach((r, row) => rowMarks(r, row, scale, marks));
  lastMarks.set(lane, { scale, marks });
  return marks;
}

function rowMarks(r: RowIndex, row: number, scale: AddressScale, out: Mark[]): void {
  const { axis, axisStart, axisEnd } = scale;
  const n = r.starts.length;
  // Visible: ends after the left edge (last >= reach) and starts before the right edge (start < end).
  const reach = axis.fromAxis(axisStart + 1n) - 1n;
  const end = axis.fromAxis(axisEnd);
  const clusterUnits = BigInt(Math.ceil(CLUSTER_PX * scale.view.bytesPerPx));
  for (let i = firstLastAtLeast(r, 0, reach); i < n && r.starts[i]! < end; ) {
    const u0 = axis.toAxis(r.starts[i]!);
    const x0 = scale.xAxis(u0);
    const x1 = scale.x(r.lasts[i]! + 1n);
    let stop = i + 1;
    if (x1 - x0 < MIN_ITEM_PX) {
      // The cluster: the next items that start before the limit and end before it too.
      const limit = axis.fromAxis(u0 + clusterUnits);
      stop = Math.min(firstStartAtLeast(r, i + 1, limit < end ? limit : end), firstLastAtLeast(r, i + 1, limit));
    }
    if (stop === i + 1) {
      out.push(itemMark(r.items[i]!, row, x0, x1));
    } else {
      const first = r.items[i]!;
      const last = maxLast(r, i, stop);
      const cx1 = scale.x(last + 1n);
      out.push({ key: `cluster:${row}:${first.key}`, row, x: x0, w: Math.max(cx1 - x0, MIN_ITEM_PX), item: undefined, count: stop - i, start: first.start, last, cls: 'cluster' });
    }
    i = firstLastAtLeast(r, stop, reach);
  }
}

function itemMark(item: LaneItem, row: number, x0: number, x1: number): Mark {
  return { key: item.key, row, x: x0, w: Math.max(x1 - x0, MIN_ITEM_PX), item, count: 1, start: item.start, last: item.last, cls: item.cls };
}
