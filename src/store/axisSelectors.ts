/**
 * Derived drawing data: the lanes of the current analysis, the axis (linear, or compressed at
 * every lane boundary), and the home range the map fits on load. Lanes and the compressed axis
 * come prepared (mapPrepSlice.ts); until they are, there are no lanes and the axis is linear: it
 * keeps every address exact, so a view chosen meanwhile (a search, a zoom) converts to the real
 * compressed axis without loss (one shrunk piece for the whole 2^64 would round it to ~2^40 bytes).
 */
import { U64_MAX, type Range } from '../engine/u64.ts';
import { LINEAR_AXIS, type AxisMap } from '../view/axisMap.ts';
import type { Lane } from '../view/laneModel.ts';
import { groupOf } from '../view/lanes.ts';
import { selectAnalysis, selectDevice } from './analysisSlice.ts';
import type { AppState } from './appState.ts';
import { selectPreparedMap } from './mapPrepSlice.ts';

const NO_LANES: readonly Lane[] = [];

export function selectLanes(s: AppState): readonly Lane[] {
  return selectPreparedMap(s)?.lanes ?? NO_LANES;
}

export function selectAxisFor(s: AppState, compressed: boolean): AxisMap {
  return compressed ? (selectPreparedMap(s)?.compressedAxis ?? LINEAR_AXIS) : LINEAR_AXIS;
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
