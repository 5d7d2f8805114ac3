/**
 * Analysis: its inputs (the device looked at, the guest RAM size) are state; the analysis itself
 * is derived from scenario + inputs and memoised, never stored, so state stays small and
 * serialisable. Candidate verdicts come from evaluateWindow, cheap enough for every drag frame.
 */
import type { StateCreator } from 'zustand';
import { analyze, evaluateWindow, type Analysis, type PolicyId, type PolicyResult } from '../analysis/analyze.ts';
import type { Scenario } from '../model/scenario.ts';
import type { AppState } from './appState.ts';
import type { Candidate } from './candidatesSlice.ts';
import { memoLast } from './memo.ts';
import { effectiveScenario } from './scenarioSlice.ts';

export interface AnalysisSlice {
  /** Device whose windows are judged; null = the analysis's first device. */
  readonly device: string | null;
  /** Guest RAM size for the VMM's memory map; null = the scenario's own. */
  readonly guestRamSize: bigint | null;
  setDevice(device: string | null): void;
  setGuestRamSize(size: bigint | null): void;
}

export const createAnalysisSlice: StateCreator<AppState, [], [], AnalysisSlice> = (set) => ({
  device: null,
  guestRamSize: null,
  setDevice: (device) => set({ device }),
  setGuestRamSize: (guestRamSize) => set({ guestRamSize }),
});

const effective = memoLast(effectiveScenario);
const runAnalysis = memoLast((scenario: Scenario, guestRamSize: bigint | null): Analysis =>
  analyze(scenario, guestRamSize === null ? {} : { guestRamSize }),
);

export function selectAnalysis(s: AppState): Analysis | null {
  return s.scenario ? runAnalysis(effective(s.scenario, s.behaviour), s.guestRamSize) : null;
}

const NONE: readonly string[] = [];
const NO_RESULTS: readonly PolicyResult[] = [];

/** Devices that have policy results, in the analysis's order. */
const devicesOf = memoLast((a: Analysis): string[] => [...new Set(a.policies.map((p) => p.device))]);

export function selectDevices(s: AppState): readonly string[] {
  const a = selectAnalysis(s);
  return a ? devicesOf(a) : NONE;
}

/** The device in effect. */
export function selectDevice(s: AppState): string | null {
  const list = selectDevices(s);
  return s.device !== null && list.includes(s.device) ? s.device : (list[0] ?? null);
}

/** Result of each policy for the device in effect, in the analysis's order. */
const policyResultsFor = memoLast((a: Analysis, device: string | null): PolicyResult[] =>
  a.policies.filter((p) => p.device === device),
);

export function selectPolicyResults(s: AppState): readonly PolicyResult[] {
  const a = selectAnalysis(s);
  return a ? policyResultsFor(a, selectDevice(s)) : NO_RESULTS;
}

export function selectPolicyResult(s: AppState, policy: PolicyId): PolicyResult | undefined {
  return selectPolicyResults(s).find((p) => p.policy === policy);
}

/** evaluateWindow per candidate, recomputed only for candidates whose inputs changed. */
const candidateCache = new Map<string, { a: Analysis; device: string; c: Candidate; r: PolicyResult }>();

export function selectCandidateResult(s: AppState, id: string): PolicyResult | undefined {
  const a = selectAnalysis(s);
  const device = selectDevice(s);
  const c = s.candidates.find((x) => x.id === id);
  if (!a || !device || !c) return undefined;
  const hit = candidateCache.get(id);
  if (hit && hit.a === a && hit.device === device && hit.c === c) return hit.r;
  const r = { ...evaluateWindow(a, device, { base: c.base, size: c.size }), candidateId: id };
  candidateCache.set(id, { a, device, c, r });
  return r;
}

/** IOVA granule of the device's group (its dma-iommu domain, else its IOMMU), if known. */
export function selectGranule(s: AppState): bigint | undefined {
  const a = selectAnalysis(s);
  const device = selectDevice(s);
  if (!a) return undefined;
  const g = a.groups.find((x) => device !== null && x.devices.includes(device));
  if (g?.dmaDomain) return g.dmaDomain.granule;
  const dev = a.scenario.devices.find((d) => d.id === device);
  return a.scenario.iommus.find((i) => i.id === dev?.iommu)?.granule;
}
