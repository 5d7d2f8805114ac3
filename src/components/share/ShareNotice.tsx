/**
 * The share layer's message (damaged link, unreadable autosave, platform version moved on, upload
 * too large for a link) as plain text: errors in an alert, the rest in a status; dismissible.
 */
import { useStore } from 'zustand';
import { dismissNotice, shareNotices } from '../../share/notices.ts';

export function ShareNotice() {
  const notice = useStore(shareNotices, (s) => s.notice);
  if (!notice) return null;
  return (
    <div className={`share-notice ${notice.tone}`}>
      <p role={notice.tone === 'error' ? 'alert' : 'status'}>{notice.text}</p>
      <button type="button" onClick={dismissNotice} aria-label="Dismiss message">
        ×
      </button>
    </div>
  );
}
