/** The state after the current op and everything printed so far, as text (kernel hex style). */
import { useMemo } from 'react';
import type { TraceStepper } from '../../engine/traceStepper.ts';
import { snapshotText } from '../../teach/traceLanes.ts';
import { usePlayer } from './playerStore.ts';

export function TraceStateView({ stepper }: { stepper: TraceStepper }) {
  const position = usePlayer((s) => s.position);
  const text = useMemo(() => snapshotText(stepper.snapshotAt(position)), [stepper, position]);
  const output = stepper.outputUpTo(position);
  return (
    <div className="trace-text">
      <section role="region" aria-label="Trace state">
        <h3>State</h3>
        <pre className="mono">{text}</pre>
      </section>
      <section role="region" aria-label="Output so far">
        <h3>Output so far</h3>
        <pre className="mono">{output === '' ? '(nothing printed yet)' : output}</pre>
      </section>
    </div>
  );
}
