/**
 * The one bound store. It is a vanilla Zustand store (usable from D3 controllers, loaders and
 * tests without React); components read it with `useApp(selector)` and atomic selectors or
 * `useShallow`.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { createAnalysisSlice } from './analysisSlice.ts';
import type { AppState } from './appState.ts';
import { createCandidatesSlice } from './candidatesSlice.ts';
import { BROWSER_SLICING, createMapPrepSlice, followMapPreparation, type Slicing } from './mapPrepSlice.ts';
import { createScenarioSlice } from './scenarioSlice.ts';
import { createSelectionSlice } from './selectionSlice.ts';
import { createUiSlice } from './uiSlice.ts';
import { createUploadSlice } from './uploadSlice.ts';
import { createViewSlice } from './viewSlice.ts';

export type AppStore = StoreApi<AppState>;

/** A store; `slicing` says how a big scenario's map preparation is spread over tasks (tests drive it by hand). */
export function createAppStore(slicing: Slicing = BROWSER_SLICING): AppStore {
  const store = createStore<AppState>()((...a) => ({
    ...createScenarioSlice(...a),
    ...createAnalysisSlice(...a),
    ...createViewSlice(...a),
    ...createSelectionSlice(...a),
    ...createCandidatesSlice(...a),
    ...createUiSlice(...a),
    ...createUploadSlice(...a),
    ...createMapPrepSlice(...a),
  }));
  followMapPreparation(store, slicing);
  return store;
}

export const appStore: AppStore = createAppStore();

export function useApp<T>(selector: (s: AppState) => T): T {
  return useStore(appStore, selector);
}
