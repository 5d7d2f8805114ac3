/** Undo and redo of scenario edits, enabled only when there is something to undo or redo. */
import { useStore } from 'zustand';
import { appHistory } from '../../history/appHistory.ts';

export function HistoryButtons() {
  const { canUndo, canRedo } = useStore(appHistory.status);
  return (
    <div className="share-group" role="group" aria-label="History">
      <button type="button" onClick={appHistory.undo} disabled={!canUndo} aria-keyshortcuts="Control+Z Meta+Z" title="Undo (Ctrl+Z)">
        Undo
      </button>
      <button type="button" onClick={appHistory.redo} disabled={!canRedo} aria-keyshortcuts="Control+Shift+Z Meta+Shift+Z Control+Y" title="Redo (Shift+Ctrl+Z)">
        Redo
      </button>
    </div>
  );
}
