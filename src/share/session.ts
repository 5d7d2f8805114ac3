/**
 * How a session starts: a link in the URL wins; without one, the autosave of the last session;
 * otherwise (or when either cannot be opened, which the user is told) the default platform.
 * Then history starts empty, and the URL and the autosave follow the state.
 */
import type { Scenario } from '../model/scenario.ts';
import type { StoreHistory } from '../history/storeHistory.ts';
import type { AppStore } from '../store/appStore.ts';
import { loadInitialPlatform } from '../store/platformLoader.ts';
import { applyLinkState, type ApplyResult } from './applyLink.ts';
import { readAutosave, startAutosave, type KeyValueStore } from './autosave.ts';
import { damagedLinkText, decodeLink, hasLink } from './linkCodec.ts';
import { notify } from './notices.ts';
import { startUrlSync, type UrlEnv } from './urlSync.ts';

export interface SessionEnv extends UrlEnv {
  readonly storage: KeyValueStore;
  addEventListener(type: 'popstate' | 'pagehide', listener: () => void): void;
  removeEventListener(type: 'popstate' | 'pagehide', listener: () => void): void;
}

/** An upload that a link names without carrying it may still be in this browser's autosave. */
function autosavedUpload(storage: KeyValueStore): (name: string) => Scenario | undefined {
  return (name) => {
    const saved = readAutosave(storage);
    const sc = saved?.ok ? saved.value.scenario : undefined;
    return sc?.kind === 'upload' && sc.name === name ? sc.scenario : undefined;
  };
}

async function openStartState(store: AppStore, env: SessionEnv): Promise<ApplyResult | undefined> {
  const findUpload = autosavedUpload(env.storage);
  if (hasLink(env.location.hash)) {
    const decoded = await decodeLink(env.location.hash);
    if (!decoded.ok) return { ok: false, message: `${damagedLinkText(decoded.error)} Showing the default view instead.` };
    const r = await applyLinkState(store, decoded.value, { findUpload });
    return r.ok ? r : { ok: false, message: `${r.message} Showing the default view instead.` };
  }
  const saved = readAutosave(env.storage);
  if (!saved) return undefined;
  if (!saved.ok) return { ok: false, message: `Your last session could not be restored (its autosave ${saved.error.message}); it was ignored.` };
  const r = await applyLinkState(store, saved.value, { findUpload });
  return r.ok ? r : { ok: false, message: `Your last session could not be restored: ${r.message}` };
}

const started = new WeakSet<AppStore>();

/** Start once per store (React's StrictMode runs effects twice in development). */
export async function startSession(store: AppStore, history: StoreHistory, env: SessionEnv): Promise<void> {
  if (started.has(store)) return;
  started.add(store);
  const opened = await openStartState(store, env);
  if (opened && !opened.ok) notify('error', opened.message);
  else if (opened?.notes[0]) notify('info', opened.notes[0]);
  if (!opened?.ok) await loadInitialPlatform(store);
  history.clear();
  startUrlSync(store, history, env, { findUpload: autosavedUpload(env.storage) });
  startAutosave(store, env.storage, env);
}
