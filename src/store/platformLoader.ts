/**
 * Loading the built-in platforms: public/platforms/index.json, then one <id>.json in the on-disk
 * scenario form, decoded by the shared codec. URLs are relative ("./platforms/…") so the build
 * works from any sub-path; a failure becomes a message in the store, never an exception.
 *
 * A load is a request the user may overtake: when it arrives, it is committed only if it is still
 * the latest platform request and no other scenario (an upload dropped meanwhile, a link, a
 * history step) was opened since it started. The open Scenario object is the token: every way of
 * opening a scenario replaces it.
 */
import { scenarioFromJson } from '../model/codec.ts';
import { formatLocatedError } from '../model/located.ts';
import type { AppStore } from './appStore.ts';
import type { PlatformEntry } from './scenarioSlice.ts';

const INDEX_URL = './platforms/index.json';
/** The platform opened first when nothing else is asked for. */
export const DEFAULT_PLATFORM = 'qemu-virt';

/** Validate index.json without trusting it: only well-formed entries are kept. */
export function parsePlatformIndex(value: unknown): PlatformEntry[] | string {
  if (typeof value !== 'object' || value === null || !Array.isArray((value as { platforms?: unknown }).platforms)) {
    return 'index.json: expected { "platforms": [ … ] }';
  }
  const out: PlatformEntry[] = [];
  for (const p of (value as { platforms: unknown[] }).platforms) {
    if (typeof p !== 'object' || p === null) continue;
    const { id, name, file, version, summary } = p as Record<string, unknown>;
    const safeFile = typeof file === 'string' && /^[\w.-]+\.json$/.test(file);
    if (typeof id === 'string' && typeof name === 'string' && safeFile && typeof version === 'number') {
      out.push({ id, name, file, version, summary: typeof summary === 'string' ? summary : '' });
    }
  }
  return out.length > 0 ? out : 'index.json lists no usable platform';
}

async function fetchText(url: string): Promise<string> {
  const res = await fetch(url, { cache: 'no-cache' });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.text();
}

let latestRequest = 0;

/** Fetch index.json into the store; returns the entries (empty on failure). */
export async function loadPlatformIndex(store: AppStore): Promise<readonly PlatformEntry[]> {
  const { setPlatforms, setLoadError } = store.getState();
  try {
    const parsed = parsePlatformIndex(JSON.parse(await fetchText(INDEX_URL)));
    if (typeof parsed === 'string') {
      setLoadError(parsed);
      return [];
    }
    setPlatforms(parsed);
    return parsed;
  } catch (e) {
    setLoadError(`Could not read the platform list (${String(e instanceof Error ? e.message : e)}).`);
    return [];
  }
}

/**
 * Fetch and decode one built-in platform. A later call wins over an earlier one still in flight,
 * and a scenario opened after `openedBefore` (by default: what is open now) is never replaced.
 */
export async function loadPlatform(store: AppStore, id: string, openedBefore = store.getState().scenario): Promise<void> {
  const state = store.getState();
  const entry = state.platforms.find((p) => p.id === id);
  if (!entry) {
    state.setLoadError(`No built-in platform "${id}".`);
    return;
  }
  const request = ++latestRequest;
  const overtaken = (): boolean => request !== latestRequest || store.getState().scenario !== openedBefore;
  if (overtaken()) return;
  state.startLoading();
  try {
    const text = await fetchText(`./platforms/${entry.file}`);
    if (overtaken()) return;
    const result = scenarioFromJson(text, entry.file);
    if (!result.ok) {
      store.getState().setLoadError(formatLocatedError(result.error));
      return;
    }
    store.getState().setScenario({ kind: 'builtin', id: entry.id, version: entry.version }, result.value);
  } catch (e) {
    if (!overtaken()) store.getState().setLoadError(`Could not load ${entry.name} (${String(e instanceof Error ? e.message : e)}).`);
  }
}

/**
 * Startup: read the index, then open the default platform (or the first listed), unless the user
 * opened something (e.g. dropped a file) while either was on its way.
 */
export async function loadInitialPlatform(store: AppStore): Promise<void> {
  const openedBefore = store.getState().scenario;
  const list = await loadPlatformIndex(store);
  const first = list.find((p) => p.id === DEFAULT_PLATFORM) ?? list[0];
  if (first) await loadPlatform(store, first.id, openedBefore);
}
