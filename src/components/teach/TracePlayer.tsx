/**
 * The trace player: load an iova-trace/1 file or record one from the current scenario, then step
 * through it. Each position shows the op just applied (call, arguments, kernel function, printed
 * result), the state drawn with the map's lane components, and the state and output as text.
 */
import { usePlayer } from './playerStore.ts';
import { PlayerControls } from './PlayerControls.tsx';
import { TraceLanesView } from './TraceLanesView.tsx';
import { TraceOpView } from './TraceOpView.tsx';
import { TraceSources } from './TraceSources.tsx';
import { TraceStateView } from './TraceStateView.tsx';

export function TracePlayer() {
  const stepper = usePlayer((s) => s.stepper);
  const error = usePlayer((s) => s.error);
  const warnings = usePlayer((s) => s.warnings);
  const origin = usePlayer((s) => s.origin);
  return (
    <section id="trace-player" className="panel trace-player" aria-labelledby="trace-player-title">
      <h2 id="trace-player-title">Trace player</h2>
      <TraceSources />
      {error && (
        <p className="trace-error" role="alert">
          {error}
        </p>
      )}
      {warnings.map((w, i) => (
        <p key={i} className="trace-warning">
          Warning: {w}
        </p>
      ))}
      {stepper && (
        <>
          <p className="trace-origin">
            <span className="mono">{stepper.trace.name}</span> · {stepper.trace.ops.length} ops · {origin}
          </p>
          {stepper.oops && (
            <p className="trace-warning">
              The kernel&apos;s own code would fail on this trace (an oops or a lockup): it plays up to op {stepper.oops.index}, and the{' '}
              {stepper.trace.ops.length - stepper.oops.index - 1} ops after it never run.
            </p>
          )}
          <PlayerControls stepper={stepper} />
          <TraceOpView stepper={stepper} />
          <TraceLanesView stepper={stepper} />
          <TraceStateView stepper={stepper} />
        </>
      )}
    </section>
  );
}
