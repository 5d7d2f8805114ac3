/**
 * iommu_dma_get_resv_regions (drivers/iommu/dma-iommu.c, v6.17-rc3; engine-spec §2.2): the
 * firmware part every Arm IOMMU driver appends. ACPI (IORT) on ACPI systems, of_iommu when the
 * device has a DT node. PCI windows and dma-ranges gaps are NOT reported here (commit cd2c9fcf5c66
 * moved them into dma-iommu's private reservations).
 */
import { iortResvRegions } from './iort.ts';
import { ofIommuResvRegions } from './ofIommu.ts';
import { bootsWithAcpi, type ProducedRegion, type ProducerContext } from './types.ts';

export function iommuDmaResvRegions(ctx: ProducerContext): ProducedRegion[] {
  // Under ACPI no device has an of_node, so exactly one of the two runs.
  return bootsWithAcpi(ctx.scenario) ? iortResvRegions(ctx) : ofIommuResvRegions(ctx);
}
