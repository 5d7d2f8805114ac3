/**
 * The keyboard-shortcut overlay: a modal <dialog> (the browser gives it role=dialog, traps focus
 * and closes it on Escape); focus goes back to whatever had it before the dialog opened.
 */
import { useEffect, useId, useRef } from 'react';
import { SHORTCUTS } from './shortcuts.ts';

export function HelpDialog({ open, onClose }: { readonly open: boolean; readonly onClose: () => void }) {
  const titleId = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<Element | null>(null);

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      opener.current = document.activeElement;
      d.showModal();
    } else if (!open && d.open) d.close();
  }, [open]);

  const closed = (): void => {
    onClose();
    const back = opener.current;
    opener.current = null;
    if (back instanceof HTMLElement || back instanceof SVGElement) back.focus();
  };

  return (
    <dialog ref={ref} className="help-dialog" aria-labelledby={titleId} onClose={closed}>
      <h2 id={titleId}>Keyboard shortcuts</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Keys</th>
            <th scope="col">Does</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.keys}>
              <td>
                <kbd>{s.keys}</kbd>
              </td>
              <td>{s.what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="dialog" className="dialog-buttons">
        <button type="submit" autoFocus>
          Close
        </button>
      </form>
    </dialog>
  );
}
