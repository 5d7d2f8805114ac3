/**
 * The map's per-scenario data — the lanes, their interval indexes and the compressed axis — is
 * prepared whenever the analysis or the device changes. The work is sliced (view/sliced.ts): the
 * first slice runs at once, so a built-in platform is ready in the same update; a million-range
 * upload continues in slices of at most SLICE_MS between tasks, the map saying so meanwhile, and is
 * committed in one update. A preparation overtaken by a newer one stops.
 */
import type { StateCreator } from 'zustand';
import type { Analysis } from '../analysis/analyze.ts';
import { U64_MOD } from '../engine/u64.ts';
import { convertView } from '../view/addressScale.ts';
import { compressedAxisSliced, type AxisMap } from '../view/axisMap.ts';
import { laneIndexSliced } from '../view/laneIndex.ts';
import type { Lane } from '../view/laneModel.ts';
import { buildLanesSliced } from '../view/lanes.ts';
import { SLICE_ITEMS, type Sliced } from '../view/sliced.ts';
import { selectAnalysis, selectDevice } from './analysisSlice.ts';
import type { AppState } from './appState.ts';
import type { AppStore } from './appStore.ts';
import { selectAxis } from './axisSelectors.ts';

export interface PreparedMap {
  readonly analysis: Analysis;
  readonly device: string | null;
  readonly lanes: readonly Lane[];
  /** Cut at every item edge and every policy window edge of the device. */
  readonly compressedAxis: AxisMap;
}

export interface MapPrepSlice {
  /** The latest prepared map; it belongs to the open analysis only if its analysis and device match. */
  readonly prepared: PreparedMap | null;
  /** While a big scenario is prepared over several tasks: how many regions its physical map has. */
  readonly preparing: { readonly regions: number } | null;
}

export const createMapPrepSlice: StateCreator<AppState, [], [], MapPrepSlice> = () => ({
  prepared: null,
  preparing: null,
});

/** Longest slice of preparation work in one task. */
export const SLICE_MS = 25;

/** Every item edge and policy window edge inside (0, 2^64), for the compressed axis. */
function* axisCuts(a: Analysis, device: string | null, lanes: readonly Lane[]): Sliced<BigUint64Array> {
  let n = 0;
  for (const l of lanes) n += 2 * l.items.length;
  const windows = a.policies.filter((p) => p.device === device && p.window).map((p) => p.window!);
  const cuts = new BigUint64Array(n + 2 * windows.length);
  let k = 0;
  const add = (c: bigint): void => {
    if (c > 0n && c < U64_MOD) cuts[k++] = c;
  };
  for (const l of lanes) {
    for (let i = 0; i < l.items.length; i++) {
      if (i % SLICE_ITEMS === SLICE_ITEMS - 1) yield;
      const it = l.items[i]!;
      add(it.start);
      add(it.last + 1n);
    }
  }
  for (const w of windows) {
    add(w.base);
    add(w.base + w.size);
  }
  return cuts.subarray(0, k);
}

/** Lanes, their indexes and the compressed axis of one analysis and device, in slices. */
export function* prepareMap(a: Analysis, device: string | null): Sliced<PreparedMap> {
  const lanes = yield* buildLanesSliced(a, device);
  for (const l of lanes) yield* laneIndexSliced(l);
  const compressedAxis = yield* compressedAxisSliced(yield* axisCuts(a, device, lanes));
  return { analysis: a, device, lanes, compressedAxis };
}

/** Whether the prepared map belongs to the analysis and device on screen. */
export function selectPreparedMap(s: AppState): PreparedMap | null {
  const p = s.prepared;
  return p && p.analysis === selectAnalysis(s) && p.device === selectDevice(s) ? p : null;
}

/** How preparation is spread over tasks: what runs a later slice, and each slice's budget in ms. */
export interface Slicing {
  readonly later: (run: () => void) => void;
  readonly sliceMs: number;
}

export const BROWSER_SLICING: Slicing = { later: (run) => setTimeout(run, 0), sliceMs: SLICE_MS };

/** Keep the prepared map in step with the store (called once per store). */
export function followMapPreparation(store: AppStore, { later, sliceMs }: Slicing = BROWSER_SLICING): void {
  let job: { analysis: Analysis; device: string | null } | null = null;
  const commit = (prepared: PreparedMap, sliced: boolean): void => {
    const s = store.getState();
    const from = selectAxis(s);
    store.setState({ prepared, preparing: null });
    const after = store.getState();
    // A view chosen on the linear stand-in axis while preparing is carried over to the real one.
    if (sliced && s.view && from !== selectAxis(after)) store.setState({ view: convertView(s.view, s.width, from, selectAxis(after)) });
  };
  const check = (s: AppState): void => {
    const analysis = selectAnalysis(s);
    const device = selectDevice(s);
    if (!analysis || selectPreparedMap(s) || (job?.analysis === analysis && job.device === device)) return;
    const mine = { analysis, device };
    job = mine;
    const work = prepareMap(analysis, device);
    const slice = (first: boolean): void => {
      if (job !== mine) return;
      const t0 = performance.now();
      for (let r = work.next(); ; r = work.next()) {
        if (r.done) {
          job = null;
          commit(r.value, !first);
          return;
        }
        if (performance.now() - t0 > sliceMs) break;
      }
      if (first) store.setState({ preparing: { regions: analysis.scenario.physicalMap.length } });
      later(() => slice(false));
    };
    slice(true);
  };
  store.subscribe(check);
  check(store.getState());
}
