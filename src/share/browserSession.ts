/** The session in a real page: the app's store and history, the window's URL, history and localStorage (views and the theme). */
import { appHistory } from '../history/appHistory.ts';
import { appStore } from '../store/appStore.ts';
import type { KeyValueStore } from './autosave.ts';
import { startSession } from './session.ts';
import { followThemePreference } from './themePreference.ts';

/** localStorage, or nothing when the browser refuses it (private modes, blocked cookies). */
function pageStorage(): KeyValueStore {
  return {
    getItem: (key) => {
      try {
        return window.localStorage.getItem(key);
      } catch {
        return null;
      }
    },
    setItem: (key, value) => window.localStorage.setItem(key, value),
  };
}

export function startBrowserSession(): Promise<void> {
  const storage = pageStorage();
  followThemePreference(appStore, storage);
  return startSession(appStore, appHistory, {
    location: window.location,
    history: window.history,
    storage,
    addEventListener: (type, listener) => window.addEventListener(type, listener),
    removeEventListener: (type, listener) => window.removeEventListener(type, listener),
  });
}
