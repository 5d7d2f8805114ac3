/**
 * The MSI-window analysis of a scenario (issue 3): per group what the kernel derives (derive.ts),
 * per device what each policy chooses and what that collides with (policies.ts), and the set of
 * all valid 1 MiB windows (interval arithmetic over every device's obstacles).
 *
 * `evaluateWindow` judges one window for one device against precomputed, sorted obstacles (binary
 * search), cheap enough for every frame of a drag.
 */
import type { Range } from '../engine/u64.ts';
import type { Device, GuestRegion, Scenario } from '../model/scenario.ts';
import { deriveGroup, provenanceOf } from './derive.ts';
import { deviceContext, type DeviceContext } from './deviceContext.ts';
import { guestMapFor } from './guestMap.ts';
import { intersect } from './intervals.ts';
import { candidateResult, policyResult } from './policies.ts';
import { bootsWithAcpi } from './producers/types.ts';
import { POLICY_IDS, type Analysis, type AnalysisOptions, type MsiWindow, type PolicyResult } from './types.ts';

export type {
  Analysis,
  AnalysisOptions,
  Conflict,
  DerivedRegion,
  GroupAnalysis,
  MsiDoorbellMapping,
  MsiWindow,
  PolicyId,
  PolicyResult,
} from './types.ts';
export { POLICY_IDS } from './types.ts';

/** Device contexts of an analysis, kept out of the (plain, inspectable) Analysis object. */
const contextCache = new WeakMap<Analysis, ReadonlyMap<string, DeviceContext>>();

function buildContexts(s: Scenario, guest: readonly GuestRegion[], assumptions: string[]): Map<string, DeviceContext> {
  const contexts = new Map<string, DeviceContext>();
  for (const d of s.devices) {
    const ctx = deviceContext(s, d, guest, assumptions);
    if (ctx) contexts.set(d.id, ctx);
  }
  return contexts;
}

function groupsInOrder(devices: readonly Device[]): Map<string, Device[]> {
  const groups = new Map<string, Device[]>();
  for (const d of devices) {
    const list = groups.get(d.group);
    if (list) list.push(d);
    else groups.set(d.group, [d]);
  }
  return groups;
}

/** Windows valid for every device that needs a SW_MSI window (all IOMMU devices if none does). */
function validWindowsOf(contexts: readonly DeviceContext[]): Range[] {
  const swMsi = contexts.filter((c) => !c.hwMsi);
  const relevant = swMsi.length > 0 ? swMsi : contexts;
  if (relevant.length === 0) return [];
  return relevant.slice(1).reduce<Range[]>((acc, c) => intersect(acc, c.validFree), [...relevant[0]!.validFree]);
}

export function analyze(s: Scenario, opts: AnalysisOptions = {}): Analysis {
  const guest = guestMapFor(s, opts.guestRamSize);
  const assumptions = [...guest.assumptions];
  if (bootsWithAcpi(s)) assumptions.push('IORT entries present: the platform boots with ACPI, so DT reservations are not read.');
  assumptions.push('Kernel drivers are assumed to set a 64-bit DMA mask; dma-iommu still tries below 4 GiB first for PCI devices.');
  assumptions.push('series-v4 is the whole v4 series: 2/4 (PCI endpoints inherit the host bridge DT node) with 3/4 and 4/4.');

  const contexts = buildContexts(s, guest.regions, assumptions);
  const provenance = provenanceOf(contexts.values());
  const groups = [...groupsInOrder(s.devices)].map(([g, devices]) => deriveGroup(s, g, devices, contexts, provenance, assumptions));
  const list = [...contexts.values()];
  const policies = POLICY_IDS.flatMap((p) => list.map((ctx) => policyResult(ctx, s.behaviour, p, opts)));
  const candidates = (opts.candidates ?? []).flatMap((c) => list.map((ctx) => candidateResult(ctx, s.behaviour, { base: c.base, size: c.size }, c.id)));
  const analysis: Analysis = {
    scenario: s,
    groups,
    policies,
    candidates,
    validWindows: validWindowsOf(list),
    guestMap: guest.regions,
    assumptions,
  };
  contextCache.set(analysis, contexts);
  return analysis;
}

/**
 * Judge a window for one device as the proposed userspace option would (policy 'candidate').
 * O(log n) in the number of obstacles plus the conflicts found.
 */
export function evaluateWindow(a: Analysis, device: string, window: MsiWindow): PolicyResult {
  let contexts = contextCache.get(a);
  if (!contexts) {
    contexts = buildContexts(a.scenario, a.guestMap, []);
    contextCache.set(a, contexts);
  }
  const ctx = contexts.get(device);
  if (!ctx) {
    return {
      policy: 'candidate',
      device,
      window,
      conflicts: [{ with: device, withRange: { start: window.base, last: window.base + window.size - 1n }, kind: 'no-iommu', consequence: 'the device is not behind an IOMMU: no MSI window applies to it' }],
      verdict: 'conflict',
      explanation: 'not an IOMMU-backed device',
    };
  }
  return candidateResult(ctx, a.scenario.behaviour, window);
}
