/**
 * The upload in progress (phase, bytes read, a progress bar and Cancel) or its outcome: a located
 * error as text in an alert, with the partial result offered only under a "partial" label.
 */
import { formatSize } from '../../engine/u64.ts';
import { FORMAT_NAMES } from '../../formats/load.ts';
import { appStore, useApp } from '../../store/appStore.ts';
import type { UploadJob } from '../../store/uploadSlice.ts';
import { describeError } from '../../upload/describeError.ts';
import type { UploadProgress } from '../../upload/uploadClient.ts';
import { cancelUpload } from '../../upload/startUpload.ts';

function progressText(p: UploadProgress): string {
  switch (p.phase) {
    case 'reading': {
      const of = p.total > 1 ? ` (file ${p.index + 1} of ${p.total})` : '';
      return `Reading ${p.file}${of}: ${formatSize(BigInt(p.bytesDone))} of ${formatSize(BigInt(p.bytesTotal))}`;
    }
    case 'parsing': {
      const of = p.total > 1 ? ` (file ${p.index + 1} of ${p.total})` : '';
      return `Parsing ${p.file} as ${FORMAT_NAMES[p.format]}${of}…`;
    }
    case 'combining':
      return `Combining ${p.total} files into one scenario…`;
    case 'decoding':
      return p.total === 0 ? 'Opening the scenario…' : `Opening the scenario: ${p.done.toLocaleString('en')} of ${p.total.toLocaleString('en')} physical ranges…`;
  }
}

/** 0..1 while bytes are read, then by file, then by range decoded; undefined (indeterminate) otherwise. */
function progressValue(p: UploadProgress): number | undefined {
  if (p.phase === 'reading') return p.bytesTotal === 0 ? 0 : p.bytesDone / p.bytesTotal;
  if (p.phase === 'parsing') return p.index / p.total;
  if (p.phase === 'decoding' && p.total > 0) return p.done / p.total;
  return undefined;
}

function Busy({ job }: { readonly job: UploadJob & { state: 'busy' } }) {
  const value = progressValue(job.progress);
  return (
    <div className="upload-status busy" role="group" aria-label={`Reading ${job.name}`}>
      <p role="status">{progressText(job.progress)}</p>
      <progress aria-label="Upload progress" max={1} value={value} />
      <button type="button" onClick={cancelUpload}>
        Cancel
      </button>
    </div>
  );
}

function Failed({ job }: { readonly job: UploadJob & { state: 'failed' } }) {
  const { openPartialUpload, dismissUploadJob } = appStore.getState();
  return (
    <div className="upload-status failed">
      <p role="alert">
        Could not read {job.name}. {describeError(job.error)} The open scenario is unchanged.
      </p>
      {job.partial && (
        <button type="button" onClick={openPartialUpload}>
          Open the partial result (partial: stops at the error)
        </button>
      )}
      <button type="button" onClick={dismissUploadJob}>
        Dismiss
      </button>
    </div>
  );
}

export function UploadStatus() {
  const job = useApp((s) => s.uploadJob);
  if (job.state === 'busy') return <Busy job={job} />;
  if (job.state === 'failed') return <Failed job={job} />;
  if (job.state === 'cancelled') {
    return (
      <div className="upload-status">
        <p role="status">Reading {job.name} was cancelled; the open scenario is unchanged.</p>
        <button type="button" onClick={appStore.getState().dismissUploadJob}>
          Dismiss
        </button>
      </div>
    );
  }
  return null;
}
