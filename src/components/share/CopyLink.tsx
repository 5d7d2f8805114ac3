/**
 * The "Copy link" button and its visible outcome; and, for as long as it holds, the fact that the
 * open upload is too large to travel inside a link (the address bar's link names it only), with
 * its scenario JSON offered, so a user who copies the address bar is told as well.
 */
import { useStore } from 'zustand';
import { shareNotices } from '../../share/notices.ts';
import { SaveJsonButton } from './SaveJsonButton.tsx';
import type { CopyState } from './useCopyLink.ts';

export function CopyLink({ state, onCopy }: { readonly state: CopyState; readonly onCopy: () => void }) {
  const uploadOmitted = useStore(shareNotices, (s) => s.uploadOmitted);
  return (
    <div className="share-group copy-link">
      <button type="button" onClick={onCopy} aria-keyshortcuts="L" title="Copy a link that reopens exactly this view (L)">
        Copy link
      </button>
      <span role="status" className="copy-confirm">
        {state.kind === 'copied' ? 'Link copied to the clipboard.' : ''}
      </span>
      {uploadOmitted && (
        <span className="link-omits-upload">
          Links name this upload only (too large to embed): send its JSON too. <SaveJsonButton />
        </span>
      )}
      {state.kind === 'manual' && (
        <label className="manual-link">
          The clipboard is not available here; copy this link:
          <input type="text" readOnly value={state.url} onFocus={(e) => e.currentTarget.select()} autoFocus />
        </label>
      )}
    </div>
  );
}
