/**
 * Every conflict of the policy in force and of the user's candidates, one line each in words with
 * its consequence (a conflict shared by several windows is said once, naming them). Choosing a
 * line zooms the map to it and selects the window.
 */
import { useShallow } from 'zustand/react/shallow';
import { hex16 } from '../engine/u64.ts';
import { appStore, useApp } from '../store/appStore.ts';
import { selectWindowEntries } from '../store/windowSelectors.ts';
import { conflictLines, type ConflictLine } from '../view/conflictLines.ts';

function choose(line: ConflictLine): void {
  const s = appStore.getState();
  if (line.zoom) s.fitRange(line.zoom.start, line.zoom.last);
  s.select({ lane: 'windows', key: line.ownerKey });
}

export function ConflictsPanel() {
  const entries = useApp(useShallow(selectWindowEntries));
  const policy = useApp((s) => s.policy);
  const lines = conflictLines(
    entries
      .filter((e) => e.candidate || e.result.policy === policy)
      .map((e) => ({ key: e.key, label: e.label, window: e.result.window, conflicts: e.result.conflicts })),
  );
  return (
    <section className="panel conflicts" aria-labelledby="conflicts-title">
      <h2 id="conflicts-title">Conflicts</h2>
      {lines.length === 0 ? (
        <p className="empty">No conflicts for the {policy} policy window or the candidates.</p>
      ) : (
        <ul aria-label="Conflicts">
          {lines.map((l) => (
            <li key={l.key}>
              <button type="button" className="conflict-line" onClick={() => choose(l)}>
                <span className="conflict-head">
                  {l.owners.join(', ')}: {l.kind.replace(/-/g, ' ')}.
                </span>{' '}
                <span className="conflict-with">
                  {l.relation} {l.with} <span className="mono">{hex16(l.withRange.start)}–{hex16(l.withRange.last)}</span>.
                </span>{' '}
                <span className="consequence">Consequence: {l.consequence}.</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
