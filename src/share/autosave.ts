/**
 * Autosave: the session's link state (with any upload embedded whole, no length budget) in
 * localStorage, written a moment after the user stops changing things and when the page is
 * hidden. Reading it back goes through the same migrations and schema as a link, so a corrupt or
 * outdated save is reported and ignored, never trusted.
 */
import { fail, type Result } from '../model/located.ts';
import type { AppStore } from '../store/appStore.ts';
import { linkFromJson, linkToJson } from './linkCodec.ts';
import { linkStateOf } from './linkFromStore.ts';
import { LINK_VERSION, type LinkState } from './linkState.ts';

export const AUTOSAVE_KEY = 'iova-atlas:autosave';
const FORMAT = 'iova-atlas/autosave';
/** Saves above this are refused when read (localStorage holds about 5 MB per site). */
const MAX_SAVE_CHARS = 4 << 20;
export const AUTOSAVE_DELAY_MS = 800;

/** The minimal Storage surface used (localStorage, or a stand-in in tests). */
export type KeyValueStore = Pick<Storage, 'getItem' | 'setItem'>;

export function autosaveText(link: LinkState, embedUpload = true): string {
  return JSON.stringify({ format: FORMAT, version: LINK_VERSION, state: linkToJson(link, embedUpload) });
}

/** The saved state, null when there is none, or what is wrong with it. Never throws. */
export function readAutosave(storage: KeyValueStore): Result<LinkState> | null {
  let raw: string | null;
  try {
    raw = storage.getItem(AUTOSAVE_KEY);
  } catch {
    return null; // storage disabled (privacy settings): nothing saved, nothing to say
  }
  if (raw === null) return null;
  const bad = (message: string): Result<LinkState> => fail({ source: 'autosave', message });
  if (raw.length > MAX_SAVE_CHARS) return bad(`it is ${raw.length} characters long, more than the ${MAX_SAVE_CHARS} expected`);
  let doc: unknown;
  try {
    doc = JSON.parse(raw);
  } catch (e) {
    return bad(`it is not JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  const { format, version, state } = (typeof doc === 'object' && doc !== null ? doc : {}) as Record<string, unknown>;
  if (format !== FORMAT || typeof version !== 'number' || !Number.isInteger(version) || version < 0) return bad(`it is not an IOVA Atlas autosave`);
  const r = linkFromJson(version, state);
  return r.ok ? r : bad(r.error.message);
}

/** Save the store's state after each burst of changes; returns a function that stops saving. */
export interface PageEvents {
  addEventListener(type: 'pagehide', listener: () => void): void;
  removeEventListener(type: 'pagehide', listener: () => void): void;
}

export function startAutosave(store: AppStore, storage: KeyValueStore, target: PageEvents): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last = '';
  const save = (): void => {
    timer = undefined;
    const s = store.getState();
    if (s.dragging !== null || s.loadStatus.state === 'loading') return;
    const link = linkStateOf(s);
    if (!link) return;
    const text = autosaveText(link);
    if (text === last) return;
    // An upload too big for the quota is saved by name only, so an older save never outlives it.
    for (const attempt of [text, autosaveText(link, false)]) {
      try {
        storage.setItem(AUTOSAVE_KEY, attempt);
        last = text;
        return;
      } catch {
        // Quota exceeded or storage disabled: try the smaller form, else go on unsaved.
      }
    }
  };
  const unsubscribe = store.subscribe(() => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(save, AUTOSAVE_DELAY_MS);
  });
  const flush = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    save();
  };
  target.addEventListener('pagehide', flush);
  return () => {
    unsubscribe();
    if (timer !== undefined) clearTimeout(timer);
    target.removeEventListener('pagehide', flush);
  };
}
