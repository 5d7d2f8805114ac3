/** The details of the selected item, from whichever lane holds it (plain text fields). */
import { formatSize } from '../engine/u64.ts';
import type { AppState } from './appState.ts';
import { selectLanes } from './axisSelectors.ts';
import { memoLast } from './memo.ts';
import { POLICIES } from './uiSlice.ts';
import { selectWindowEntries, type WindowEntry } from './windowSelectors.ts';
import { findItemByKey } from '../view/laneIndex.ts';
import type { Lane } from '../view/laneModel.ts';
import type { Selection } from './selectionSlice.ts';

export interface Details {
  readonly name: string;
  readonly lane: string;
  readonly start: bigint;
  readonly last: bigint;
  readonly type: string;
  readonly sources: readonly string[];
  readonly rule?: string;
  readonly verdict?: string;
  /** Set when the item is a user candidate (it can be removed and its snapping changed). */
  readonly candidateId?: string;
  readonly alignment?: bigint;
}

function windowDetails(e: WindowEntry): Details | null {
  const w = e.result.window;
  if (!w) return null;
  const policy = POLICIES.find((p) => p.id === e.result.policy);
  return {
    name: e.label,
    lane: 'MSI windows',
    start: w.base,
    last: w.base + w.size - 1n,
    type: e.candidate ? `user candidate, snapped to ${formatSize(e.candidate.alignment)}` : `SW_MSI window chosen by the ${policy?.label ?? e.result.policy} policy`,
    sources: e.candidate ? ['placed by you'] : policy ? [policy.summary] : [],
    rule: e.result.explanation,
    verdict: e.result.verdict === 'ok' ? 'works' : e.result.verdict === 'conflict' ? `conflict (${e.result.conflicts.length})` : 'no window',
    ...(e.candidate ? { candidateId: e.candidate.id, alignment: e.candidate.alignment } : {}),
  };
}

const compute = memoLast((sel: Selection | null, lanes: readonly Lane[], windows: readonly WindowEntry[]): Details | null => {
  if (!sel) return null;
  if (sel.lane === 'windows') {
    const e = windows.find((w) => w.key === sel.key);
    return e ? windowDetails(e) : null;
  }
  const lane = lanes.find((l) => l.id === sel.lane);
  const it = lane && findItemByKey(lane, sel.key);
  if (!lane || !it) return null;
  return { name: it.name, lane: lane.title, start: it.start, last: it.last, type: it.type, sources: it.sources, ...(it.rule ? { rule: it.rule } : {}) };
});

export function selectSelectedDetails(s: AppState): Details | null {
  return compute(s.selection, selectLanes(s), selectWindowEntries(s));
}
