/**
 * The replay state drawn with the map's own components (Axis, LaneView) on a compressed axis cut
 * at every range the trace ever touches, so the axis stays put while the items change. The item
 * the current op made or returned is highlighted and, when following, zoomed to (a single IOVA
 * page is invisible at the scale of the whole trace).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { TraceStepper } from '../../engine/traceStepper.ts';
import { fitAxisRange, fitRange, makeScale } from '../../view/addressScale.ts';
import { compressedAxis } from '../../view/axisMap.ts';
import { layoutMap } from '../../view/layout.ts';
import { touchedItem, traceCuts, traceLanes } from '../../teach/traceLanes.ts';
import { Axis } from '../map/Axis.tsx';
import { LaneView } from '../map/LaneView.tsx';
import { usePlayer } from './playerStore.ts';

function useWidth(): [React.RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(800);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = (w: number): void => setWidth(Math.max(Math.floor(w), 200));
    update(el.getBoundingClientRect().width);
    const ro = new ResizeObserver((entries) => {
      for (const e of entries) update(e.contentRect.width);
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, width];
}

export function TraceLanesView({ stepper }: { stepper: TraceStepper }) {
  const [ref, width] = useWidth();
  const position = usePlayer((s) => s.position);
  const axis = useMemo(() => compressedAxis(traceCuts(stepper)), [stepper]);
  const follow = usePlayer((s) => s.follow);
  const snapshot = useMemo(() => stepper.snapshotAt(position), [stepper, position]);
  const lanes = useMemo(() => traceLanes(snapshot), [snapshot]);
  const layout = useMemo(() => layoutMap(lanes), [lanes]);
  const touched = position > 0 ? touchedItem(stepper.trace.ops[position - 1], stepper.outputs[position - 1]!, lanes, snapshot) : undefined;
  const item = touched && lanes.find((l) => l.id === touched.lane)?.items.find((it) => it.key === touched.key);
  // Following: the item fills the middle fifth of the width.
  const view = follow && item ? fitRange(item.start, item.last, width, axis, width * 0.4) : fitAxisRange(0n, axis.total, width, axis);
  const scale = makeScale(view, width, axis);
  const height = layout.windows.top;
  return (
    <div ref={ref} className="trace-lanes">
      <svg className="map" width={width} height={height} role="img" aria-label="The trace state on a compressed address axis: reserved regions, IOVA domain, VFIO iova list">
        <Axis scale={scale} height={height} />
        {lanes.map((l, i) => (
          <LaneView key={l.id} lane={l} box={layout.lanes[i]!} scale={scale} selectedKey={touched?.lane === l.id ? touched.key : null} />
        ))}
      </svg>
    </div>
  );
}
