/**
 * The synthetic 10,000-region scenario of the browser benchmark (issue 4, "Speed"): a QEMU-virt-like
 * Arm platform (GICv3 ITS, SMMUv3, guest RAM at 0x40000000) with 5,000 regions in its physical map
 * and 5,000 reserved-memory `iommu-addresses` reservations on one platform device. Each reservation
 * becomes a reserved region, a dma-iommu reservation and a hole in the VFIO and iommufd ranges, so
 * every lane of the map holds thousands of items. One reservation sits on 0x08000000, so dragging
 * the window across the low map passes in and out of conflicts.
 */
import { MAINLINE_BEHAVIOUR, SCENARIO_SCHEMA, type FirmwareReservation, type PhysRegion, type Scenario } from '../../src/model/scenario.ts';

export const PHYSICAL = 5000;
export const RESERVATIONS = 5000;

export function bigScenario(): Scenario {
  const physicalMap: PhysRegion[] = [
    { name: 'GICv3 ITS', kind: 'msi-doorbell', start: 0x0808_0000n, last: 0x0809_ffffn },
    { name: 'RAM', kind: 'ram', start: 0x4000_0000n, last: 0xbfff_ffffn },
  ];
  for (let i = physicalMap.length; i < PHYSICAL; i++) {
    // 64 KiB MMIO frames every 16 MiB above 4 GiB, with a few larger ones.
    const start = 0x1_0000_0000n + BigInt(i) * 0x100_0000n;
    physicalMap.push({ name: `mmio${i}`, kind: i % 10 === 0 ? 'pcie-mmio' : 'mmio', start, last: start + (i % 10 === 0 ? 0x7f_ffffn : 0xffffn) });
  }
  const firmwareReservations: FirmwareReservation[] = [];
  for (let i = 0; i < RESERVATIONS; i++) {
    // The first on the SW_MSI base; then 64 KiB every 48 MiB from 0xc0000000 on.
    const start = i === 0 ? 0x0800_0000n : 0xc000_0000n + BigInt(i) * 0x300_0000n;
    firmwareReservations.push({ id: `r${i}`, name: `rsv${i}`, kind: 'dt-iommu-addresses', start, last: start + 0xffffn, appliesTo: ['dev0'] });
  }
  return {
    schema: SCENARIO_SCHEMA,
    id: 'bench-10k',
    name: 'Synthetic: 10,000 regions (benchmark)',
    version: 1,
    sources: [],
    physicalMap,
    iommus: [{ id: 'smmu', name: 'SMMUv3', kind: 'smmu-v3', aperture: { start: 0n, last: 0xffff_ffff_ffffn }, granule: 0x1000n }],
    hostBridges: [],
    msiControllers: [{ id: 'its', name: 'GICv3 ITS', kind: 'gicv3-its', doorbell: { start: 0x0809_0000n, last: 0x0809_0fffn }, isolated: true }],
    devices: [
      {
        id: 'dev0',
        name: 'dma@9000000 (platform device with 5,000 reservations)',
        bus: 'platform',
        iommu: 'smmu',
        group: 'dev0',
        hasOfNode: true,
        memoryRegions: firmwareReservations.map((r) => r.id),
      },
    ],
    firmwareReservations,
    behaviour: MAINLINE_BEHAVIOUR,
    guest: { layout: 'qemu-virt', regions: [{ name: 'guest RAM', kind: 'ram', start: 0x4000_0000n, size: 0x4000_0000n }] },
  };
}
