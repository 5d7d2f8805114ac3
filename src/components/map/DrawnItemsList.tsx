/**
 * The text twin of the map for assistive technology: the items drawn at the current zoom, per
 * lane, as buttons that select them (clusters zoom in). Bounded like the picture: past a few dozen
 * entries, one more button stands for the regions drawn further right and zooms to them; the
 * search box finds any region by name or address. Visually hidden, always in the DOM.
 */
import { appStore, useApp } from '../../store/appStore.ts';
import { selectLanes } from '../../store/axisSelectors.ts';
import { selectScale } from '../../store/viewSlice.ts';
import type { AddressScale } from '../../view/addressScale.ts';
import type { Lane } from '../../view/laneModel.ts';
import { listedMarks } from '../../view/listedMarks.ts';
import { visibleMarks } from '../../view/visible.ts';
import { rangeLabel } from './itemText.ts';

/** Entries per lane. */
const LIST_LIMIT = 60;

function LaneList({ lane, scale }: { lane: Lane; scale: AddressScale }) {
  const { marks, rest } = listedMarks(visibleMarks(lane, scale), LIST_LIMIT);
  const zoom = (start: bigint, last: bigint) => () => appStore.getState().fitRange(start, last);
  return (
    <section aria-label={lane.title}>
      <h4>{lane.title}</h4>
      {lane.message && <p>{lane.message}</p>}
      <ul>
        {marks.map((m) => (
          <li key={m.key}>
            <button type="button" tabIndex={-1} onClick={m.item ? () => appStore.getState().select({ lane: lane.id, key: m.key }) : zoom(m.start, m.last)}>
              {m.item ? rangeLabel(m.item.name, m.start, m.last) : rangeLabel(`${m.count} items (zoom in)`, m.start, m.last)}
            </button>
          </li>
        ))}
        {rest && (
          <li>
            <button type="button" tabIndex={-1} onClick={zoom(rest.start, rest.last)}>
              {rangeLabel(`${rest.count} more regions (zoom in, or find one with Search)`, rest.start, rest.last)}
            </button>
          </li>
        )}
      </ul>
    </section>
  );
}

export function DrawnItemsList() {
  const lanes = useApp(selectLanes);
  const scale = useApp(selectScale);
  return (
    <div className="sr-only">
      <h3>Items drawn on the map</h3>
      {lanes.map((l) => (
        <LaneList key={l.id} lane={l} scale={scale} />
      ))}
    </div>
  );
}
