/**
 * apple_dart_get_resv_regions (drivers/iommu/apple-dart.c, 6.x; engine-spec §2.5): for PCI devices
 * (CONFIG_PCIE_APPLE) one IOMMU_RESV_MSI page at CONFIG_PCIE_APPLE_MSI_DOORBELL_ADDR & PAGE_MASK,
 * then iommu_dma_get_resv_regions. The address is the Kconfig default of
 * PCIE_APPLE_MSI_DOORBELL_ADDR, 0xfffff000 (drivers/pci/controller/Kconfig, checked in the patch
 * that added the Apple PCIe driver and in distribution configs; pcie-apple.c: "by convention
 * matches what MacOS does"); the IOMMU granule stands in for PAGE_SIZE.
 */
import { PROT } from '../../engine/resvRegions.ts';
import { iommuDmaResvRegions } from './dmaResv.ts';
import { produced, type ProducedRegion, type ProducerContext } from './types.ts';

export const APPLE_MSI_DOORBELL = 0xfffff000n;

export function appleDartResvRegions(ctx: ProducerContext): ProducedRegion[] {
  const page = ctx.iommu.granule;
  const msi = ctx.device.bus === 'pci'
    ? [produced(APPLE_MSI_DOORBELL & ~(page - 1n), page, PROT.WRITE | PROT.NOEXEC | PROT.MMIO, 'msi', 'PCIe MSI doorbell page',
        'hardware MSI doorbell of the Apple PCIe controller (Kconfig default PCIE_APPLE_MSI_DOORBELL_ADDR)',
        'apple_dart_get_resv_regions: CONFIG_PCIE_APPLE_MSI_DOORBELL_ADDR')]
    : [];
  return [...msi, ...iommuDmaResvRegions(ctx)];
}
