/**
 * Hand-built scenarios for the analysis tests, each value taken from a fact in /work/shared
 * (section cited next to it), never from the analysis' own output. Kept apart from the built-in
 * platform files so the tests pin the kernel rules even if a platform file changes.
 */
import { MAINLINE_BEHAVIOUR, SCENARIO_SCHEMA, type FirmwareReservation, type HostBridge, type Iommu, type Scenario } from '../model/scenario.ts';

const GiB = 0x40000000n;

export function baseScenario(over: Partial<Scenario>): Scenario {
  return {
    schema: SCENARIO_SCHEMA,
    id: 'test',
    name: 'test',
    sources: [],
    physicalMap: [],
    iommus: [],
    hostBridges: [],
    msiControllers: [],
    devices: [],
    firmwareReservations: [],
    behaviour: MAINLINE_BEHAVIOUR,
    ...over,
  };
}

/** engine-spec §5.1: SMMUv3 stage-1 aperture [0, 2^48-1], 4K granule. */
export const SMMUV3: Iommu = { id: 'smmu', name: 'SMMUv3', kind: 'smmu-v3', aperture: { start: 0n, last: 0xffff_ffff_ffffn }, granule: 0x1000n };

/** QEMU virt guest map: RAM from 0x40000000 (engine-spec §5.1, hw/arm/virt.c base_memmap). */
export function virtGuest(ramSize: bigint): Scenario['guest'] {
  return { layout: 'qemu-virt', regions: [{ name: 'guest RAM', kind: 'ram', start: GiB, size: ramSize }] };
}

/**
 * QEMU virt with GICv3/ITS and SMMUv3, one PCI device (engine-spec §5.1). PCIe MMIO
 * 0x10000000 size 0x2eff0000, PIO 0x3eff0000 (64K), high MMIO 0x8000000000 size 0x8000000000 and
 * no dma-ranges: samples/qemu-virt-gicv2-smmuv3-3g.dts, pcie@10000000 `ranges`.
 * ITS at 0x08080000, 128K; GITS_TRANSLATER in the page at 0x08090000 (§5.1).
 */
export function qemuVirt(ramSize = GiB): Scenario {
  return baseScenario({
    id: 'test-qemu-virt',
    physicalMap: [
      { name: 'flash', kind: 'flash', start: 0n, last: 0x7ffffffn },
      { name: 'GIC distributor', kind: 'interrupt-controller', start: 0x8000000n, last: 0x800ffffn },
      { name: 'GIC ITS', kind: 'msi-doorbell', start: 0x8080000n, last: 0x809ffffn },
      { name: 'PCIe MMIO', kind: 'pcie-mmio', start: 0x10000000n, last: 0x3efeffffn },
      { name: 'RAM', kind: 'ram', start: GiB, last: GiB + ramSize - 1n },
    ],
    iommus: [SMMUV3],
    hostBridges: [
      {
        id: 'pcie',
        name: 'pcie@10000000',
        windows: [
          { kind: 'io', cpuStart: 0x3eff0000n, busStart: 0n, size: 0x10000n },
          { kind: 'mem', cpuStart: 0x10000000n, busStart: 0x10000000n, size: 0x2eff0000n },
          { kind: 'mem-prefetch', cpuStart: 0x8000000000n, busStart: 0x8000000000n, size: 0x8000000000n },
        ],
        dmaRanges: [],
        iommu: 'smmu',
        msiController: 'its',
      },
    ],
    msiControllers: [{ id: 'its', name: 'GICv3 ITS', kind: 'gicv3-its', doorbell: { start: 0x8090040n, last: 0x8090043n }, isolated: true }],
    devices: [{ id: 'nic', name: '0000:00:01.0', bus: 'pci', hostBridge: 'pcie', iommu: 'smmu', group: '0', hasOfNode: false }],
    guest: virtGuest(ramSize),
  });
}

/**
 * engine-spec §5.2 / §4.4 (v4 3/4 commit message): reserved-memory `faulty_iova` with
 * iommu-addresses 0x8000000 + 1 MiB and no `reg`, referenced by the host bridge's
 * memory-region (case a) or by the endpoint's own DT node (case b).
 */
export function dtOverlap(where: 'host-bridge' | 'endpoint', ramSize = GiB): Scenario {
  const virt = qemuVirt(ramSize);
  const faulty: FirmwareReservation = {
    id: 'faulty_iova',
    name: 'resv_faulty',
    kind: 'dt-iommu-addresses',
    start: 0x8000000n,
    last: 0x80fffffn,
    appliesTo: [where === 'host-bridge' ? 'pcie' : 'nic'],
  };
  const bridge: HostBridge = { ...virt.hostBridges[0]!, ...(where === 'host-bridge' ? { memoryRegions: ['faulty_iova'] } : {}) };
  const nic = virt.devices[0]!;
  return {
    ...virt,
    id: `test-dt-overlap-${where}`,
    hostBridges: [bridge],
    devices: [where === 'endpoint' ? { ...nic, hasOfNode: true, memoryRegions: ['faulty_iova'] } : nic],
    firmwareReservations: [faulty],
  };
}

/**
 * Arm Juno PCIe (engine-spec §5.3, juno-base.dtsi v6.17-rc3): windows I/O bus 0 → CPU 0x5f800000
 * 8 MiB, MEM 0x50000000 128 MiB, MEM64 prefetchable 0x4000000000 4 GiB; dma-ranges 0x80000000
 * 2 GiB and 0x800000000 8 GiB; msi-parent GICv2m frame 0x2c1c0000 (not isolated, [uncertain]);
 * MMU-401 (SMMU v1) with a 32-bit aperture; all endpoints stream ID 0 → one group.
 */
export function juno(): Scenario {
  return baseScenario({
    id: 'test-juno',
    physicalMap: [
      { name: 'GICv2m frame 0', kind: 'msi-doorbell', start: 0x2c1c0000n, last: 0x2c1c0fffn },
      { name: 'PCIe ECAM', kind: 'pcie-ecam', start: 0x40000000n, last: 0x4fffffffn },
      { name: 'PCIe MEM', kind: 'pcie-mmio', start: 0x50000000n, last: 0x57ffffffn },
      { name: 'DRAM', kind: 'ram', start: 0x80000000n, last: 0xfeffffffn },
    ],
    iommus: [{ id: 'smmu_pcie', name: 'MMU-401 (PCIe)', kind: 'smmu-v2', aperture: { start: 0n, last: 0xffffffffn }, granule: 0x1000n }],
    hostBridges: [
      {
        id: 'pcie',
        name: 'pcie@40000000',
        windows: [
          { kind: 'io', cpuStart: 0x5f800000n, busStart: 0n, size: 0x800000n },
          { kind: 'mem', cpuStart: 0x50000000n, busStart: 0x50000000n, size: 0x8000000n },
          { kind: 'mem-prefetch', cpuStart: 0x4000000000n, busStart: 0x4000000000n, size: 0x100000000n },
        ],
        dmaRanges: [
          { busStart: 0x80000000n, cpuStart: 0x80000000n, size: 0x80000000n },
          { busStart: 0x800000000n, cpuStart: 0x800000000n, size: 0x200000000n },
        ],
        iommu: 'smmu_pcie',
        msiController: 'v2m',
      },
    ],
    msiControllers: [{ id: 'v2m', name: 'GICv2m frame 0', kind: 'gicv2m', doorbell: { start: 0x2c1c0040n, last: 0x2c1c0043n }, isolated: false }],
    devices: [
      { id: 'ep0', name: 'PCIe endpoint', bus: 'pci', hostBridge: 'pcie', iommu: 'smmu_pcie', group: '0', hasOfNode: false },
      { id: 'ep1', name: 'PCIe endpoint 2', bus: 'pci', hostBridge: 'pcie', iommu: 'smmu_pcie', group: '0', hasOfNode: false },
    ],
    guest: virtGuest(GiB),
  });
}
