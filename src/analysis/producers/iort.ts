/**
 * iort_iommu_get_resv_regions (drivers/acpi/arm64/iort.c, v6.17-rc3; engine-spec §2.4).
 *
 * 1. The HiSilicon HI161X MSI-bypass quirk (SMMUv3 only): IOMMU_RESV_MSI windows at ITS base + 64K.
 * 2. RMR descriptors whose ID mapping covers the device's stream IDs: DIRECT_RELAXABLE when the
 *    RMR has ACPI_IORT_RMR_REMAP_PERMITTED, else DIRECT. A reservation naming the host bridge
 *    stands for an RMR that covers its endpoints (the kernel requires preserve_config for PCI).
 */
import { PROT } from '../../engine/resvRegions.ts';
import { appliesToDevice, lengthOf, memoPerScenario, produced, type ProducedRegion, type ProducerContext } from './types.ts';

/**
 * Per device, the same under both kernel variants (ctx.iommu is always the device's own,
 * deviceIommu): built once per scenario.
 */
const iortMemo = memoPerScenario<object, readonly ProducedRegion[]>();

export function iortResvRegions(ctx: ProducerContext): ProducedRegion[] {
  return [...iortMemo(ctx.scenario, ctx.device, () => deviceIortRegions(ctx))];
}

function deviceIortRegions(ctx: ProducerContext): ProducedRegion[] {
  const mine = ctx.scenario.firmwareReservations.filter((r) => appliesToDevice(r, ctx.device));
  const quirk = ctx.iommu.kind === 'smmu-v3' ? mine.filter((r) => r.kind === 'iort-msi-quirk') : [];
  const rmrs = mine.filter((r) => r.kind === 'iort-rmr');
  return [
    ...quirk.map((r) =>
      produced(r.start, lengthOf(r), PROT.WRITE | PROT.NOEXEC | PROT.MMIO, 'msi', r.name,
        'HiSilicon HI161X ITS bypass: IOMMU_RESV_MSI (iort_iommu_msi_get_resv_regions)',
        `iort_iommu_get_resv_regions: HI161X MSI quirk ${r.name}`),
    ),
    ...rmrs.map((r) =>
      produced(r.start, lengthOf(r), PROT.READ | PROT.WRITE, r.remapPermitted ? 'direct-relaxable' : 'direct', r.name,
        r.remapPermitted ? 'RMR with REMAP_PERMITTED: IOMMU_RESV_DIRECT_RELAXABLE' : 'RMR without REMAP_PERMITTED: IOMMU_RESV_DIRECT',
        `iort_iommu_get_resv_regions: IORT RMR ${r.name}`),
    ),
  ];
}
