/**
 * Every conflict of the policy in force and of the user's candidates, one line each in words with
 * its consequence. Choosing a line zooms the map to the overlap and selects the window.
 */
import { useShallow } from 'zustand/react/shallow';
import type { Conflict } from '../analysis/analyze.ts';
import { hex16 } from '../engine/u64.ts';
import { appStore, useApp } from '../store/appStore.ts';
import { selectWindowEntries, type WindowEntry } from '../store/windowSelectors.ts';

interface Line {
  readonly entry: WindowEntry;
  readonly conflict: Conflict;
  readonly key: string;
}

function zoomTo(line: Line): void {
  const w = line.entry.result.window;
  const s = appStore.getState();
  if (w) {
    const r = line.conflict.withRange;
    const start = r.start > w.base ? r.start : w.base;
    const end = w.base + w.size - 1n;
    const last = r.last < end ? r.last : end;
    // The overlap, widened to the whole window so its edges show.
    s.fitRange(start < w.base ? start : w.base, last > end ? last : end);
  }
  s.select({ lane: 'windows', key: line.entry.key });
}

export function ConflictsPanel() {
  const entries = useApp(useShallow(selectWindowEntries));
  const policy = useApp((s) => s.policy);
  const lines: Line[] = entries
    .filter((e) => e.candidate || e.result.policy === policy)
    .flatMap((entry) => entry.result.conflicts.map((conflict, i) => ({ entry, conflict, key: `${entry.key}:${i}` })));
  return (
    <section className="panel conflicts" aria-labelledby="conflicts-title">
      <h2 id="conflicts-title">Conflicts</h2>
      {lines.length === 0 ? (
        <p className="empty">No conflicts for the {policy} policy window or the candidates.</p>
      ) : (
        <ul aria-label="Conflicts">
          {lines.map((l) => (
            <li key={l.key}>
              <button type="button" className="conflict-line" onClick={() => zoomTo(l)}>
                <span className="conflict-head">
                  {l.entry.label}: {l.conflict.kind.replace(/-/g, ' ')}.
                </span>{' '}
                <span className="conflict-with">
                  Collides with {l.conflict.with} <span className="mono">{hex16(l.conflict.withRange.start)}–{hex16(l.conflict.withRange.last)}</span>.
                </span>{' '}
                <span className="consequence">Consequence: {l.conflict.consequence}.</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
