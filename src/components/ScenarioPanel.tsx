/**
 * About the open scenario, as text, as the text report says it: what it is, where its facts come
 * from (file and version), what was modelled or inferred rather than read (the parsers' and
 * platform authors' notes: a representative PCI endpoint, an MSI kind inferred from context), and
 * what the analysis assumes (the kernel behaviour in effect, the guest map, the DMA mask).
 */
import { reportNotes } from '../analysis/reportNotes.ts';
import { selectAnalysis } from '../store/analysisSlice.ts';
import { useApp } from '../store/appStore.ts';
import { memoLast } from '../store/memo.ts';
import { formatSource } from '../view/lanes.ts';

/** The same notes as the text report's (analysis/reportNotes.ts). */
const notesOf = memoLast(reportNotes);

/** Notes listed; the rest are counted (a hostile upload could note a lot). */
const SHOWN_NOTES = 12;

export function ScenarioPanel() {
  const scenario = useApp((s) => s.scenario);
  const analysis = useApp(selectAnalysis);
  // An upload's notes are the parsers' assumptions about the user's own files: open from the start.
  const upload = useApp((s) => s.source?.kind === 'upload');
  if (!scenario || !analysis) return null;
  const { read: notes, assumed } = notesOf(analysis);
  return (
    <section className="panel scenario-about" aria-labelledby="scenario-about-title">
      <h2 id="scenario-about-title">About this scenario</h2>
      {scenario.description && <p>{scenario.description}</p>}
      {notes.length > 0 && (
        <details open={upload} key={scenario.id}>
          <summary>Notes ({notes.length}): what was modelled or inferred</summary>
          <ul aria-label="Assumptions and notes">
            {notes.slice(0, SHOWN_NOTES).map((n, i) => (
              <li key={i}>{n}</li>
            ))}
            {notes.length > SHOWN_NOTES && <li>and {notes.length - SHOWN_NOTES} more notes</li>}
          </ul>
        </details>
      )}
      <details>
        <summary>Assumed ({assumed.length})</summary>
        <ul aria-label="Assumptions of the analysis">
          {assumed.map((n, i) => (
            <li key={i}>{n}</li>
          ))}
        </ul>
      </details>
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
