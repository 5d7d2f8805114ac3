/**
 * The text twin of the map for assistive technology: every item drawn at the current zoom, per
 * lane, as a button that selects it (clusters zoom in). Visually hidden, always in the DOM.
 */
import { useMemo } from 'react';
import { appStore, useApp } from '../../store/appStore.ts';
import { selectAxis, selectLanes } from '../../store/axisSelectors.ts';
import { selectScale } from '../../store/viewSlice.ts';
import { placeLane, visibleMarks } from '../../view/visible.ts';
import { rangeLabel } from './itemText.ts';

export function DrawnItemsList() {
  const lanes = useApp(selectLanes);
  const axis = useApp(selectAxis);
  const scale = useApp(selectScale);
  const placed = useMemo(() => lanes.map((l) => placeLane(l, axis)), [lanes, axis]);
  return (
    <div className="sr-only">
      <h3>Items drawn on the map</h3>
      {placed.map((p) => (
        <section key={p.lane.id} aria-label={p.lane.title}>
          <h4>{p.lane.title}</h4>
          {p.lane.message && <p>{p.lane.message}</p>}
          <ul>
            {visibleMarks(p, scale).map((m) => (
              <li key={m.key}>
                <button
                  type="button"
                  tabIndex={-1}
                  onClick={() => (m.item ? appStore.getState().select({ lane: p.lane.id, key: m.key }) : appStore.getState().fitRange(m.start, m.last))}
                >
                  {m.item ? rangeLabel(m.item.name, m.start, m.last) : rangeLabel(`${m.count} items (zoom in)`, m.start, m.last)}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
