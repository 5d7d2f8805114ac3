/**
 * The store's state as a link state, and what counts as a "meaningful step" for the browser's
 * history: a change of scenario, policy, device, switches, guest RAM or candidates (not a pan, a
 * zoom or a click that selects).
 */
import type { AppState } from '../store/appState.ts';
import { selectScale } from '../store/viewSlice.ts';
import { linkToJson } from './linkCodec.ts';
import { MAX_TEXT } from './linkLimits.ts';
import type { LinkState } from './linkState.ts';

/** Addresses at the map's left and right edges, or null while the map shows its home fit. */
function viewRange(s: AppState): LinkState['view'] {
  if (!s.view) return null;
  const scale = selectScale(s);
  const start = scale.addressAt(0);
  const end = scale.addressAt(scale.width);
  return { start, last: end > start ? end - 1n : start };
}

export function linkStateOf(s: AppState): LinkState | null {
  if (!s.scenario || !s.source) return null;
  return {
    scenario: s.source.kind === 'builtin' ? s.source : { kind: 'upload', name: s.source.name, scenario: s.scenario },
    policy: s.policy,
    device: s.device,
    behaviour: s.behaviour,
    guestRamSize: s.guestRamSize,
    candidates: s.candidates,
    activeCandidate: s.activeCandidate,
    view: viewRange(s),
    // A selection is keyed by its item's name; an uploaded region's name can be longer than a
    // link carries, and then the link opens without the selection rather than as damaged.
    selection: s.selection && s.selection.key.length <= MAX_TEXT && s.selection.lane.length <= MAX_TEXT ? s.selection : null,
    compressed: s.compressed,
  };
}

/** Text that changes exactly when a meaningful step happened (an upload is named, not compared whole). */
export function meaningfulKey(link: LinkState): string {
  const { scenario, policy, device, behaviour, guestRam, candidates } = linkToJson(link, false) as Record<string, unknown>;
  return JSON.stringify([scenario, policy, device, behaviour, guestRam, candidates]);
}
