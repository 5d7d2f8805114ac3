/** A modal dialog to paste a dump (reserved_regions, /proc/iomem, info mtree, DTS, JSON) as text. */
import { useEffect, useId, useRef, useState } from 'react';
import { startUpload, textInput } from '../../upload/startUpload.ts';

export function PasteDialog({ onClose }: { readonly onClose: () => void }) {
  const ids = { title: useId(), text: useId(), name: useId() };
  const dialog = useRef<HTMLDialogElement>(null);
  const [text, setText] = useState('');
  const [name, setName] = useState('pasted text');
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);
  const read = () => {
    onClose();
    void startUpload([textInput(name.trim() || 'pasted text', text)]);
  };
  return (
    <dialog ref={dialog} className="paste-dialog" aria-labelledby={ids.title} onClose={onClose}>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          if (text.trim() !== '') read();
        }}
      >
        <h2 id={ids.title}>Paste text</h2>
        <label htmlFor={ids.text}>Text to read</label>
        <textarea
          id={ids.text}
          value={text}
          onChange={(e) => setText(e.target.value)}
          rows={14}
          spellCheck={false}
          placeholder="e.g. the output of: grep . /sys/kernel/iommu_groups/*/reserved_regions"
        />
        <label htmlFor={ids.name}>Name</label>
        <input id={ids.name} value={name} onChange={(e) => setName(e.target.value)} />
        <div className="dialog-buttons">
          <button type="submit" disabled={text.trim() === ''}>
            Read
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
