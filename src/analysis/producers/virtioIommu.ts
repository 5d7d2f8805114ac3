/**
 * viommu_get_resv_regions (drivers/iommu/virtio-iommu.c; engine-spec §2.5): the regions the device
 * reported in PROBE, then, only if none of them is an MSI region, the SW_MSI window at
 * MSI_IOVA_BASE; then iommu_dma_get_resv_regions. The PROBE regions come as viommu_add_resv_mem
 * made them (checked in Linux v6.17-rc3 and in the 2021 patch that sorted the list): subtype MSI →
 * IOMMU_RESV_MSI with prot WRITE|NOEXEC|MMIO; RESERVED, or any unknown subtype → IOMMU_RESV_RESERVED
 * with prot 0; each inserted before the first region that starts higher, so the list is sorted by
 * start and equal starts keep the device's order.
 */
import { MSI_IOVA_BASE, MSI_IOVA_LENGTH, SW_MSI_PROT } from '../../engine/resvRegions.ts';
import { iommuDmaResvRegions } from './dmaResv.ts';
import { lengthOf, produced, type ProducedRegion, type ProducerContext } from './types.ts';

export function virtioIommuResvRegions(ctx: ProducerContext): ProducedRegion[] {
  const inDeviceOrder = (ctx.iommu.probeRegions ?? []).map((r) => {
    const type = r.type === 'msi' ? 'msi' : 'reserved';
    return produced(r.start, lengthOf(r), type === 'msi' ? SW_MSI_PROT : 0, type, r.name,
      type === 'msi' ? 'PROBE RESV_MEM subtype MSI: IOMMU_RESV_MSI' : 'PROBE RESV_MEM subtype RESERVED: IOMMU_RESV_RESERVED',
      `viommu_get_resv_regions: PROBE ${r.name}`);
  });
  // Array.prototype.sort is stable: equal starts keep the order the device reported them in.
  const probed = inDeviceOrder.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const swMsi = probed.some((r) => r.type === 'msi')
    ? []
    : [produced(MSI_IOVA_BASE, MSI_IOVA_LENGTH, SW_MSI_PROT, 'sw-msi', 'SW_MSI window (MSI_IOVA_BASE)',
        'added because the device reported no MSI region in PROBE', 'viommu_get_resv_regions: MSI_IOVA_BASE')];
  return [...probed, ...swMsi, ...iommuDmaResvRegions(ctx)];
}
