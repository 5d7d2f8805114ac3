/** Everything known about the selected item: range, size, type, provenance and the kernel rule. */
import { formatSize, hex, hex16 } from '../engine/u64.ts';
import { useShallow } from 'zustand/react/shallow';
import { CandidateSnap } from './CandidateSnap.tsx';
import { useApp } from '../store/appStore.ts';
import { selectSelectedDetails } from '../store/detailsSelector.ts';

export function DetailsPanel() {
  const d = useApp(selectSelectedDetails);
  const { fitRange, removeCandidate, select } = useApp(useShallow((s) => ({ fitRange: s.fitRange, removeCandidate: s.removeCandidate, select: s.select })));
  return (
    <section className="panel details" aria-labelledby="details-title">
      <h2 id="details-title">Details</h2>
      {!d ? (
        <p className="empty">Select an item on the map (click it, or use the list of drawn items) to see where it comes from.</p>
      ) : (
        <>
          <h3 className="details-name">{d.name}</h3>
          <dl>
            <dt>Start</dt>
            <dd className="mono">{hex16(d.start)}</dd>
            <dt>Last</dt>
            <dd className="mono">{hex16(d.last)}</dd>
            <dt>Size</dt>
            <dd>
              {formatSize(d.last - d.start + 1n)} <span className="mono muted">({hex(d.last - d.start + 1n)})</span>
            </dd>
            <dt>Type</dt>
            <dd>{d.type}</dd>
            <dt>Lane</dt>
            <dd>{d.lane}</dd>
            {d.verdict && (
              <>
                <dt>Verdict</dt>
                <dd>{d.verdict}</dd>
              </>
            )}
            <dt>Source</dt>
            <dd>{d.sources.length === 0 ? <span className="muted">derived</span> : d.sources.map((s, i) => <div key={i}>{s}</div>)}</dd>
            {d.rule && (
              <>
                <dt>Kernel rule</dt>
                <dd>{d.rule}</dd>
              </>
            )}
          </dl>
          {d.candidateId && d.alignment !== undefined && <CandidateSnap id={d.candidateId} alignment={d.alignment} />}
          <div className="actions">
            <button type="button" onClick={() => fitRange(d.start, d.last)}>
              Zoom to fit
            </button>
            {d.candidateId && (
              <button
                type="button"
                onClick={() => {
                  removeCandidate(d.candidateId!);
                  select(null);
                }}
              >
                Remove candidate
              </button>
            )}
          </div>
        </>
      )}
    </section>
  );
}
