/**
 * Uploads: the scenarios read from the user's files (listed in the platform picker as
 * "Upload: <name>", with what was read from each file) and the upload in progress or its outcome.
 * A failed upload never touches the open scenario; a partial result is kept aside until the user
 * asks for it.
 */
import type { StateCreator } from 'zustand';
import type { LocatedError } from '../model/located.ts';
import type { Scenario } from '../model/scenario.ts';
import type { FileRead } from '../upload/protocol.ts';
import type { UploadProgress } from '../upload/uploadClient.ts';
import type { AppState } from './appState.ts';

export interface UploadedScenario {
  /** The file name, or the file names joined with " + " when several were combined. */
  readonly name: string;
  readonly scenario: Scenario;
  readonly reads: readonly FileRead[];
  /** Set when this is the partial result of a failed upload: where reading stopped. */
  readonly partial?: LocatedError;
}

export type UploadJob =
  | { readonly state: 'idle' }
  | { readonly state: 'busy'; readonly name: string; readonly progress: UploadProgress }
  | { readonly state: 'cancelled'; readonly name: string }
  | { readonly state: 'failed'; readonly name: string; readonly error: LocatedError; readonly partial?: Scenario };

export interface UploadSlice {
  readonly uploads: readonly UploadedScenario[];
  readonly uploadJob: UploadJob;
  beginUpload(name: string, progress: UploadProgress): void;
  setUploadProgress(progress: UploadProgress): void;
  /** Keep the upload (replacing an earlier one of the same name) and open it. */
  finishUpload(upload: UploadedScenario): void;
  failUpload(error: LocatedError, partial?: Scenario): void;
  cancelledUpload(): void;
  /** Open the partial result of the failed upload, labelled as partial. */
  openPartialUpload(): void;
  openUpload(name: string): void;
  dismissUploadJob(): void;
}

const PARTIAL = ' (partial)';

export const createUploadSlice: StateCreator<AppState, [], [], UploadSlice> = (set, get) => {
  const keep = (upload: UploadedScenario) => {
    set((s) => ({ uploads: [...s.uploads.filter((u) => u.name !== upload.name), upload], uploadJob: { state: 'idle' } }));
    get().setScenario({ kind: 'upload', name: upload.name }, upload.scenario);
  };
  const nameOfJob = (job: UploadJob) => (job.state === 'idle' ? '' : job.name);
  return {
    uploads: [],
    uploadJob: { state: 'idle' },
    beginUpload: (name, progress) => set({ uploadJob: { state: 'busy', name, progress } }),
    setUploadProgress: (progress) =>
      set((s) => (s.uploadJob.state === 'busy' ? { uploadJob: { ...s.uploadJob, progress } } : {})),
    finishUpload: keep,
    failUpload: (error, partial) =>
      set((s) => ({ uploadJob: partial ? { state: 'failed', name: nameOfJob(s.uploadJob), error, partial } : { state: 'failed', name: nameOfJob(s.uploadJob), error } })),
    cancelledUpload: () => set((s) => ({ uploadJob: { state: 'cancelled', name: nameOfJob(s.uploadJob) } })),
    openPartialUpload: () => {
      const job = get().uploadJob;
      if (job.state !== 'failed' || !job.partial) return;
      const name = job.name + PARTIAL;
      keep({ name, scenario: { ...job.partial, name: job.partial.name + PARTIAL }, reads: [], partial: job.error });
    },
    openUpload: (name) => {
      const upload = get().uploads.find((u) => u.name === name);
      if (upload) get().setScenario({ kind: 'upload', name }, upload.scenario);
    },
    dismissUploadJob: () => set({ uploadJob: { state: 'idle' } }),
  };
};

/** The upload now open, if the open scenario is one. */
export function selectOpenUpload(s: AppState): UploadedScenario | undefined {
  const source = s.source;
  return source?.kind === 'upload' ? s.uploads.find((u) => u.name === source.name) : undefined;
}
