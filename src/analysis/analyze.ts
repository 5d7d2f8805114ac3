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
import { deviceKernel, withGuest, type DeviceContext, type DeviceKernel } from './deviceContext.ts';
import { guestMapFor } from './guestMap.ts';
import { once } from './lazy.ts';
import { freeOfSorted } from './intervals.ts';
import { guestObstacles as guestObstaclesOf, indexSorted, sortObstacles, type SortedObstacles } from './obstacles.ts';
import { candidateResult, policyResult } from './policies.ts';
import { platformFreeForAll, validWindows } from './validWindows.ts';
import { bootsWithAcpi } from './producers/types.ts';
import { POLICY_IDS, type Analysis, type AnalysisOptions, type GroupAnalysis, type MsiWindow, type PolicyResult } from './types.ts';

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

/** What the kernel derives from a scenario; independent of the guest map and the options. */
interface KernelAnalysis {
  readonly devices: ReadonlyMap<string, DeviceKernel>;
  readonly groups: GroupAnalysis[];
  readonly platformFree: readonly Range[];
  readonly assumptions: readonly string[];
}

/** Scenarios are immutable: their kernel derivation is computed once (a RAM slider redoes only the rest). */
const kernelCache = new WeakMap<Scenario, KernelAnalysis>();
/** Device contexts of an analysis, kept out of the (plain, inspectable) Analysis object. */
const contextCache = new WeakMap<Analysis, ReadonlyMap<string, DeviceContext>>();

function kernelAnalysis(s: Scenario): KernelAnalysis {
  const cached = kernelCache.get(s);
  if (cached) return cached;
  const assumptions: string[] = [];
  if (bootsWithAcpi(s)) assumptions.push('IORT entries present: the platform boots with ACPI, so DT reservations are not read.');
  assumptions.push('Kernel drivers are assumed to set a 64-bit DMA mask; dma-iommu still tries below 4 GiB first for PCI devices.');
  assumptions.push('series-v4 is the whole v4 series: 2/4 (PCI endpoints inherit the host bridge DT node) with 3/4 and 4/4.');
  const devices = new Map<string, DeviceKernel>();
  for (const d of s.devices) {
    const k = deviceKernel(s, d, assumptions);
    if (k) devices.set(d.id, k);
  }
  // Only the groups' reserved-region descriptions need it, on first read.
  const provenance = once(() => provenanceOf(devices.values()));
  const groups = [...groupsInOrder(s.devices)].map(([g, members]) => deriveGroup(s, g, members, devices, provenance, assumptions));
  const result = { devices, groups, platformFree: platformFreeForAll([...devices.values()]), assumptions };
  kernelCache.set(s, result);
  return result;
}

function guestFreeOf(guest: readonly GuestRegion[]): { obstacles: SortedObstacles; free: Range[] } {
  const obstacles = sortObstacles(guestObstaclesOf(guest));
  return { obstacles: indexSorted(obstacles), free: freeOfSorted(obstacles) };
}

function buildContexts(kernel: KernelAnalysis, guest: ReturnType<typeof guestFreeOf>): Map<string, DeviceContext> {
  const contexts = new Map<string, DeviceContext>();
  for (const [id, k] of kernel.devices) contexts.set(id, withGuest(k, guest.obstacles, guest.free));
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

export function analyze(s: Scenario, opts: AnalysisOptions = {}): Analysis {
  const guest = guestMapFor(s, opts.guestRamSize);
  const kernel = kernelAnalysis(s);
  const guestFree = guestFreeOf(guest.regions);
  const contexts = buildContexts(kernel, guestFree);
  const list = [...contexts.values()];
  const policies = POLICY_IDS.flatMap((p) => list.map((ctx) => policyResult(ctx, s.behaviour, p, opts)));
  const candidates = (opts.candidates ?? []).flatMap((c) => list.map((ctx) => candidateResult(ctx, s.behaviour, { base: c.base, size: c.size }, c.id)));
  const analysis: Analysis = {
    scenario: s,
    groups: kernel.groups,
    policies,
    candidates,
    validWindows: validWindows(kernel.platformFree, guestFree.free),
    guestMap: guest.regions,
    assumptions: [...guest.assumptions, ...kernel.assumptions],
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
    contexts = buildContexts(kernelAnalysis(a.scenario), guestFreeOf(a.guestMap));
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
