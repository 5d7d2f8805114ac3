/** The "Copy link" button and its visible outcome. */
import type { CopyState } from './useCopyLink.ts';

export function CopyLink({ state, onCopy }: { readonly state: CopyState; readonly onCopy: () => void }) {
  return (
    <div className="share-group copy-link">
      <button type="button" onClick={onCopy} aria-keyshortcuts="L" title="Copy a link that reopens exactly this view (L)">
        Copy link
      </button>
      <span role="status" className="copy-confirm">
        {state.kind === 'copied' ? 'Link copied to the clipboard.' : ''}
      </span>
      {state.kind === 'manual' && (
        <label className="manual-link">
          The clipboard is not available here; copy this link:
          <input type="text" readOnly value={state.url} onFocus={(e) => e.currentTarget.select()} autoFocus />
        </label>
      )}
    </div>
  );
}
