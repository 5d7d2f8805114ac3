/** The op just applied: its call with arguments, the kernel function behind it, what it printed. */
import type { TraceStepper } from '../../engine/traceStepper.ts';
import { OP_KERNEL_FUNCTION, opCallText } from '../../teach/opInfo.ts';
import { usePlayer } from './playerStore.ts';

export function TraceOpView({ stepper }: { stepper: TraceStepper }) {
  const position = usePlayer((s) => s.position);
  const playing = usePlayer((s) => s.playing);
  const op = position > 0 ? stepper.trace.ops[position - 1] : undefined;
  const next = stepper.trace.ops[position];
  const printed = position > 0 ? stepper.outputs[position - 1]! : [];
  const kernel = op ? OP_KERNEL_FUNCTION[op.op] : undefined;
  return (
    <div className="trace-op" role="region" aria-label="Current operation" aria-live={playing ? 'off' : 'polite'}>
      {!op ? (
        <p>
          Fresh state: no op applied yet.{next ? <> Next: <code>{opCallText(next)}</code>.</> : ' The trace has no ops.'}
        </p>
      ) : (
        <dl>
          <dt>Op</dt>
          <dd>
            {position} of {stepper.length}: <code>{opCallText(op)}</code>
          </dd>
          <dt>Kernel function</dt>
          <dd>
            <code>{kernel!.fn}</code> <span className="muted">{kernel!.file}</span>
          </dd>
          {stepper.oops?.index === position - 1 ? (
            <>
              <dt>Kernel failure</dt>
              <dd className="trace-oops">{stepper.oops.message}</dd>
            </>
          ) : (
            <>
              <dt>Printed</dt>
              <dd>{printed.length === 0 ? <span className="muted">nothing</span> : <pre className="mono">{printed.join('\n')}</pre>}</dd>
            </>
          )}
        </dl>
      )}
    </div>
  );
}
