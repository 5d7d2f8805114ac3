/**
 * Per-device reserved regions, exactly as the device's IOMMU driver builds them (unsorted,
 * unmerged, driver order), with provenance. `variant` picks the kernel: mainline v6.17, or
 * Shyam Saini's v4 series (2/4: PCI endpoints inherit the host bridge's DT node; 3/4+4/4: SW_MSI
 * at the first free candidate, placed after the firmware regions).
 */
import type { Device, Iommu, Scenario } from '../../model/scenario.ts';
import { appleDartResvRegions } from './appleDart.ts';
import { seriesSwMsi, smmuResvRegions, smmuResvRegionsSeriesV4 } from './smmu.ts';
import { produced, type ProducedRegion, type ProducerContext } from './types.ts';
import { virtioIommuResvRegions } from './virtioIommu.ts';
import { amdResvRegions, intelResvRegions } from './x86.ts';

export type KernelVariant = 'mainline' | 'series-v4';
export type { ProducedRegion } from './types.ts';

/** The IOMMU a device sits behind: its own, else its host bridge's iommu-map target. */
export function deviceIommu(s: Scenario, device: Device): Iommu | undefined {
  const bridge = s.hostBridges.find((b) => b.id === device.hostBridge);
  const id = device.iommu ?? bridge?.iommu;
  return id === undefined ? undefined : s.iommus.find((m) => m.id === id);
}

/** A group's reserved_regions read from an upload: the kernel's answer, taken verbatim. */
function observedResvRegions(device: Device, variant: KernelVariant): ProducedRegion[] {
  const observed = (device.observedRegions ?? []).map((r) =>
    produced(r.start, r.last - r.start + 1n, 0, r.type, `${r.type} region (read)`, r.inferred ?? 'read verbatim from reserved_regions',
      `reserved_regions of group ${device.group} (uploaded dump)`),
  );
  if (variant === 'mainline' || !observed.some((r) => r.type === 'sw-msi')) return observed;
  // Re-derive the series' choice on top of the firmware regions the dump shows.
  const dma = observed.filter((r) => r.type !== 'sw-msi');
  const swMsi = seriesSwMsi(dma, 'applied to the uploaded regions');
  return swMsi ? [...dma, swMsi] : dma;
}

/** undefined = the device has no IOMMU (its group's file is empty). */
export function deviceResvRegions(s: Scenario, device: Device, variant: KernelVariant = 'mainline'): ProducedRegion[] | undefined {
  if (device.observedRegions !== undefined) return observedResvRegions(device, variant);
  const iommu = deviceIommu(s, device);
  if (!iommu) return undefined;
  const bridge = s.hostBridges.find((b) => b.id === device.hostBridge);
  const ctx: ProducerContext = {
    scenario: s,
    device,
    iommu,
    ...(bridge ? { bridge } : {}),
    dtReachesPci: variant === 'series-v4' || s.behaviour.dtReservationsReachPci,
  };
  switch (iommu.kind) {
    case 'smmu-v3':
    case 'smmu-v2':
      return variant === 'series-v4' ? smmuResvRegionsSeriesV4(ctx) : smmuResvRegions(ctx);
    case 'virtio-iommu':
      return virtioIommuResvRegions(ctx);
    case 'intel-vtd':
      return intelResvRegions(ctx);
    case 'amd-vi':
      return amdResvRegions(ctx);
    case 'apple-dart':
      return appleDartResvRegions(ctx);
  }
}
