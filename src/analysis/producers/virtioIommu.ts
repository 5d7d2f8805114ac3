/**
 * viommu_get_resv_regions (drivers/iommu/virtio-iommu.c, 6.x; engine-spec §2.5): the regions the
 * device reported in PROBE (RESV_MEM subtype RESERVED → IOMMU_RESV_RESERVED, MSI → IOMMU_RESV_MSI),
 * then, only if none of them is an MSI region, the SW_MSI window at MSI_IOVA_BASE; then
 * iommu_dma_get_resv_regions. Prot of the copied regions is not visible anywhere (sysfs omits it
 * and nothing merges across types); the values here are plausible, not verified.
 */
import { MSI_IOVA_BASE, MSI_IOVA_LENGTH, SW_MSI_PROT, PROT } from '../../engine/resvRegions.ts';
import { iommuDmaResvRegions } from './dmaResv.ts';
import { lengthOf, produced, type ProducedRegion, type ProducerContext } from './types.ts';

export function virtioIommuResvRegions(ctx: ProducerContext): ProducedRegion[] {
  const probed = (ctx.iommu.probeRegions ?? []).map((r) => {
    const type = r.type === 'msi' ? 'msi' : 'reserved';
    return produced(r.start, lengthOf(r), type === 'msi' ? PROT.WRITE | PROT.MMIO : PROT.READ | PROT.WRITE, type, r.name,
      type === 'msi' ? 'PROBE RESV_MEM subtype MSI: IOMMU_RESV_MSI' : 'PROBE RESV_MEM subtype RESERVED: IOMMU_RESV_RESERVED',
      `viommu_get_resv_regions: PROBE ${r.name}`);
  });
  const swMsi = probed.some((r) => r.type === 'msi')
    ? []
    : [produced(MSI_IOVA_BASE, MSI_IOVA_LENGTH, SW_MSI_PROT, 'sw-msi', 'SW_MSI window (MSI_IOVA_BASE)',
        'added because the device reported no MSI region in PROBE', 'viommu_get_resv_regions: MSI_IOVA_BASE')];
  return [...probed, ...swMsi, ...iommuDmaResvRegions(ctx)];
}
