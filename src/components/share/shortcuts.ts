/**
 * The keyboard shortcuts: one table feeds both the key handler and the help overlay, so the
 * overlay can never list a key that does nothing. Keys typed into a text field stay there.
 */
import { appHistory } from '../../history/appHistory.ts';
import { appStore } from '../../store/appStore.ts';
import { POLICIES } from '../../store/uiSlice.ts';

export interface ShortcutActions {
  openHelp(): void;
  focusSearch(): void;
  copyLink(): void;
}

export interface Shortcut {
  /** As shown in the overlay, e.g. "Ctrl+Z" or "?". */
  readonly keys: string;
  readonly what: string;
  /** Whether a keydown is this shortcut (undefined: documented only, handled elsewhere). */
  readonly matches?: (e: KeyboardEvent) => boolean;
  readonly run?: (a: ShortcutActions, e: KeyboardEvent) => void;
}

const mod = (e: KeyboardEvent): boolean => e.ctrlKey || e.metaKey;
const plain = (key: string) => (e: KeyboardEvent) => e.key === key && !mod(e) && !e.altKey;

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: 'Ctrl+Z (⌘Z)', what: 'Undo the last scenario edit', matches: (e) => mod(e) && !e.shiftKey && e.key.toLowerCase() === 'z', run: () => appHistory.undo() },
  {
    keys: 'Shift+Ctrl+Z (⇧⌘Z), Ctrl+Y',
    what: 'Redo',
    matches: (e) => mod(e) && ((e.shiftKey && e.key.toLowerCase() === 'z') || (!e.shiftKey && e.key.toLowerCase() === 'y')),
    run: () => appHistory.redo(),
  },
  { keys: '?', what: 'Show this list of shortcuts', matches: plain('?'), run: (a) => a.openHelp() },
  { keys: '/', what: 'Search regions by name or address', matches: plain('/'), run: (a) => a.focusSearch() },
  { keys: 'L', what: 'Copy a link to this view', matches: plain('l'), run: (a) => a.copyLink() },
  { keys: '+ / −', what: 'Zoom in / out', matches: (e) => !mod(e) && !e.altKey && ['+', '=', '-'].includes(e.key), run: (_a, e) => appStore.getState().zoomBy(e.key === '-' ? 0.5 : 2) },
  { keys: '0', what: 'Fit the IOMMU aperture', matches: plain('0'), run: () => appStore.getState().fitHome() },
  { keys: 'C', what: 'Compress empty space on or off', matches: plain('c'), run: () => appStore.getState().setCompressed(!appStore.getState().compressed) },
  { keys: 'N', what: 'Add an MSI-window candidate', matches: plain('n'), run: () => appStore.getState().addCandidate() },
  ...POLICIES.map((p, i) => ({ keys: String(i + 1), what: `${p.label} policy`, matches: plain(String(i + 1)), run: () => appStore.getState().setPolicy(p.id) })),
  { keys: '← → ↑ ↓', what: 'On a candidate: move it by one alignment step' },
  { keys: 'PageUp / PageDown', what: 'On a candidate: move it by 16 steps' },
  { keys: 'Home / End', what: 'On a candidate: lowest / highest valid window' },
  { keys: 'Escape', what: 'Close a dialog' },
];

function typingInto(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'range'].includes(target.type);
}

/** Handle one keydown; true when it was a shortcut. */
export function handleShortcut(e: KeyboardEvent, actions: ShortcutActions): boolean {
  if (e.defaultPrevented || e.isComposing || typingInto(e.target)) return false;
  // A modal dialog (help, paste) owns the keyboard while it is open.
  if (document.querySelector('dialog[open]')) return false;
  const s = SHORTCUTS.find((x) => x.matches?.(e));
  if (!s?.run) return false;
  e.preventDefault();
  s.run(actions, e);
  return true;
}
