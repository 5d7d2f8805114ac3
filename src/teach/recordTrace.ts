/**
 * Recording iova-trace/1 traces from the current scenario, so the player can replay how the
 * kernel built what the map shows for one IOMMU group:
 * - "dma": how dma-iommu set up the group's default domain (iommu_dma_init_domain for its first
 *   device: the per-device reserved regions, init_iova_domain, iova_reserve_pci_windows,
 *   iova_reserve_iommu_regions) and then allocated each MSI doorbell page
 *   (iommu_dma_get_msi_page → iommu_dma_alloc_iova: 32-bit first for PCI, then the full limit);
 * - "vfio": how vfio_iommu_type1_attach_group built its valid ranges (every device's regions into
 *   the group list, vfio_iommu_aper_resize, vfio_iommu_resv_exclude, vfio_iommu_has_sw_msi).
 *
 * The recorder decides the next op from what the previous ones printed (did the 32-bit attempt
 * fail?), so it replays as it goes, through the engine's own trace `step`.
 */
import type { Analysis, GroupAnalysis } from '../analysis/analyze.ts';
import { deviceIommu, deviceResvRegions } from '../analysis/producers/index.ts';
import { IovaCookie } from '../engine/dmaIommu.ts';
import type { ResvRegion } from '../engine/resvRegions.ts';
import { TRACE_FORMAT, type Trace, type TraceOp } from '../engine/trace.ts';
import { initialReplayState, step } from '../engine/traceReplay.ts';
import { add64, log2Exact } from '../engine/u64.ts';
import type { Device, HostBridge, Iommu } from '../model/scenario.ts';

export type RecordingKind = 'dma' | 'vfio';

export type Recording = { readonly ok: true; readonly trace: Trace } | { readonly ok: false; readonly reason: string };

/** DMA_BIT_MASK(32): iommu_dma_alloc_iova's first try for PCI devices. */
const DMA_BIT_MASK_32 = 0xffffffffn;
/** iova-trace/1 accepts granules up to 64 KiB. */
const MAX_TRACE_GRANULE = 0x10000n;

class Recorder {
  readonly ops: TraceOp[] = [];
  readonly state = initialReplayState();

  /** Append an op and return what it printed. */
  add(op: TraceOp): string[] {
    const out: string[] = [];
    step(this.state, op, out);
    this.ops.push(op);
    return out;
  }

  trace(name: string): Trace {
    return { format: TRACE_FORMAT, name, ops: this.ops };
  }
}

export function groupOfDevice(a: Analysis, device: string): GroupAnalysis | undefined {
  return a.groups.find((g) => g.devices.includes(device));
}

/** What the kernel knows of one device of the group. */
interface Member {
  readonly device: Device;
  readonly iommu: Iommu;
  readonly bridge?: HostBridge;
  /** Its MSI controller's doorbell (CPU address), if any. */
  readonly doorbell?: bigint;
  /** iommu_get_resv_regions: the per-device list in driver order. */
  readonly regions: readonly ResvRegion[];
}

/**
 * The group's devices in order, up to the first without an IOMMU (iommu_get_group_resv_regions
 * stops there); a string when the first one cannot be recorded.
 */
function groupMembers(a: Analysis, g: GroupAnalysis): Member[] | string {
  const out: Member[] = [];
  for (const id of g.devices) {
    const device = a.scenario.devices.find((d) => d.id === id);
    const regions = device && deviceResvRegions(a.scenario, device, 'mainline');
    if (!device || !regions) break;
    const iommu = deviceIommu(a.scenario, device);
    if (!iommu) {
      if (out.length === 0) return `${device.name}: the scenario does not describe its IOMMU (granule and aperture unknown)`;
      break;
    }
    const bridge = a.scenario.hostBridges.find((b) => b.id === device.hostBridge);
    const doorbell = a.scenario.msiControllers.find((m) => m.id === bridge?.msiController)?.doorbell.start;
    out.push({ device, iommu, regions, ...(bridge ? { bridge } : {}), ...(doorbell !== undefined ? { doorbell } : {}) });
  }
  return out.length > 0 ? out : `${g.devices[0] ?? 'the device'} is not behind an IOMMU: the kernel builds no IOVA domain or VFIO ranges for it`;
}

function traceName(a: Analysis, g: GroupAnalysis, kind: RecordingKind): string {
  return `${a.scenario.id.replace(/[^\w.-]+/g, '-')}-group-${g.group}-${kind === 'dma' ? 'dma-iommu' : 'vfio'}`;
}

function resvAdds(rec: Recorder, m: Member): void {
  for (const r of m.regions) rec.add({ op: 'resv_add', start: r.start, length: r.length, type: r.type });
}

/** The doorbell allocations of iommu_dma_get_msi_page on the group's IOVA cookie. */
function recordDoorbells(rec: Recorder, a: Analysis, members: readonly Member[]): void {
  const domain = rec.state.domain;
  if (!domain) return;
  const shift = BigInt(domain.shift);
  // cookie_init_hw_msi_region: HW MSI pages are identity-mapped, never allocated.
  const cookie = new IovaCookie(domain);
  for (const r of members[0]!.regions) if (r.type === 'msi') cookie.addHwMsiRegion(r.start, add64(r.start, r.length));
  for (const m of members) {
    const doorbell = m.doorbell;
    if (doorbell === undefined) continue;
    const page = doorbell - (doorbell & (domain.granule - 1n));
    if (cookie.hwMsiIdentity(page) || cookie.pages.some((p) => p.phys === page)) continue;
    // Drivers set a 64-bit mask (U64_MAX); force_aperture clamps it to the aperture end.
    const limit = m.iommu.aperture.last;
    const pci32 = m.device.bus === 'pci' && !a.scenario.behaviour.forcedac;
    // One granule is below 32 pages, so alloc_iova_fast's rounding keeps it one page, size-aligned.
    const alloc = (limitPfn: bigint): string | undefined => rec.add({ op: 'iova_alloc', size: 1n, limitPfn, sizeAligned: true })[0];
    let printed = limit > DMA_BIT_MASK_32 && pci32 ? alloc(DMA_BIT_MASK_32 >> shift) : undefined;
    // A failed 32-bit try clears pci_32bit_workaround and retries with the full limit.
    if (printed === undefined || printed === 'alloc fail') printed = alloc(limit >> shift);
    const pfnLo = printed?.startsWith('alloc 0x') ? BigInt(printed.split(' ')[1]!) : undefined;
    if (pfnLo !== undefined) cookie.pages.push({ phys: page, iova: pfnLo << shift });
  }
}

function recordDma(a: Analysis, g: GroupAnalysis, members: readonly Member[]): Recording {
  const first = members[0]!;
  const { iommu, bridge, device } = first;
  const shift = log2Exact(iommu.granule);
  if (shift === undefined || iommu.granule > MAX_TRACE_GRANULE) {
    return { ok: false, reason: `the IOVA granule ${iommu.granule} cannot be written as iova-trace/1 (powers of two up to 64 KiB)` };
  }
  const rec = new Recorder();
  resvAdds(rec, first);
  // iommu_dma_init_domain: base_pfn = max(1, aperture_start >> order).
  const basePfn = iommu.aperture.start >> BigInt(shift);
  rec.add({ op: 'iova_init', granule: iommu.granule, startPfn: basePfn > 1n ? basePfn : 1n });
  if (device.bus === 'pci' && bridge) {
    const windows = bridge.windows.filter((w) => w.kind !== 'io').map((w) => ({ start: w.busStart, end: w.busStart + w.size - 1n }));
    const dmaRanges = bridge.dmaRanges.map((d) => ({ start: d.busStart, end: d.busStart + d.size - 1n }));
    // An -EINVAL here aborts the domain setup: the device keeps its platform DMA ops.
    if (rec.add({ op: 'dma_reserve_pci', windows, dmaRanges }).length > 0) return { ok: true, trace: rec.trace(traceName(a, g, 'dma')) };
  }
  rec.add({ op: 'dma_reserve_resv' });
  rec.add({ op: 'iova_show' });
  recordDoorbells(rec, a, members);
  rec.add({ op: 'iova_show' });
  return { ok: true, trace: rec.trace(traceName(a, g, 'dma')) };
}

function recordVfio(a: Analysis, g: GroupAnalysis, members: readonly Member[]): Recording {
  const rec = new Recorder();
  for (const m of members) resvAdds(rec, m);
  rec.add({ op: 'resv_show' });
  const { aperture } = members[0]!.iommu;
  rec.add({ op: 'vfio_aperture', start: aperture.start, end: aperture.last });
  rec.add({ op: 'vfio_exclude' });
  rec.add({ op: 'vfio_sw_msi' });
  return { ok: true, trace: rec.trace(traceName(a, g, 'vfio')) };
}

/** Record how the kernel built the dma-iommu domain or the VFIO ranges of `device`'s group. */
export function recordTrace(a: Analysis, device: string, kind: RecordingKind): Recording {
  const g = groupOfDevice(a, device);
  if (!g) return { ok: false, reason: `no device "${device}" in the scenario` };
  const members = groupMembers(a, g);
  if (typeof members === 'string') return { ok: false, reason: members };
  return kind === 'dma' ? recordDma(a, g, members) : recordVfio(a, g, members);
}
