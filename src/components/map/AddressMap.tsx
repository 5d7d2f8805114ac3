/**
 * The map: two SVGs of the same size, one over the other. The bottom one holds what changes only
 * with the view (axis, lanes); the top one, on its own compositing layer, what changes on every
 * drag frame (conflict overlays, the MSI-window lane, the window bands), so a drag repaints only
 * the top layer. React owns the DOM; the zoom controller (d3-zoom) and the handles' drag
 * controllers only report gestures to the store. Clicking an item selects it; clicking a cluster
 * zooms into it.
 */
import { useMemo, useRef, type MouseEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { appStore, useApp } from '../../store/appStore.ts';
import { selectLanes } from '../../store/axisSelectors.ts';
import { selectScale } from '../../store/viewSlice.ts';
import { selectConflictOverlays } from '../../store/windowSelectors.ts';
import { AXIS_H, layoutMap } from '../../view/layout.ts';
import { groupBy } from '../../view/groupBy.ts';
import { visibleMarks, type Mark } from '../../view/visible.ts';
import { Axis } from './Axis.tsx';
import { LaneOverlays, LaneView } from './LaneView.tsx';
import { SvgDefs } from './SvgDefs.tsx';
import { useMapWidth } from './useMapWidth.ts';
import { useZoom } from './useZoom.ts';
import { WindowBands } from './WindowBands.tsx';
import { WindowsLane } from './WindowsLane.tsx';

const NO_OVERLAYS: never[] = [];

/** The cluster drawn under pixel x in a row of a lane (clusters of a row are one path). */
function clusterAt(laneId: string, row: number, x: number): Mark | undefined {
  const s = appStore.getState();
  const lane = selectLanes(s).find((l) => l.id === laneId);
  return lane && visibleMarks(lane, selectScale(s)).find((m) => !m.item && m.row === row && m.x <= x && x <= m.x + m.w);
}

function onMapClick(e: MouseEvent<HTMLDivElement>): void {
  const target = (e.target as Element).closest('[data-lane]');
  if (!(target instanceof SVGElement)) return;
  const { lane, key, clusterRow } = target.dataset;
  const s = appStore.getState();
  if (lane && clusterRow) {
    const c = clusterAt(lane, Number(clusterRow), e.clientX - target.ownerSVGElement!.getBoundingClientRect().left);
    if (c) s.fitRange(c.start, c.last);
  } else if (lane && key) {
    s.select({ lane, key });
    if (lane === 'windows' && key.startsWith('candidate:')) s.setActiveCandidate(key.slice('candidate:'.length));
  }
}

export function AddressMap() {
  const wrapRef = useRef<HTMLDivElement>(null);
  const topRef = useRef<SVGSVGElement>(null);
  const lanes = useApp(selectLanes);
  const scale = useApp(selectScale);
  const overlays = useApp(selectConflictOverlays);
  const selection = useApp(useShallow((s) => s.selection));
  useMapWidth(wrapRef);
  useZoom(wrapRef);
  const layout = useMemo(() => layoutMap(lanes), [lanes]);
  const byLane = useMemo(() => groupBy(overlays, (o) => o.lane), [overlays]);
  return (
    <div ref={wrapRef} className="map-wrap" onClick={onMapClick}>
      <svg className="map" width={scale.width} height={layout.height} role="group" aria-label="Address map: every address space on one axis">
        <SvgDefs />
        <Axis scale={scale} height={layout.height} />
        {lanes.map((l, i) => (
          <LaneView key={l.id} lane={l} box={layout.lanes[i]!} scale={scale} selectedKey={selection?.lane === l.id ? selection.key : null} />
        ))}
      </svg>
      <svg ref={topRef} className="map-top" width={scale.width} height={layout.height} role="group" aria-label="MSI windows and conflicts">
        {layout.lanes.map((box) => (
          <LaneOverlays key={box.id} overlays={byLane.get(box.id) ?? NO_OVERLAYS} scale={scale} box={box} />
        ))}
        <WindowsLane box={layout.windows} scale={scale} svgRef={topRef} />
        <WindowBands scale={scale} top={AXIS_H} bottom={layout.height - 8} />
      </svg>
    </div>
  );
}
