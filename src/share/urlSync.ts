/**
 * Keeps the URL fragment equal to the state, and Back/Forward meaningful. A moment after the user
 * stops changing things, the state is encoded: a meaningful step (linkFromStore.ts) gets a new
 * history entry (pushState), anything else (pan, zoom, selection) rewrites the current one
 * (replaceState). Nothing is written during a drag; its drop is one step. Back/Forward
 * (popstate) decode the fragment and open it; a damaged one is reported and the state is kept.
 */
import type { StoreHistory } from '../history/storeHistory.ts';
import type { AppStore } from '../store/appStore.ts';
import { applyLinkState, type ApplyOptions } from './applyLink.ts';
import { damagedLinkText, decodeLink, encodeLink, hasLink } from './linkCodec.ts';
import { linkStateOf, meaningfulKey } from './linkFromStore.ts';
import { notify, shareNotices } from './notices.ts';

export const URL_SYNC_DELAY_MS = 250;

export interface UrlEnv {
  readonly location: Pick<Location, 'hash'>;
  readonly history: Pick<History, 'pushState' | 'replaceState'>;
  addEventListener(type: 'popstate', listener: () => void): void;
  removeEventListener(type: 'popstate', listener: () => void): void;
}

export function startUrlSync(store: AppStore, history: StoreHistory, env: UrlEnv, opts: ApplyOptions = {}): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastKey: string | null = null;
  let opening = 0;
  let writes = 0;

  const sync = async (): Promise<void> => {
    timer = undefined;
    const s = store.getState();
    // A drag, a load or an opening link in progress: its end changes the store and syncs again.
    if (opening > 0 || s.dragging !== null || s.loadStatus.state === 'loading') return;
    const link = linkStateOf(s);
    if (!link) return;
    const key = meaningfulKey(link);
    const write = ++writes;
    const { hash, uploadOmitted } = await encodeLink(link);
    if (write !== writes || opening > 0) return;
    shareNotices.setState({ uploadOmitted });
    if (hash !== env.location.hash) {
      if (lastKey !== null && key !== lastKey) env.history.pushState(null, '', hash);
      else env.history.replaceState(null, '', hash);
    }
    lastKey = key;
  };
  const schedule = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => void sync(), URL_SYNC_DELAY_MS);
  };

  const onPopState = async (): Promise<void> => {
    const hash = env.location.hash;
    if (!hasLink(hash)) return;
    opening += 1;
    try {
      const decoded = await decodeLink(hash);
      if (!decoded.ok) {
        notify('error', `${damagedLinkText(decoded.error)} The current view is kept.`);
        return;
      }
      const applied = await history.gesture('link', () => applyLinkState(store, decoded.value, opts));
      if (!applied.ok) notify('error', `${applied.message} The current view is kept.`);
      else if (applied.notes[0]) notify('info', applied.notes[0]);
      const now = linkStateOf(store.getState());
      lastKey = now && meaningfulKey(now);
    } finally {
      opening -= 1;
      schedule();
    }
  };
  const listener = (): void => void onPopState();

  const unsubscribe = store.subscribe(schedule);
  env.addEventListener('popstate', listener);
  schedule();
  return () => {
    unsubscribe();
    if (timer !== undefined) clearTimeout(timer);
    env.removeEventListener('popstate', listener);
  };
}
