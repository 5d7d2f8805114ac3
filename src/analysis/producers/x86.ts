/**
 * The x86 contrast (engine-spec §2.5): hardware MSI windows the IOMMU does not translate, so no
 * SW_MSI and no window to choose.
 *
 * intel_iommu_get_resv_regions: each RMRR whose device scope lists the device (or a bridge above
 * it) → DIRECT, or DIRECT_RELAXABLE for USB/graphics (device_rmrr_is_relaxable; modelled by the
 * reservation's explicit type or remapPermitted); then IOAPIC_RANGE 0xfee00000–0xfeefffff as
 * IOMMU_RESV_MSI, prot 0.
 *
 * amd_iommu_get_resv_regions: IVMD unity maps → DIRECT (exclusion ranges → RESERVED, from the
 * reservation's type); MSI_RANGE 0xfee00000–0xfeefffff as IOMMU_RESV_MSI; HT_RANGE
 * 0xfd00000000–0xffffffffff as IOMMU_RESV_RESERVED. Prot of the two fixed AMD regions is not
 * visible anywhere (sysfs prints none, nothing merges with them); 0 here.
 */
import { PROT } from '../../engine/resvRegions.ts';
import { appliesToDevice, lengthOf, produced, type ProducedRegion, type ProducerContext } from './types.ts';

export const X86_MSI_START = 0xfee00000n;
export const X86_MSI_LENGTH = 0x100000n;
export const AMD_HT_START = 0xfd00000000n;
export const AMD_HT_LENGTH = 0x300000000n; // through 0xffffffffff

export function intelResvRegions(ctx: ProducerContext): ProducedRegion[] {
  const rmrrs = ctx.scenario.firmwareReservations.filter((r) => r.kind === 'vtd-rmrr' && appliesToDevice(r, ctx.device));
  return [
    ...rmrrs.map((r) => {
      const relaxable = r.type === 'direct-relaxable' || r.remapPermitted === true;
      return produced(r.start, lengthOf(r), PROT.READ | PROT.WRITE, relaxable ? 'direct-relaxable' : 'direct', r.name,
        relaxable ? 'RMRR of a USB/graphics device: IOMMU_RESV_DIRECT_RELAXABLE' : 'RMRR: IOMMU_RESV_DIRECT',
        `intel_iommu_get_resv_regions: DMAR RMRR ${r.name}`);
    }),
    produced(X86_MSI_START, X86_MSI_LENGTH, 0, 'msi', 'IOAPIC/MSI range', 'hardware MSI window, not translated by VT-d',
      'intel_iommu_get_resv_regions: IOAPIC_RANGE_START..IOAPIC_RANGE_END'),
  ];
}

export function amdResvRegions(ctx: ProducerContext): ProducedRegion[] {
  const ivmds = ctx.scenario.firmwareReservations.filter((r) => r.kind === 'amd-ivmd' && appliesToDevice(r, ctx.device));
  return [
    ...ivmds.map((r) => {
      const type = r.type ?? 'direct';
      return produced(r.start, lengthOf(r), PROT.READ | PROT.WRITE, type, r.name,
        type === 'reserved' ? 'IVMD exclusion range: IOMMU_RESV_RESERVED' : `IVMD unity map: IOMMU_RESV_${type === 'direct' ? 'DIRECT' : 'DIRECT_RELAXABLE'}`,
        `amd_iommu_get_resv_regions: IVMD ${r.name}`);
    }),
    produced(X86_MSI_START, X86_MSI_LENGTH, 0, 'msi', 'MSI range', 'hardware MSI window, not translated by AMD-Vi',
      'amd_iommu_get_resv_regions: MSI_RANGE_START..MSI_RANGE_END'),
    produced(AMD_HT_START, AMD_HT_LENGTH, 0, 'reserved', 'HyperTransport hole', 'HT_RANGE reserved for HyperTransport',
      'amd_iommu_get_resv_regions: HT_RANGE_START..HT_RANGE_END'),
  ];
}
