/**
 * Which scenario is open: a built-in platform (by id and version) or an uploaded one, plus the
 * user's kernel-behaviour switches on top of it. The loaded Scenario object itself is kept as
 * loaded; the switches are a separate plain patch so a link can carry "qemu-virt@1 + switches".
 */
import type { StateCreator } from 'zustand';
import type { KernelBehaviour, Scenario } from '../model/scenario.ts';
import type { AppState } from './appState.ts';

/** One line of public/platforms/index.json. */
export interface PlatformEntry {
  readonly id: string;
  readonly name: string;
  readonly file: string;
  readonly version: number;
  readonly summary: string;
}

export type ScenarioSource =
  | { readonly kind: 'builtin'; readonly id: string; readonly version: number }
  | { readonly kind: 'upload'; readonly name: string };

export type LoadStatus =
  | { readonly state: 'idle' | 'loading' | 'ready' }
  | { readonly state: 'error'; readonly message: string };

export interface ScenarioSlice {
  readonly platforms: readonly PlatformEntry[];
  readonly source: ScenarioSource | null;
  readonly scenario: Scenario | null;
  readonly loadStatus: LoadStatus;
  /** Switches the user changed; everything else comes from the scenario. */
  readonly behaviour: Partial<KernelBehaviour>;
  setPlatforms(list: readonly PlatformEntry[]): void;
  startLoading(): void;
  setScenario(source: ScenarioSource, scenario: Scenario): void;
  setLoadError(message: string): void;
  setBehaviour(patch: Partial<KernelBehaviour>): void;
}

export const createScenarioSlice: StateCreator<AppState, [], [], ScenarioSlice> = (set) => ({
  platforms: [],
  source: null,
  scenario: null,
  loadStatus: { state: 'idle' },
  behaviour: {},
  setPlatforms: (platforms) => set({ platforms }),
  startLoading: () => set({ loadStatus: { state: 'loading' } }),
  setScenario: (source, scenario) =>
    set({
      source,
      scenario,
      loadStatus: { state: 'ready' },
      behaviour: {},
      selection: null,
      view: null,
      device: null,
      guestRamSize: null,
    }),
  setLoadError: (message) => set({ loadStatus: { state: 'error', message } }),
  setBehaviour: (patch) => set((s) => ({ behaviour: { ...s.behaviour, ...patch } })),
});

/** The scenario with the user's behaviour switches applied. */
export function effectiveScenario(scenario: Scenario, behaviour: Partial<KernelBehaviour>): Scenario {
  if (Object.keys(behaviour).length === 0) return scenario;
  return { ...scenario, behaviour: { ...scenario.behaviour, ...behaviour } };
}
