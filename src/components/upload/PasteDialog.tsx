/**
 * A modal dialog to paste a dump (reserved_regions, /proc/iomem, info mtree, DTS, JSON) as text.
 * It stays open while the text is read: on success it closes on the new scenario; on failure it
 * says why and puts the caret where the parser stopped, so the text can be fixed in place. The
 * draft outlives the dialog (UploadBar keeps it): opening it again shows what was pasted last.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { LocatedError } from '../../model/located.ts';
import { appStore } from '../../store/appStore.ts';
import { describeError } from '../../upload/describeError.ts';
import { startUpload, textInput } from '../../upload/startUpload.ts';
import { offsetOfLineColumn } from '../../upload/textPosition.ts';

export interface PasteDraft {
  readonly text: string;
  readonly name: string;
}

export const EMPTY_PASTE: PasteDraft = { text: '', name: 'pasted text' };

type Reading = { readonly state: 'editing' } | { readonly state: 'reading' } | { readonly state: 'failed'; readonly error: LocatedError };

interface Props {
  readonly draft: PasteDraft;
  readonly onDraft: (draft: PasteDraft) => void;
  readonly onClose: () => void;
}

export function PasteDialog({ draft, onDraft, onClose }: Props) {
  const ids = { title: useId(), text: useId(), name: useId(), error: useId() };
  const dialog = useRef<HTMLDialogElement>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [reading, setReading] = useState<Reading>({ state: 'editing' });
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);
  const read = async () => {
    const name = draft.name.trim() || EMPTY_PASTE.name;
    setReading({ state: 'reading' });
    const end = await startUpload([textInput(name, draft.text)]);
    const job = appStore.getState().uploadJob;
    if (end !== 'failed' || job.state !== 'failed') {
      // Read and open: the next paste starts afresh. Cancelled or overtaken by another upload:
      // the text stays for next time.
      if (end === 'done') onDraft(EMPTY_PASTE);
      return onClose();
    }
    setReading({ state: 'failed', error: job.error });
    const t = textarea.current;
    if (t && job.error.line !== undefined) {
      const at = offsetOfLineColumn(draft.text, job.error.line, job.error.column ?? 1);
      t.focus();
      t.setSelectionRange(at, at);
    }
  };
  const failed = reading.state === 'failed' ? reading.error : undefined;
  return (
    <dialog ref={dialog} className="paste-dialog" aria-labelledby={ids.title} onClose={onClose}>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          if (draft.text.trim() !== '' && reading.state !== 'reading') void read();
        }}
      >
        <h2 id={ids.title}>Paste text</h2>
        <label htmlFor={ids.text}>Text to read</label>
        <textarea
          id={ids.text}
          ref={textarea}
          value={draft.text}
          onChange={(e) => onDraft({ ...draft, text: e.target.value })}
          rows={14}
          spellCheck={false}
          aria-invalid={failed !== undefined}
          aria-describedby={failed ? ids.error : undefined}
          placeholder="e.g. the output of: grep . /sys/kernel/iommu_groups/*/reserved_regions"
        />
        {failed && (
          <p id={ids.error} className="paste-error" role="alert">
            {describeError(failed)} The caret is where reading stopped.
          </p>
        )}
        <label htmlFor={ids.name}>Name</label>
        <input id={ids.name} value={draft.name} onChange={(e) => onDraft({ ...draft, name: e.target.value })} />
        <div className="dialog-buttons">
          <button type="submit" disabled={draft.text.trim() === '' || reading.state === 'reading'}>
            {reading.state === 'reading' ? 'Reading…' : 'Read'}
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
