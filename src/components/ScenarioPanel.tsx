/**
 * About the open scenario, as text: what it is, where its facts come from (file and version), and
 * what was assumed or modelled rather than read (the parsers' and platform authors' notes: the
 * representative PCI endpoint, the kernel behaviour assumed, an MSI kind inferred from context).
 */
import { formatSource } from '../view/lanes.ts';
import { useApp } from '../store/appStore.ts';

/** Notes listed; the rest are counted (a hostile upload could note a lot). */
const SHOWN_NOTES = 12;

export function ScenarioPanel() {
  const scenario = useApp((s) => s.scenario);
  // An upload's notes are the parsers' assumptions about the user's own files: open from the start.
  const upload = useApp((s) => s.source?.kind === 'upload');
  if (!scenario) return null;
  const notes = scenario.notes ?? [];
  return (
    <section className="panel scenario-about" aria-labelledby="scenario-about-title">
      <h2 id="scenario-about-title">About this scenario</h2>
      {scenario.description && <p>{scenario.description}</p>}
      {notes.length > 0 && (
        <details open={upload} key={scenario.id}>
          <summary>Notes ({notes.length}): what was assumed or modelled</summary>
          <ul aria-label="Assumptions and notes">
            {notes.slice(0, SHOWN_NOTES).map((n, i) => (
              <li key={i}>{n}</li>
            ))}
            {notes.length > SHOWN_NOTES && <li>and {notes.length - SHOWN_NOTES} more notes</li>}
          </ul>
        </details>
      )}
      {scenario.sources.length > 0 && (
        <details>
          <summary>Sources ({scenario.sources.length})</summary>
          <ul aria-label="Sources">
            {scenario.sources.map((s, i) => (
              <li key={i}>{formatSource(s)}</li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
