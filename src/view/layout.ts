/**
 * Vertical layout of the map: the axis on top, then each lane as a title line over its track
 * rows, then the MSI-window lane. Pure numbers, so the SVG and its export agree.
 */
import type { Lane } from './laneModel.ts';

export const AXIS_H = 40;
export const TITLE_H = 20;
export const ROW_H = 22;
export const ROW_GAP = 3;
export const LANE_GAP = 12;
/** The MSI-window lane: two rows of policy windows, valid-window highlights, candidate handles. */
export const WINDOW_ROWS = 4;
export const WINDOW_ROW = { policies: 0, valid: 2, candidates: 3 } as const;

export interface LaneBox {
  readonly id: string;
  /** Top of the title line. */
  readonly top: number;
  /** Top of the first track row. */
  readonly trackTop: number;
  readonly trackHeight: number;
}

export interface MapLayout {
  readonly lanes: readonly LaneBox[];
  readonly windows: LaneBox;
  readonly height: number;
}

function trackHeight(rows: number): number {
  return rows * ROW_H + (rows - 1) * ROW_GAP;
}

export function rowY(box: LaneBox, row: number): number {
  return box.trackTop + row * (ROW_H + ROW_GAP);
}

export function layoutMap(lanes: readonly Lane[]): MapLayout {
  let y = AXIS_H;
  const boxes: LaneBox[] = [];
  const place = (id: string, rows: number): LaneBox => {
    const box = { id, top: y, trackTop: y + TITLE_H, trackHeight: trackHeight(rows) };
    y = box.trackTop + box.trackHeight + LANE_GAP;
    return box;
  };
  for (const l of lanes) boxes.push(place(l.id, l.rows));
  const windows = place('windows', WINDOW_ROWS);
  return { lanes: boxes, windows, height: y };
}
