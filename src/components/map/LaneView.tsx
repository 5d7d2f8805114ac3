/**
 * One lane: its title and subtitle, the track and the visible marks: each item as a rect named by
 * its <title>, and the clusters of small items of each row as one path (a lane of a million
 * regions shows hundreds of clusters; one node per row keeps the SVG small). And apart, so
 * dragging does not redraw the marks, the hatched, labelled overlays where a window conflicts
 * with an item of this lane.
 */
import { memo } from 'react';
import type { AddressScale } from '../../view/addressScale.ts';
import type { Overlay } from '../../view/conflictOverlays.ts';
import { fitText } from '../../view/fitText.ts';
import { groupBy } from '../../view/groupBy.ts';
import { ROW_H, rowY, type LaneBox } from '../../view/layout.ts';
import { rectPath } from '../../view/rectPath.ts';
import type { Lane } from '../../view/laneModel.ts';
import { visibleMarks, type Mark } from '../../view/visible.ts';
import { rangeLabel } from './itemText.ts';

interface Props {
  readonly lane: Lane;
  readonly box: LaneBox;
  readonly scale: AddressScale;
  readonly selectedKey: string | null;
  /** Overlays drawn with the marks (static pictures); the live map draws them in its top layer. */
  readonly overlays?: readonly Overlay[];
}

/** Advance of the 12.5 px semi-bold lane titles, generous. */
export const TITLE_CHAR_PX = 8;

/** Marks are clipped to a little beyond the map so huge items stay sane SVG. */
function clip(x: number, w: number, width: number): [number, number] {
  const x0 = Math.max(x, -2);
  const x1 = Math.min(x + w, width + 2);
  return [x0, Math.max(x1 - x0, 1)];
}

function MarkView({ m, laneId, box, width, selected }: { m: Mark; laneId: string; box: LaneBox; width: number; selected: boolean }) {
  const [x, w] = clip(m.x, m.w, width);
  const y = rowY(box, m.row);
  const name = m.item!.name;
  const textX = Math.max(x, 0) + 5;
  const label = fitText(name, Math.min(x + w, width) - textX - 3);
  const className = `mark ${m.cls}${selected ? ' selected' : ''}`;
  const data = { 'data-lane': laneId, 'data-key': m.key };
  const title = <title>{rangeLabel(name, m.start, m.last)}</title>;
  // Most marks are too narrow for a label: a bare rect keeps the node count low.
  if (!label) {
    return (
      <rect className={className} {...data} x={x} y={y} width={w} height={ROW_H} rx={2}>
        {title}
      </rect>
    );
  }
  return (
    <g className={className} {...data}>
      {title}
      <rect x={x} y={y} width={w} height={ROW_H} rx={2} />
      {label && (
        <text x={textX} y={y + ROW_H / 2 + 4} className="mark-label">
          {label}
        </text>
      )}
    </g>
  );
}

/** The clusters of one row as a single path; a click on it zooms into the cluster under the pointer (AddressMap). */
function ClusterRow({ marks, row, laneId, box, width }: { marks: readonly Mark[]; row: number; laneId: string; box: LaneBox; width: number }) {
  const y = rowY(box, row);
  let d = '';
  let count = 0;
  for (const m of marks) {
    const [x, w] = clip(m.x, m.w, width);
    d += rectPath(x, y, w, ROW_H);
    count += m.count;
  }
  return (
    <path className="mark cluster" data-lane={laneId} data-cluster-row={row} d={d}>
      <title>{`${count} regions in ${marks.length} clusters too small to draw one by one: click one to zoom in`}</title>
    </path>
  );
}

/** Overlay labels longer than this are shortened; the full text is in the tooltip and the Conflicts list. */
const OVERLAY_LABEL_CHARS = 44;

function OverlayView({ o, scale, box }: { o: Overlay; scale: AddressScale; box: LaneBox }) {
  const label = o.label.length > OVERLAY_LABEL_CHARS ? `${o.label.slice(0, OVERLAY_LABEL_CHARS - 1)}…` : o.label;
  const x0 = scale.x(o.start);
  const [x, w] = clip(x0, Math.max(scale.x(o.last + 1n) - x0, 4), scale.width);
  const y = rowY(box, o.row);
  const inside = w > label.length * 6.4 + 10;
  const tx = inside ? x + 5 : Math.min(x + w + 4, scale.width - label.length * 6.4 - 4);
  return (
    <g className="conflict-overlay">
      <title>{rangeLabel(o.label, o.start, o.last)}</title>
      <rect x={x} y={y - 1} width={w} height={ROW_H + 2} className="conflict-hatch" />
      <text x={tx} y={y + ROW_H / 2 + 4} className={inside ? 'conflict-label inside' : 'conflict-label'}>
        {label}
      </text>
    </g>
  );
}

/** Conflict overlays of one lane: re-rendered on every drag frame, apart from the marks. */
export const LaneOverlays = memo(function LaneOverlays({ overlays, scale, box }: { overlays: readonly Overlay[]; scale: AddressScale; box: LaneBox }) {
  return (
    <g className="conflict-overlays">
      {overlays.map((o) => (
        <OverlayView key={`${o.row}:${o.start}:${o.last}`} o={o} scale={scale} box={box} />
      ))}
    </g>
  );
});

export const LaneView = memo(function LaneView({ lane, box, scale, selectedKey, overlays }: Props) {
  const marks = visibleMarks(lane, scale);
  const titleW = lane.title.length * TITLE_CHAR_PX + 14;
  return (
    <g className={`lane lane-${lane.id}`} role="group" aria-label={`${lane.title}: ${lane.subtitle}`}>
      <text x={8} y={box.top + 14} className="lane-title">
        {lane.title}
      </text>
      <text x={8 + titleW} y={box.top + 14} className="lane-subtitle">
        {fitText(lane.subtitle, scale.width - titleW - 16, 6)}
      </text>
      <rect x={0} y={box.trackTop} width={scale.width} height={box.trackHeight} className="track" />
      {lane.message && (
        <text x={10} y={box.trackTop + ROW_H / 2 + 4} className="lane-message">
          {lane.message}
        </text>
      )}
      {marks.map((m) => m.item && <MarkView key={m.key} m={m} laneId={lane.id} box={box} width={scale.width} selected={m.key === selectedKey} />)}
      {[...groupBy(marks.filter((m) => !m.item), (m) => m.row)].map(([row, ms]) => (
        <ClusterRow key={row} marks={ms} row={row} laneId={lane.id} box={box} width={scale.width} />
      ))}
      {overlays && overlays.length > 0 && <LaneOverlays overlays={overlays} scale={scale} box={box} />}
    </g>
  );
});
