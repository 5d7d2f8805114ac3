/**
 * The MSI windows on the map: each policy's window for the device in effect and every user
 * candidate, with its verdict. One list feeds the windows lane, the conflicts panel, the verdict
 * and the details panel, so they always agree.
 */
import type { PolicyResult } from '../analysis/analyze.ts';
import { hex16 } from '../engine/u64.ts';
import { selectCandidateResult, selectPolicyResults } from './analysisSlice.ts';
import type { AppState } from './appState.ts';
import { candidateLabel, type Candidate } from './candidatesSlice.ts';
import { POLICIES } from './uiSlice.ts';
import { selectLanes } from './axisSelectors.ts';
import { memoLast } from './memo.ts';
import { conflictOverlays, type Overlay } from '../view/conflictOverlays.ts';
import type { Lane } from '../view/laneModel.ts';

export interface WindowEntry {
  /** "policy:mainline" or "candidate:c1": also the item key in the windows lane. */
  readonly key: string;
  readonly label: string;
  readonly result: PolicyResult;
  readonly candidate?: Candidate;
}

export function policyLabel(policy: string): string {
  return POLICIES.find((p) => p.id === policy)?.label ?? policy;
}

let last: WindowEntry[] = [];

/** Policy windows (in POLICIES order) then candidates; the same array while nothing changed. */
export function selectWindowEntries(s: AppState): readonly WindowEntry[] {
  const out: WindowEntry[] = [];
  for (const r of selectPolicyResults(s)) {
    out.push({ key: `policy:${r.policy}`, label: `${policyLabel(r.policy)} policy window`, result: r });
  }
  for (const c of s.candidates) {
    const r = selectCandidateResult(s, c.id);
    if (r) out.push({ key: `candidate:${c.id}`, label: `MSI window ${candidateLabel(c.id)}`, result: r, candidate: c });
  }
  const same = out.length === last.length && out.every((e, i) => e.result === last[i]!.result && e.candidate === last[i]!.candidate);
  if (!same) last = out;
  return last;
}

/** The entry of the policy in force. */
export function selectActivePolicyEntry(s: AppState): WindowEntry | undefined {
  return selectWindowEntries(s).find((e) => e.key === `policy:${s.policy}`);
}

/** The entry of the candidate last touched. */
export function selectActiveCandidateEntry(s: AppState): WindowEntry | undefined {
  return selectWindowEntries(s).find((e) => e.key === `candidate:${s.activeCandidate}`);
}

/** "0x0000000008000000–0x00000000080fffff" for a window. */
export function windowRangeText(w: { base: bigint; size: bigint }): string {
  return `${hex16(w.base)}–${hex16(w.base + w.size - 1n)}`;
}

let lastOverlays: Overlay[] = [];

/** The same array as last time when nothing in it changed, so the lanes do not re-render. */
function sameOverlays(next: Overlay[]): Overlay[] {
  const same =
    next.length === lastOverlays.length &&
    next.every((o, i) => {
      const p = lastOverlays[i]!;
      return o.lane === p.lane && o.row === p.row && o.start === p.start && o.last === p.last && o.label === p.label;
    });
  if (!same) lastOverlays = next;
  return lastOverlays;
}

const overlaysFor = memoLast((lanes: readonly Lane[], a: WindowEntry | undefined, b: WindowEntry | undefined): Overlay[] =>
  sameOverlays(conflictOverlays(lanes, [a?.result, b?.result].filter((r): r is PolicyResult => r !== undefined))),
);

/** Hatched overlays for the conflicts of the policy in force and of the active candidate. */
export function selectConflictOverlays(s: AppState): readonly Overlay[] {
  return overlaysFor(selectLanes(s), selectActivePolicyEntry(s), selectActiveCandidateEntry(s));
}
