/**
 * The page's upload actions, bound to the app store: one upload at a time (a new one cancels the
 * one in flight), its progress and outcome in the upload slice. A failed or cancelled upload
 * leaves the open scenario as it was.
 */
import { appStore, type AppStore } from '../store/appStore.ts';
import { runUpload, uploadName, type UploadInput } from './uploadClient.ts';

let inFlight: AbortController | null = null;

/** How an upload ended: 'superseded' when a newer upload took over (it reports its own outcome). */
export type UploadEnd = 'done' | 'failed' | 'cancelled' | 'superseded';

export async function startUpload(inputs: readonly UploadInput[], store: AppStore = appStore): Promise<UploadEnd> {
  if (inputs.length === 0) return 'cancelled';
  inFlight?.abort();
  const controller = new AbortController();
  inFlight = controller;
  const name = uploadName(inputs);
  const bytesTotal = inputs.reduce((n, i) => n + i.blob.size, 0);
  store.getState().beginUpload(name, { phase: 'reading', file: inputs[0]!.name, index: 0, total: inputs.length, bytesDone: 0, bytesTotal });
  const outcome = await runUpload(inputs, (p) => store.getState().setUploadProgress(p), controller.signal);
  // A newer upload took over: its own outcome will be reported.
  if (inFlight !== controller) return 'superseded';
  inFlight = null;
  const state = store.getState();
  if (outcome.kind === 'done') state.finishUpload({ name, scenario: outcome.scenario, reads: outcome.reads });
  else if (outcome.kind === 'failed') state.failUpload(outcome.error, outcome.partial);
  else state.cancelledUpload();
  return outcome.kind;
}

export function cancelUpload(): void {
  inFlight?.abort();
}

/** Pasted or dropped text is just another file. */
export function textInput(name: string, text: string): UploadInput {
  return { name, blob: new Blob([text], { type: 'text/plain' }) };
}
