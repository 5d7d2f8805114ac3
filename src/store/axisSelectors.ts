/**
 * Derived drawing data: the lanes of the current analysis, the axis (linear, or compressed at
 * every lane boundary), and the home range the map fits on load.
 */
import type { Analysis, PolicyResult } from '../analysis/analyze.ts';
import { U64_MAX, type Range } from '../engine/u64.ts';
import { LINEAR_AXIS, compressedAxis, type AxisMap } from '../view/axisMap.ts';
import type { Lane } from '../view/laneModel.ts';
import { buildLanes, groupOf } from '../view/lanes.ts';
import { selectAnalysis, selectDevice, selectPolicyResults } from './analysisSlice.ts';
import type { AppState } from './appState.ts';
import { memoLast } from './memo.ts';

const lanesFor = memoLast((a: Analysis, device: string | null) => buildLanes(a, device));

const NO_LANES: readonly Lane[] = [];

export function selectLanes(s: AppState): readonly Lane[] {
  const a = selectAnalysis(s);
  return a ? lanesFor(a, selectDevice(s)) : NO_LANES;
}

/** Cut points of the compressed axis: every item edge and every policy window edge. */
const compressedFor = memoLast((lanes: readonly Lane[], policies: readonly PolicyResult[]): AxisMap => {
  const cuts: bigint[] = [];
  for (const l of lanes) for (const it of l.items) cuts.push(it.start, it.last + 1n);
  for (const p of policies) if (p.window) cuts.push(p.window.base, p.window.base + p.window.size);
  return compressedAxis(cuts);
});

export function selectAxisFor(s: AppState, compressed: boolean): AxisMap {
  return compressed ? compressedFor(selectLanes(s), selectPolicyResults(s)) : LINEAR_AXIS;
}

export function selectAxis(s: AppState): AxisMap {
  return selectAxisFor(s, s.compressed);
}

const WHOLE: Range = { start: 0n, last: U64_MAX };

/**
 * What the map shows on load: the IOMMU aperture of the device's group (where every IOVA lives)
 * widened to cover the physical map; the whole space without an IOMMU. Compressed mode always
 * starts on the whole axis, which it makes legible.
 */
export function selectHomeRange(s: AppState): Range {
  const a = selectAnalysis(s);
  if (!a || s.compressed) return WHOLE;
  const dev = a.scenario.devices.find((d) => d.id === selectDevice(s)) ?? a.scenario.devices.find((d) => groupOf(a, null)?.devices.includes(d.id));
  const iommu = a.scenario.iommus.find((i) => i.id === dev?.iommu) ?? a.scenario.iommus[0];
  if (!iommu) return WHOLE;
  let last = iommu.aperture.last;
  for (const r of a.scenario.physicalMap) if (r.last > last) last = r.last;
  return { start: iommu.aperture.start, last };
}
