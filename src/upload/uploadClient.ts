/**
 * One upload, start to finish, without React or the store: read the files' bytes (with progress,
 * cancellable), hand them to a fresh parse worker (transferred, not copied), follow its progress,
 * and decode the scenario it returns with the shared codec (in slices, see decodeScenario.ts). Cancelling terminates the worker, so a
 * parser busy on a 50 MB file stops at once. Every failure comes back as a located error.
 */
import type { LocatedError } from '../model/located.ts';
import type { Scenario } from '../model/scenario.ts';
import type { FileRead, ParsePhase, ParseRequest, UploadFile, WorkerReply } from './protocol.ts';
import { decodeScenario } from './decodeScenario.ts';
import { readBlob } from './readBlob.ts';

export interface UploadInput {
  readonly name: string;
  readonly blob: Blob;
}

export type UploadProgress =
  | { readonly phase: 'reading'; readonly file: string; readonly index: number; readonly total: number; readonly bytesDone: number; readonly bytesTotal: number }
  | ParsePhase
  | { readonly phase: 'decoding'; readonly done: number; readonly total: number };

export type UploadOutcome =
  | { readonly kind: 'done'; readonly scenario: Scenario; readonly reads: readonly FileRead[] }
  | { readonly kind: 'failed'; readonly error: LocatedError; readonly partial?: Scenario }
  | { readonly kind: 'cancelled' };

/** The part of a Worker the client uses (a fake one runs the parse job in-process in tests). */
export interface ParseWorker {
  postMessage(message: ParseRequest, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent<WorkerReply>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}

export function spawnParseWorker(): ParseWorker {
  return new Worker(new URL('./parse.worker.ts', import.meta.url), { type: 'module', name: 'iova-atlas parser' });
}

/** Progress while reading is reported at most once per this many bytes (and at each file's end). */
const REPORT_EVERY = 1 << 20;

/** The name an upload goes by: its file, or its files joined with " + ". */
export function uploadName(inputs: readonly UploadInput[]): string {
  return inputs.map((i) => i.name).join(' + ');
}

async function readAll(inputs: readonly UploadInput[], onProgress: (p: UploadProgress) => void, signal: AbortSignal): Promise<UploadFile[] | UploadOutcome> {
  const bytesTotal = inputs.reduce((n, i) => n + i.blob.size, 0);
  const files: UploadFile[] = [];
  let before = 0;
  for (const [index, input] of inputs.entries()) {
    let reported = -REPORT_EVERY;
    const report = (done: number) => {
      if (done - reported < REPORT_EVERY && done !== input.blob.size) return;
      reported = done;
      onProgress({ phase: 'reading', file: input.name, index, total: inputs.length, bytesDone: before + done, bytesTotal });
    };
    report(0);
    const read = await readBlob(input.name, input.blob, report, signal);
    if (read.kind === 'cancelled') return { kind: 'cancelled' };
    if (read.kind === 'unreadable') return { kind: 'failed', error: read.error };
    files.push({ name: input.name, bytes: read.bytes });
    before += read.bytes.byteLength;
  }
  return files;
}

async function decode(reply: FinalReply, name: string, onProgress: (p: UploadProgress) => void, signal: AbortSignal): Promise<UploadOutcome> {
  const progress = (done: number, total: number) => onProgress({ phase: 'decoding', done, total });
  if (reply.type === 'done') {
    const decoded = await decodeScenario(reply.scenario, name, progress, signal);
    if (decoded === 'cancelled') return { kind: 'cancelled' };
    return decoded.ok ? { kind: 'done', scenario: decoded.value, reads: reply.reads } : { kind: 'failed', error: decoded.error };
  }
  const partial = reply.partial === undefined ? undefined : await decodeScenario(reply.partial, name, progress, signal);
  if (partial === 'cancelled') return { kind: 'cancelled' };
  return partial?.ok ? { kind: 'failed', error: reply.error, partial: partial.value } : { kind: 'failed', error: reply.error };
}

type FinalReply = WorkerReply & { type: 'done' | 'failed' };

/** The scenario JSON with the physical map that was sent ahead in slices put back in front. */
function withPhysical(scenario: unknown, slices: readonly (readonly unknown[])[]): unknown {
  if (slices.length === 0 || typeof scenario !== 'object' || scenario === null) return scenario;
  const own = (scenario as { physicalMap?: unknown }).physicalMap;
  return { ...scenario, physicalMap: [...slices.flat(), ...(Array.isArray(own) ? own : [])] };
}

/** The worker's final reply, or the outcome that ended it early (cancel, a crashed worker). */
function parseInWorker(files: UploadFile[], name: string, onProgress: (p: UploadProgress) => void, signal: AbortSignal, spawn: () => ParseWorker): Promise<FinalReply | UploadOutcome> {
  return new Promise((resolve) => {
    const worker = spawn();
    const finish = (end: FinalReply | UploadOutcome) => {
      signal.removeEventListener('abort', cancel);
      worker.terminate();
      resolve(end);
    };
    const cancel = () => finish({ kind: 'cancelled' });
    signal.addEventListener('abort', cancel);
    const physical: (readonly unknown[])[] = [];
    worker.onmessage = (event) => {
      const reply = event.data;
      if (reply.type === 'progress') onProgress(reply.progress);
      else if (reply.type === 'physical') physical.push(reply.regions);
      else if (reply.type === 'done') finish({ ...reply, scenario: withPhysical(reply.scenario, physical) });
      else finish(reply.partial === undefined ? reply : { ...reply, partial: withPhysical(reply.partial, physical) });
    };
    worker.onerror = (event) => {
      event.preventDefault();
      finish({ kind: 'failed', error: { source: name, message: `expected the parser to finish, found that it stopped (${event.message || 'the parse worker could not run'})` } });
    };
    worker.postMessage({ files }, files.map((f) => f.bytes));
  });
}

export async function runUpload(
  inputs: readonly UploadInput[],
  onProgress: (p: UploadProgress) => void,
  signal: AbortSignal,
  spawn: () => ParseWorker = spawnParseWorker,
): Promise<UploadOutcome> {
  const files = await readAll(inputs, onProgress, signal);
  if (!Array.isArray(files)) return files;
  if (signal.aborted) return { kind: 'cancelled' };
  const name = uploadName(inputs);
  const end = await parseInWorker(files, name, onProgress, signal, spawn);
  return 'kind' in end ? end : decode(end, name, onProgress, signal);
}
