/**
 * The four MSI-window policies (issue 3; engine-spec §4, §6 point 10), one device at a time.
 *
 * - mainline: the SW_MSI region the driver reports, fixed at MSI_IOVA_BASE (0x08000000, 1 MiB).
 * - series-v4: Shyam Saini's v4 (2/4 + 3/4 + 4/4, not merged): the first of {0x08000000,
 *   0xa0000000} intersecting no region the device reports (host-bridge DT reservations included,
 *   by 2/4); none when both intersect.
 * - dynamic (Will Deacon's review of v4 3/4; our rule, deterministic): the HIGHEST 1 MiB-aligned
 *   window BELOW 4 GiB — else the highest anywhere — that lies inside the IOMMU aperture, inside
 *   the host bridge's inbound dma-ranges, outside its outbound MMIO windows and clear of every
 *   region the device reports. Why: it is where dma-iommu's own allocator puts a PCI device's
 *   MSI pages (top-down, 32-bit first, iommu_dma_alloc_iova), so devices limited to 32-bit MSI
 *   addresses keep working, and it uses only what the kernel knows. It cannot see the guest map,
 *   which is Jason Gunthorpe's objection: the window can land on guest RAM.
 * - userspace: the VMM picks the window and sets it with IOMMU_OPTION_SW_MSI_START/SIZE
 *   (Nicolin Chen's Part-2 v2, Oct 2025: PROPOSED, not merged); the kernel validates it against the
 *   device's regions (-EADDRINUSE). Default pick: the valid window nearest to 0x08000000 (keeps
 *   the traditional address whenever it works), or the window given in the options.
 */
import { MSI_IOVA_LENGTH } from '../engine/resvRegions.ts';
import { hex, type Range } from '../engine/u64.ts';
import type { KernelBehaviour } from '../model/scenario.ts';
import { deviceConflicts, noWindowConflict, windowConflicts, type Chooser } from './conflicts.ts';
import type { DeviceContext } from './deviceContext.ts';
import { rangeText } from './obstacles.ts';
import { SERIES_CANDIDATES } from './producers/smmu.ts';
import { userspaceValidation } from './userspaceOption.ts';
import { highestWindow, nearestValidWindow } from './validWindows.ts';
import type { AnalysisOptions, Conflict, MsiWindow, PolicyId, PolicyResult } from './types.ts';

interface Choice {
  readonly window: MsiWindow | null;
  readonly explanation: string;
  readonly chooser: Chooser;
  /** Conflicts of the choice itself (no window, rejected by the uAPI). */
  readonly extra: Conflict[];
  /** The window is this reserved region (a hardware MSI window): no conflict with itself. */
  readonly itself?: Range;
}

function windowRange(w: MsiWindow): Range {
  return { start: w.base, last: w.base + w.size - 1n };
}

function swMsiOf(list: DeviceContext['mainline']): MsiWindow | undefined {
  const r = list.find((x) => x.type === 'sw-msi');
  return r ? { base: r.start, size: r.length } : undefined;
}

function mainline(ctx: DeviceContext): Choice {
  const w = swMsiOf(ctx.mainline);
  if (!w) return { window: null, explanation: 'the driver reports no SW_MSI region', chooser: 'kernel', extra: [] };
  return { window: w, explanation: `fixed MSI_IOVA_BASE: the driver adds ${rangeText(windowRange(w))} for every device`, chooser: 'kernel', extra: [] };
}

function seriesV4(ctx: DeviceContext): Choice {
  const w = swMsiOf(ctx.series);
  const candidates = SERIES_CANDIDATES.map(hex).join(', ');
  if (w) {
    return { window: w, explanation: `first of {${candidates}} intersecting no reported region (v4 3/4, PROPOSED, not merged)`, chooser: 'kernel', extra: [] };
  }
  const first = { start: SERIES_CANDIDATES[0]!, last: SERIES_CANDIDATES[0]! + MSI_IOVA_LENGTH - 1n };
  return {
    window: null,
    explanation: `both candidates {${candidates}} intersect a reported region: the series silently adds no SW_MSI region`,
    chooser: 'kernel',
    extra: [noWindowConflict(`both series candidates (${candidates})`, first)],
  };
}

function dynamic(ctx: DeviceContext): Choice {
  const w = highestWindow(ctx.platformFree);
  const rule = 'highest free 1 MiB window below 4 GiB (else highest), clear of reported regions, PCI windows and dma-ranges gaps';
  if (!w) {
    const all = ctx.iommu.aperture;
    return { window: null, explanation: `${rule}: none exists`, chooser: 'kernel', extra: [noWindowConflict(`the whole aperture ${rangeText(all)}`, all)] };
  }
  return { window: w, explanation: `dynamic (${rule}); the kernel cannot see the guest map`, chooser: 'kernel', extra: [] };
}

function userspace(ctx: DeviceContext, opts: AnalysisOptions): Choice {
  const proposed = 'IOMMU_OPTION_SW_MSI_START/SIZE, PROPOSED (Part-2 v2, Oct 2025), not merged';
  const w = opts.userspaceWindow ?? nearestValidWindow(ctx.platformFree, ctx.guestFree);
  if (!w) {
    const all = ctx.iommu.aperture;
    return {
      window: null,
      explanation: `no valid window exists for the VMM to pick (${proposed})`,
      chooser: 'vmm',
      extra: [{ with: 'every candidate window', withRange: all, kind: 'no-valid-window', consequence: 'the VMM has nowhere to put the MSI window: the assigned device cannot use MSIs' }],
    };
  }
  const how = opts.userspaceWindow ? 'window given by the VMM' : 'the VMM picks the valid window nearest 0x8000000';
  return { window: w, explanation: `${how} (${proposed})`, chooser: 'vmm', extra: userspaceValidation(ctx, w) };
}

function hardwareMsi(ctx: DeviceContext, hw: NonNullable<DeviceContext['hwMsi']>): Choice {
  return {
    window: { base: hw.start, size: hw.length },
    explanation: `hardware MSI window (${hw.name}) of the ${ctx.iommu.name}: not translated, no SW_MSI to place, so every policy is the same`,
    chooser: 'kernel',
    extra: [],
    itself: { start: hw.start, last: hw.start + hw.length - 1n },
  };
}

function choose(ctx: DeviceContext, policy: PolicyId, opts: AnalysisOptions): Choice {
  if (ctx.hwMsi) return hardwareMsi(ctx, ctx.hwMsi);
  switch (policy) {
    case 'mainline':
      return mainline(ctx);
    case 'series-v4':
      return seriesV4(ctx);
    case 'dynamic':
      return dynamic(ctx);
    case 'userspace':
      return userspace(ctx, opts);
  }
}

function result(ctx: DeviceContext, behaviour: KernelBehaviour, choice: Choice, policy: PolicyResult['policy'], candidateId?: string): PolicyResult {
  const conflicts = [
    ...choice.extra,
    ...(choice.window ? windowConflicts(ctx, windowRange(choice.window), choice.chooser, choice.itself) : []),
    ...deviceConflicts(ctx, behaviour),
  ];
  return {
    policy,
    ...(candidateId !== undefined ? { candidateId } : {}),
    device: ctx.device.id,
    window: choice.window,
    conflicts,
    verdict: choice.window === null ? 'no-window' : conflicts.length > 0 ? 'conflict' : 'ok',
    explanation: choice.explanation,
  };
}

export function policyResult(ctx: DeviceContext, behaviour: KernelBehaviour, policy: PolicyId, opts: AnalysisOptions): PolicyResult {
  return result(ctx, behaviour, choose(ctx, policy, opts), policy);
}

/** A window the user proposes (dragged on the map): judged as the VMM option would be. */
export function candidateResult(ctx: DeviceContext, behaviour: KernelBehaviour, window: MsiWindow, candidateId?: string): PolicyResult {
  const choice: Choice = {
    window,
    explanation: `candidate window ${rangeText(windowRange(window))}, checked as IOMMU_OPTION_SW_MSI_START would (PROPOSED)`,
    chooser: 'vmm',
    extra: userspaceValidation(ctx, window),
  };
  return result(ctx, behaviour, choice, 'candidate', candidateId);
}
