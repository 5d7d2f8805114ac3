/**
 * The theme chosen in the header is this browser's preference, not part of a view: it is kept in
 * localStorage (restored on the next visit) and never travels in a link, whose reader has their own.
 */
import type { AppStore } from '../store/appStore.ts';
import type { ThemeChoice } from '../store/uiSlice.ts';
import type { KeyValueStore } from './autosave.ts';

export const THEME_KEY = 'iova-atlas:theme';
const CHOICES: readonly ThemeChoice[] = ['system', 'light', 'dark'];

/** Apply the saved choice (anything else is ignored), then save each new one. Returns the unsubscribe. */
export function followThemePreference(store: AppStore, storage: KeyValueStore): () => void {
  const saved = storage.getItem(THEME_KEY);
  const known = CHOICES.find((c) => c === saved);
  if (known) store.getState().setTheme(known);
  return store.subscribe((s, prev) => {
    if (s.theme === prev.theme) return;
    try {
      storage.setItem(THEME_KEY, s.theme);
    } catch {
      // Storage refused (private mode, quota): the choice holds for this visit only.
    }
  });
}
