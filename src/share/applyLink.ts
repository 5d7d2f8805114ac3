/**
 * Opening a link state in the store: load its scenario (a built-in platform by id, or an upload
 * embedded in the link), then put policy, candidates, switches, view and selection in place in
 * one update. A link that cannot be opened leaves the current state alone and says why.
 */
import type { Scenario } from '../model/scenario.ts';
import type { AppStore } from '../store/appStore.ts';
import { selectAxis } from '../store/axisSelectors.ts';
import { loadPlatform, loadPlatformIndex } from '../store/platformLoader.ts';
import { fitRange, type View } from '../view/addressScale.ts';
import type { LinkState } from './linkState.ts';

export type ApplyResult = { readonly ok: true; readonly notes: readonly string[] } | { readonly ok: false; readonly message: string };

export interface ApplyOptions {
  /** Where else an upload named by a link may be found (e.g. this browser's autosave). */
  readonly findUpload?: (name: string) => Scenario | undefined;
}

async function openBuiltin(store: AppStore, id: string, version: number): Promise<ApplyResult> {
  if (store.getState().platforms.length === 0) await loadPlatformIndex(store);
  const entry = store.getState().platforms.find((p) => p.id === id);
  if (!entry) return { ok: false, message: `This link names the built-in platform "${id}", which this version of IOVA Atlas does not have.` };
  const now = store.getState();
  if (!(now.source?.kind === 'builtin' && now.source.id === id && now.scenario)) await loadPlatform(store, id);
  const after = store.getState();
  if (!(after.source?.kind === 'builtin' && after.source.id === id)) {
    return { ok: false, message: after.loadStatus.state === 'error' ? after.loadStatus.message : `Could not open the platform "${id}".` };
  }
  const notes =
    entry.version === version
      ? []
      : [`This link was made with version ${version} of the ${entry.name} platform; this IOVA Atlas has version ${entry.version}, so some regions may differ from what the sender saw.`];
  return { ok: true, notes };
}

function openUpload(store: AppStore, name: string, embedded: Scenario | undefined, opts: ApplyOptions): ApplyResult {
  const s = store.getState();
  if (s.source?.kind === 'upload' && s.source.name === name && (!embedded || s.scenario === embedded)) return { ok: true, notes: [] };
  const scenario = embedded ?? s.uploads.find((u) => u.name === name)?.scenario ?? opts.findUpload?.(name);
  if (!scenario) {
    return {
      ok: false,
      message: `This link names the uploaded scenario "${name}", which was too large to travel in the link: open its file (or the JSON file its sender saved) to see it.`,
    };
  }
  s.finishUpload({ name, scenario, reads: [] });
  return { ok: true, notes: [] };
}

/** Keep showing `range` when the map's width changes, until the user moves the view. */
function holdViewRange(store: AppStore, range: NonNullable<LinkState['view']>, applied: View): void {
  let held = applied;
  const stop = store.subscribe((s, prev) => {
    if (s.view !== held) return stop();
    if (s.width === prev.width) return;
    held = fitRange(range.start, range.last, s.width, selectAxis(s));
    store.setState({ view: held });
  });
}

export async function applyLinkState(store: AppStore, link: LinkState, opts: ApplyOptions = {}): Promise<ApplyResult> {
  const sc = link.scenario;
  const opened = sc.kind === 'builtin' ? await openBuiltin(store, sc.id, sc.version) : openUpload(store, sc.name, sc.scenario, opts);
  if (!opened.ok) return opened;
  store.setState({
    policy: link.policy,
    device: link.device,
    behaviour: link.behaviour,
    guestRamSize: link.guestRamSize,
    candidates: link.candidates,
    activeCandidate: link.activeCandidate,
    selection: link.selection,
    compressed: link.compressed,
    view: null,
  });
  if (link.view) {
    const s = store.getState();
    const view = fitRange(link.view.start, link.view.last, s.width, selectAxis(s));
    store.setState({ view });
    holdViewRange(store, link.view, view);
  }
  return opened;
}
