/**
 * Per IOMMU group, everything the kernel derives from the devices' reserved regions, each piece
 * computed by the engine module that models the kernel file:
 * - the merged group list and its sysfs lines (iommu_get_group_resv_regions, resvRegions.ts);
 * - the dma-iommu default domain of the first device (iommu_dma_init_domain: PCI windows and
 *   dma-ranges gaps as bus addresses, then the per-device list; later devices of a shared domain
 *   contribute nothing, engine-spec §3a step 5) and where kernel drivers' MSI doorbells land;
 * - VFIO type1's valid ranges (aperture, then every region but DIRECT_RELAXABLE as a hole), its
 *   SW_MSI base and where it maps doorbells with the MSI cookie;
 * - iommufd's IOAS ranges after attaching every device.
 */
import { IovaCookie, MsiCookie, initDmaDomain, msiDoorbellIova, reserveIommuRegions, reservePciWindows } from '../engine/dmaIommu.ts';
import { groupResvRegions, resvLast, sysfsLine, type ResvRegion } from '../engine/resvRegions.ts';
import { U64_MAX, hex, log2Exact } from '../engine/u64.ts';
import { apertureResize, hasSwMsi, resvExclude } from '../engine/vfioType1.ts';
import type { Device, Scenario } from '../model/scenario.ts';
import type { DeviceKernel } from './deviceContext.ts';
import type { ProducedRegion } from './producers/index.ts';
import { iommufdRanges } from './iommufdView.ts';
import { defineLazy, once } from './lazy.ts';
import type { DerivedRegion, GroupAnalysis, MsiDoorbellMapping } from './types.ts';

/** Name and rule of each producer source string, to describe merged regions. */
export type Provenance = ReadonlyMap<string, { readonly name: string; readonly rule: string }>;

export function provenanceOf(contexts: Iterable<DeviceKernel>): Provenance {
  // The first region naming a source describes it; the region itself carries name and rule.
  const map = new Map<string, { readonly name: string; readonly rule: string }>();
  const add = (list: readonly ProducedRegion[]) => {
    for (const r of list) for (const src of r.sources) if (!map.has(src)) map.set(src, r);
  };
  for (const ctx of contexts) {
    add(ctx.mainline);
    add(ctx.series);
  }
  return map;
}

function derivedRegion(r: ResvRegion, provenance: Provenance): DerivedRegion {
  const sources = [...(r.sources ?? [])];
  const first = sources.length > 0 ? provenance.get(sources[0]!) : undefined;
  return { start: r.start, last: resvLast(r), type: r.type, name: first?.name ?? `${r.type} region`, sources, rule: first?.rule ?? '' };
}

/** The register the device's MSIs target (the model's doorbell is that register, not its page). */
function doorbellOf(ctx: DeviceKernel): bigint | undefined {
  return ctx.msiController?.doorbell.start;
}

/**
 * The mapping as iommu_dma_get_msi_page makes it: `pageSize` is the IOVA granule (IOVA cookie)
 * or PAGE_SIZE (MSI cookie); the device writes the page's IOVA plus the offset in the page.
 */
function doorbellMapping(device: string, doorbell: bigint, address: bigint, pageSize: bigint, cookie: MsiDoorbellMapping['cookie']): MsiDoorbellMapping {
  const offset = doorbell & (pageSize - 1n);
  return { device, doorbell, page: doorbell - offset, iova: address - offset, address, cookie };
}

/**
 * The group's default DMA domain, built from its first device (iommu_dma_init_domain). Whether
 * there is one (and the note when the PCI windows fail) is known after the PCI reservations;
 * the per-device regions and the doorbells, the costly part, come in `finish`, on first read.
 */
function dmaDomain(s: Scenario, first: DeviceKernel, members: readonly DeviceKernel[], notes: string[]) {
  const { iommu, bridge, device } = first;
  if (log2Exact(iommu.granule) === undefined) return undefined;
  const domain = initDmaDomain(iommu.granule, iommu.aperture);
  if (device.bus === 'pci' && bridge) {
    const windows = bridge.windows.filter((w) => w.kind !== 'io').map((w) => ({ start: w.busStart, end: w.busStart + w.size - 1n }));
    const dmaRanges = bridge.dmaRanges.map((d) => ({ start: d.busStart, end: d.busStart + d.size - 1n }));
    const pci = reservePciWindows(domain, windows, dmaRanges);
    if (!pci.ok) {
      // iommu_setup_dma_ops: "Failed to set up IOMMU for device; retaining platform DMA ops".
      notes.push(`${device.name}: overlapping dma-ranges, "Failed to reserve IOVA [${hex(pci.start)}-${hex(pci.end)}]": no DMA domain`);
      return undefined;
    }
  }
  return once(() => {
    const cookie = new IovaCookie(domain);
    reserveIommuRegions(domain, first.mainline, cookie);
    const doorbells: MsiDoorbellMapping[] = [];
    for (const ctx of members) {
      const doorbell = doorbellOf(ctx);
      if (doorbell === undefined) continue;
      const state = { pci32bitWorkaround: ctx.device.bus === 'pci' && !s.behaviour.forcedac, forceApertureEnd: ctx.iommu.aperture.last };
      // Drivers normally set a 64-bit DMA mask; dma-iommu still tries below 4 GiB first for PCI.
      const iova = msiDoorbellIova(cookie, doorbell, { dmaMask: U64_MAX, state });
      if (iova !== undefined) doorbells.push(doorbellMapping(ctx.device.id, doorbell, iova, iommu.granule, 'iova'));
    }
    return { dma: { granule: iommu.granule, nodes: domain.nodes() }, doorbells };
  });
}

/** VFIO type1 with the MSI cookie at the SW_MSI base: doorbells at base, base + PAGE_SIZE, … */
function vfioDoorbells(base: bigint | undefined, members: readonly DeviceKernel[]): MsiDoorbellMapping[] {
  if (base === undefined) return [];
  const cookie = new MsiCookie(base);
  const out: MsiDoorbellMapping[] = [];
  for (const ctx of members) {
    const doorbell = doorbellOf(ctx);
    const iova = doorbell === undefined ? undefined : msiDoorbellIova(cookie, doorbell);
    if (doorbell !== undefined && iova !== undefined) out.push(doorbellMapping(ctx.device.id, doorbell, iova, cookie.pageSize, 'msi'));
  }
  return out;
}

/**
 * The group's analysis. Only the group and its devices are set at once (plus the DMA domain's
 * notes); every other field is computed on first read (lazy.ts): policies and valid windows do
 * not read them, and a cold analysis of 10,000 regions would otherwise spend most of its time here.
 */
export function deriveGroup(
  s: Scenario,
  group: string,
  devices: readonly Device[],
  contexts: ReadonlyMap<string, DeviceKernel>,
  provenance: () => Provenance,
  notes: string[],
): GroupAnalysis {
  const merged = once(() => groupResvRegions(devices.map((d) => contexts.get(d.id)?.mainline)));
  const base = { group, devices: devices.map((d) => d.id) } as GroupAnalysis;
  const presentation = {
    reservedRegions: () => merged().map((r) => derivedRegion(r, provenance())),
    sysfs: () => merged().map(sysfsLine),
  };
  // iommu_get_group_resv_regions stops at the first device without an IOMMU; such a group is not
  // IOMMU-backed for VFIO either.
  const first = contexts.get(devices[0]?.id ?? '');
  if (!first) return defineLazy(base, { ...presentation, vfioRanges: () => [], iommufdRanges: () => [], msiDoorbells: () => [] });
  const members = devices.flatMap((d) => contexts.get(d.id) ?? []);
  const { aperture } = first.iommu;
  const swMsiBase = once(() => hasSwMsi(merged()));
  const dma = dmaDomain(s, first, members, notes);
  const iommufd = once(() => iommufdRanges(first.iommu, members));
  return defineLazy(base, {
    ...presentation,
    vfioRanges: () => resvExclude(apertureResize([], aperture.start, aperture.last), merged()),
    swMsiBase,
    iommufdRanges: () => iommufd().ranges,
    iommufdError: () => iommufd().error,
    ...(dma ? { dmaDomain: () => dma().dma } : {}),
    msiDoorbells: () => [...(dma?.().doorbells ?? []), ...vfioDoorbells(swMsiBase(), members)],
  });
}
