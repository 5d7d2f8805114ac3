/**
 * The verdict for the MSI window the user is moving, in words, in a live region: screen readers
 * hear it change while a handle is dragged or moved with the keyboard.
 */
import { formatSize } from '../engine/u64.ts';
import { selectDevices } from '../store/analysisSlice.ts';
import { useApp } from '../store/appStore.ts';
import { selectActiveCandidateEntry, windowRangeText } from '../store/windowSelectors.ts';

/** An input may describe no IOMMU at all (/proc/iomem) or a machine without one: say only what is known. */
const NO_IOMMU_DEVICE = 'No device in this scenario is behind a described IOMMU, so there is no MSI window to place or judge. "About this scenario" says what the input describes.';

const VERDICT_WORDS = { ok: 'works', conflict: 'does not work', 'no-window': 'has no window' } as const;

export function Verdict() {
  const entry = useApp(selectActiveCandidateEntry);
  const loading = useApp((s) => s.loadStatus.state === 'loading');
  const noIommuDevice = useApp((s) => s.scenario !== null && selectDevices(s).length === 0);
  const r = entry?.result;
  const verdict = noIommuDevice ? 'none' : (r?.verdict ?? 'no-window');
  return (
    <section className={`panel verdict verdict-${verdict}`} aria-labelledby="verdict-title">
      <h2 id="verdict-title">Verdict</h2>
      <p role="status" aria-live="polite" className="verdict-text">
        {noIommuDevice ? (
          NO_IOMMU_DEVICE
        ) : !entry || !r?.window ? (
          loading ? 'Loading the platform…' : 'No candidate window. Use "Add candidate" to place one.'
        ) : (
          <>
            <strong>
              {entry.label} at {windowRangeText(r.window)} ({formatSize(r.window.size)}) {VERDICT_WORDS[r.verdict]}
              {r.conflicts[0] ? ':' : '.'}
            </strong>{' '}
            {r.conflicts[0] && `${r.conflicts[0].consequence}${r.conflicts.length > 1 ? ` (and ${r.conflicts.length - 1} more in Conflicts)` : ''}. `}
            <span className="muted">{r.explanation}.</span>
          </>
        )}
      </p>
    </section>
  );
}
