/**
 * Where a trace comes from: an iova-trace/1 file (parsed by the engine's parser; errors give file,
 * line and column), or a recording of the current scenario's group — how dma-iommu reserved and
 * allocated its domain, or how VFIO built its ranges. A loaded trace can be downloaded as a file.
 */
import { useId } from 'react';
import { parseTrace } from '../../engine/trace.ts';
import { formatLocatedError } from '../../model/located.ts';
import { selectAnalysis, selectDevice } from '../../store/analysisSlice.ts';
import { appStore, useApp } from '../../store/appStore.ts';
import { recordTrace, type RecordingKind } from '../../teach/recordTrace.ts';
import { traceToJsonText } from '../../teach/traceJson.ts';
import { playerStore, usePlayer } from './playerStore.ts';

/** Traces are at most a few thousand ops; anything much bigger is not a trace worth stepping. */
const MAX_TRACE_BYTES = 8 << 20;

async function openFile(file: File): Promise<void> {
  const player = playerStore.getState();
  if (file.size > MAX_TRACE_BYTES) {
    player.fail(`${file.name}: ${file.size} bytes is too large for a trace (at most ${MAX_TRACE_BYTES} bytes).`);
    return;
  }
  const parsed = parseTrace(await file.text(), file.name);
  if (!parsed.ok) player.fail(formatLocatedError(parsed.error));
  else player.load(parsed.value, `file ${file.name}`, parsed.warnings.map(formatLocatedError));
}

function record(kind: RecordingKind): void {
  const s = appStore.getState();
  const a = selectAnalysis(s);
  const device = selectDevice(s);
  const player = playerStore.getState();
  if (!a || !device) {
    player.fail('Open a platform or a scenario first: there is nothing to record.');
    return;
  }
  const r = recordTrace(a, device, kind);
  if (!r.ok) player.fail(`Cannot record: ${r.reason}.`);
  else player.load(r.trace, `recorded from ${a.scenario.name}, device ${device}`);
}

function download(): void {
  const stepper = playerStore.getState().stepper;
  if (!stepper) return;
  const url = URL.createObjectURL(new Blob([traceToJsonText(stepper.trace)], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `${stepper.trace.name || 'trace'}.json`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export function TraceSources() {
  const fileId = useId();
  const hasScenario = useApp((s) => s.scenario !== null);
  const loaded = usePlayer((s) => s.stepper !== null);
  return (
    <div className="trace-sources">
      <div className="field">
        <label htmlFor={fileId}>Open an iova-trace/1 file</label>
        <input
          id={fileId}
          type="file"
          accept=".json,application/json"
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) void openFile(f);
          }}
        />
      </div>
      <button type="button" disabled={!hasScenario} onClick={() => record('dma')}>
        Replay how dma-iommu reserved and allocated this domain
      </button>
      <button type="button" disabled={!hasScenario} onClick={() => record('vfio')}>
        Replay how VFIO built its ranges
      </button>
      <button type="button" disabled={!loaded} onClick={download}>
        Download the trace
      </button>
    </div>
  );
}
