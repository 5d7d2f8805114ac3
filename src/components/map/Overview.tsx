/**
 * The overview strip: the whole 64-bit space on a compressed axis (so every region shows), the
 * physical map and reserved regions in miniature, and a frame where the main view is. Click or
 * drag on it to move the view there.
 */
import { useMemo, type PointerEvent } from 'react';
import { appStore, useApp } from '../../store/appStore.ts';
import { selectAxisFor, selectLanes } from '../../store/axisSelectors.ts';
import { selectScale } from '../../store/viewSlice.ts';
import { fitAxisRange, makeScale } from '../../view/addressScale.ts';
import { rectPath } from '../../view/rectPath.ts';
import { groupBy } from '../../view/groupBy.ts';
import { visibleMarks } from '../../view/visible.ts';

const H = 34;
const ROW = 9;
const SHOWN = ['phys', 'resv', 'guest'];

export function Overview() {
  const lanes = useApp(selectLanes);
  const axis = useApp((s) => selectAxisFor(s, true));
  const main = useApp(selectScale);
  const width = main.width;
  const scale = useMemo(() => makeScale(fitAxisRange(0n, axis.total, width, axis), width, axis), [axis, width]);
  const rows = useMemo(
    () => lanes.filter((l) => SHOWN.includes(l.id)).map((l) => ({ id: l.id, marks: visibleMarks(l, scale) })),
    [lanes, scale],
  );
  // The main view's edges, as addresses, placed on the overview's axis.
  const x0 = scale.x(main.addressAt(0));
  const x1 = scale.x(main.addressAt(main.width));
  const frameW = Math.max(x1 - x0, 3);
  const moveTo = (e: PointerEvent<SVGSVGElement>): void => {
    const px = e.clientX - e.currentTarget.getBoundingClientRect().left;
    appStore.getState().centerOn(scale.addressAt(px));
  };
  return (
    <svg
      className="overview"
      width={width}
      height={H}
      role="img"
      aria-label="Overview of the whole 64-bit space (empty space compressed) with the part shown below framed"
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        moveTo(e);
      }}
      onPointerMove={(e) => {
        if (e.currentTarget.hasPointerCapture(e.pointerId)) moveTo(e);
      }}
    >
      <rect x={0} y={0} width={width} height={H} className="overview-bg" />
      {rows.map((r, i) => (
        <g key={r.id} className={`overview-row lane-${r.id}`}>
          {/* One path per mark class: the strip stays a few dozen nodes however many regions there are. */}
          {[...groupBy(r.marks, (m) => m.cls)].map(([cls, ms]) => (
            <path key={cls} className={`mark ${cls}`} d={ms.map((m) => rectPath(m.x, 3 + i * (ROW + 1), Math.max(m.w, 1), ROW)).join('')} />
          ))}
        </g>
      ))}
      <rect x={Math.min(Math.max(x0 - 1, 0), width - frameW)} y={1} width={frameW} height={H - 2} className="overview-frame" />
    </svg>
  );
}
