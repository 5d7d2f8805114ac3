/**
 * The share bar under the header: undo/redo, copy link, export, search and the shortcut help,
 * plus the share layer's messages. It also owns the global keyboard shortcuts.
 */
import { useEffect, useRef, useState } from 'react';
import { CopyLink } from './CopyLink.tsx';
import { ExportMenu } from './ExportMenu.tsx';
import { HelpDialog } from './HelpDialog.tsx';
import { HistoryButtons } from './HistoryButtons.tsx';
import { SearchBox } from './SearchBox.tsx';
import { ShareNotice } from './ShareNotice.tsx';
import { handleShortcut } from './shortcuts.ts';
import { useCopyLink } from './useCopyLink.ts';
import './share.css';

export function ShareBar() {
  const [helpOpen, setHelpOpen] = useState(false);
  const [copyState, copyLink] = useCopyLink();
  const search = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      handleShortcut(e, {
        openHelp: () => setHelpOpen(true),
        focusSearch: () => search.current?.focus(),
        copyLink: () => void copyLink(),
      });
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [copyLink]);

  return (
    <div className="share-bar">
      <div className="share-row" role="group" aria-label="History, sharing and export">
        <HistoryButtons />
        <CopyLink state={copyState} onCopy={() => void copyLink()} />
        <ExportMenu />
        <SearchBox inputRef={search} />
        <button type="button" className="help-button" onClick={() => setHelpOpen(true)} aria-keyshortcuts="?" title="Keyboard shortcuts (?)">
          Keyboard shortcuts
        </button>
      </div>
      <ShareNotice />
      <HelpDialog open={helpOpen} onClose={() => setHelpOpen(false)} />
    </div>
  );
}
