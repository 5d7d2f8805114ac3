import { describe, expect, it } from 'vitest';
import { PROT } from '../../engine/resvRegions.ts';
import type { Device, FirmwareReservation, Iommu, Scenario } from '../../model/scenario.ts';
import { SMMUV3, baseScenario, dtOverlap, juno, qemuVirt } from '../fixtures.ts';
import { deviceResvRegions, type ProducedRegion } from './index.ts';

/** [start, length, type, prot] of each region, in the order produced. */
function shape(list: readonly ProducedRegion[] | undefined) {
  return list?.map((r) => [r.start, r.length, r.type, r.prot]);
}

const SW_MSI_PROT = 0x1a; // IOMMU_WRITE|IOMMU_NOEXEC|IOMMU_MMIO (engine-spec §2.1, App. B)
const RW = 0x3; // IOMMU_READ|IOMMU_WRITE (§2.3, §2.4)

function withDevice(s: Scenario, over: Partial<Device>): Scenario {
  return { ...s, devices: [{ ...s.devices[0]!, ...over }] };
}

describe('Arm SMMU producers (engine-spec §2.1)', () => {
  it('QEMU virt PCI device: just the SW_MSI window at 0x8000000, 1 MiB (§5.1)', () => {
    const s = qemuVirt();
    expect(shape(deviceResvRegions(s, s.devices[0]!))).toEqual([[0x8000000n, 0x100000n, 'sw-msi', SW_MSI_PROT]]);
  });

  it('SMMU v1/v2 (Juno MMU-401) adds the same window (§5.3)', () => {
    const s = juno();
    const list = deviceResvRegions(s, s.devices[0]!)!;
    expect(shape(list)).toEqual([[0x8000000n, 0x100000n, 'sw-msi', SW_MSI_PROT]]);
    expect(list[0]!.sources[0]).toContain('arm_smmu_get_resv_regions (SMMU v1/v2 driver');
  });

  it('reservation on the host bridge never reaches a PCI endpoint in mainline (§5.2a)', () => {
    const s = dtOverlap('host-bridge');
    expect(shape(deviceResvRegions(s, s.devices[0]!))).toEqual([[0x8000000n, 0x100000n, 'sw-msi', SW_MSI_PROT]]);
  });

  it('endpoint DT node: SW_MSI first, then of_iommu RESERVED (no reg) (§5.2b)', () => {
    const s = dtOverlap('endpoint');
    const list = deviceResvRegions(s, s.devices[0]!)!;
    expect(shape(list)).toEqual([
      [0x8000000n, 0x100000n, 'sw-msi', SW_MSI_PROT],
      [0x8000000n, 0x100000n, 'reserved', RW],
    ]);
    expect(list[1]!.sources[0]).toContain('of_iommu_get_resv_regions: reserved-memory resv_faulty');
  });

  it('behaviour.dtReservationsReachPci lets the host bridge node reach endpoints (v4 2/4)', () => {
    const s0 = dtOverlap('host-bridge');
    const s = { ...s0, behaviour: { ...s0.behaviour, dtReservationsReachPci: true } };
    expect(shape(deviceResvRegions(s, s.devices[0]!))?.map((r) => r[2])).toEqual(['sw-msi', 'reserved']);
  });

  it('iommu-addresses equal to reg → DIRECT, different → RESERVED (iommu_resv_region_get_type, §2.3)', () => {
    const s0 = dtOverlap('endpoint');
    const r = s0.firmwareReservations[0]!;
    const direct = { ...s0, firmwareReservations: [{ ...r, reg: { start: r.start, last: r.last } }] };
    const moved = { ...s0, firmwareReservations: [{ ...r, reg: { start: 0x90000000n, last: 0x900fffffn } }] };
    expect(deviceResvRegions(direct, direct.devices[0]!)![1]!.type).toBe('direct');
    expect(deviceResvRegions(moved, moved.devices[0]!)![1]!.type).toBe('reserved');
  });

  it('of_iommu needs both the memory-region phandle and an iommu-addresses tuple naming the node', () => {
    const s0 = dtOverlap('endpoint');
    const noPhandle = withDevice(s0, { memoryRegions: [] });
    const otherNode = { ...s0, firmwareReservations: [{ ...s0.firmwareReservations[0]!, appliesTo: ['someone-else'] }] };
    expect(deviceResvRegions(noPhandle, noPhandle.devices[0]!)).toHaveLength(1);
    expect(deviceResvRegions(otherNode, otherNode.devices[0]!)).toHaveLength(1);
  });

  it('device without an IOMMU → undefined', () => {
    const s0 = qemuVirt();
    const s = { ...withDevice(s0, { iommu: undefined }), hostBridges: [{ ...s0.hostBridges[0]!, iommu: undefined }] };
    expect(deviceResvRegions(s, s.devices[0]!)).toBeUndefined();
  });
});

describe('series v4 SMMU producer (engine-spec §4.4)', () => {
  it('firmware regions first, then SW_MSI at 0xa0000000 when 0x8000000 intersects (§5.2 "With Shyam\'s v4")', () => {
    const s = dtOverlap('host-bridge'); // 2/4 makes the host bridge's reservation reach the endpoint
    expect(shape(deviceResvRegions(s, s.devices[0]!, 'series-v4'))).toEqual([
      [0x8000000n, 0x100000n, 'reserved', RW],
      [0xa0000000n, 0x100000n, 'sw-msi', SW_MSI_PROT],
    ]);
  });

  it('keeps 0x8000000 when nothing intersects, placed after the firmware regions', () => {
    const s0 = dtOverlap('endpoint');
    const elsewhere = { ...s0, firmwareReservations: [{ ...s0.firmwareReservations[0]!, start: 0x9000000n, last: 0x90fffffn }] };
    expect(shape(deviceResvRegions(elsewhere, elsewhere.devices[0]!, 'series-v4'))).toEqual([
      [0x9000000n, 0x100000n, 'reserved', RW],
      [0x8000000n, 0x100000n, 'sw-msi', SW_MSI_PROT],
    ]);
  });

  it('an intersection by a single byte counts (closed intervals)', () => {
    const s0 = dtOverlap('endpoint');
    const touch = { ...s0, firmwareReservations: [{ ...s0.firmwareReservations[0]!, start: 0x80fffffn, last: 0x80fffffn }] };
    expect(deviceResvRegions(touch, touch.devices[0]!, 'series-v4')!.at(-1)!.start).toBe(0xa0000000n);
  });

  it('both candidates intersect → no SW_MSI region at all, silently', () => {
    const s0 = dtOverlap('endpoint');
    const big: FirmwareReservation = { ...s0.firmwareReservations[0]!, start: 0n, last: 0xffffffffn };
    const s = { ...s0, firmwareReservations: [big] };
    expect(shape(deviceResvRegions(s, s.devices[0]!, 'series-v4'))).toEqual([[0n, 0x100000000n, 'reserved', RW]]);
  });
});

describe('ACPI IORT producer (engine-spec §2.4)', () => {
  const rmr = (over: Partial<FirmwareReservation>): FirmwareReservation => ({
    id: 'rmr', name: 'RMR0', kind: 'iort-rmr', start: 0x80000000n, last: 0x80ffffffn, appliesTo: ['nic'], ...over,
  });

  it('RMR → DIRECT, or DIRECT_RELAXABLE with REMAP_PERMITTED; after SW_MSI', () => {
    const s = { ...qemuVirt(), firmwareReservations: [rmr({}), rmr({ id: 'r2', name: 'RMR1', start: 0x90000000n, last: 0x9000ffffn, remapPermitted: true })] };
    expect(shape(deviceResvRegions(s, s.devices[0]!))).toEqual([
      [0x8000000n, 0x100000n, 'sw-msi', SW_MSI_PROT],
      [0x80000000n, 0x1000000n, 'direct', RW],
      [0x90000000n, 0x10000n, 'direct-relaxable', RW],
    ]);
  });

  it('an RMR naming the host bridge covers its endpoints', () => {
    const s = { ...qemuVirt(), firmwareReservations: [rmr({ appliesTo: ['pcie'] })] };
    expect(deviceResvRegions(s, s.devices[0]!)).toHaveLength(2);
  });

  it('HiSilicon HI161X quirk: IOMMU_RESV_MSI before the RMRs, SMMUv3 only', () => {
    const quirk: FirmwareReservation = { id: 'q', name: 'ITS bypass', kind: 'iort-msi-quirk', start: 0x202110000n, last: 0x20211ffffn, appliesTo: ['nic'] };
    const s = { ...qemuVirt(), firmwareReservations: [rmr({}), quirk] };
    expect(deviceResvRegions(s, s.devices[0]!)!.map((r) => r.type)).toEqual(['sw-msi', 'msi', 'direct']);
    const v2 = { ...s, iommus: [{ ...SMMUV3, kind: 'smmu-v2' as const }] };
    expect(deviceResvRegions(v2, v2.devices[0]!)!.map((r) => r.type)).toEqual(['sw-msi', 'direct']);
  });

  it('under ACPI, DT reservations are not read (no of_node)', () => {
    const s0 = dtOverlap('endpoint');
    const s = { ...s0, firmwareReservations: [...s0.firmwareReservations, rmr({ appliesTo: ['other'] })], devices: s0.devices };
    expect(deviceResvRegions(s, s.devices[0]!)!.map((r) => r.type)).toEqual(['sw-msi']);
  });
});

describe('x86 producers (engine-spec §2.5)', () => {
  const x86 = (kind: Iommu['kind'], fw: FirmwareReservation[]) =>
    baseScenario({
      iommus: [{ id: 'iommu', name: kind, kind, aperture: { start: 0n, last: 0xffff_ffff_ffffn }, granule: 0x1000n }],
      devices: [{ id: 'gpu', name: '0000:00:02.0', bus: 'pci', iommu: 'iommu', group: '1', hasOfNode: false }],
      firmwareReservations: fw,
    });

  it('Intel: RMRRs then the IOAPIC range 0xfee00000-0xfeefffff as HW MSI, prot 0', () => {
    const rmrr: FirmwareReservation = { id: 'r', name: 'RMRR', kind: 'vtd-rmrr', start: 0x7b800000n, last: 0x7fffffffn, appliesTo: ['gpu'] };
    const s = x86('intel-vtd', [rmrr]);
    expect(shape(deviceResvRegions(s, s.devices[0]!))).toEqual([
      [0x7b800000n, 0x4800000n, 'direct', RW],
      [0xfee00000n, 0x100000n, 'msi', 0],
    ]);
    const relaxed = x86('intel-vtd', [{ ...rmrr, type: 'direct-relaxable' }]);
    expect(deviceResvRegions(relaxed, relaxed.devices[0]!)![0]!.type).toBe('direct-relaxable');
  });

  it('AMD: IVMD, MSI range, then the HT hole 0xfd00000000-0xffffffffff reserved', () => {
    const ivmd: FirmwareReservation = { id: 'i', name: 'IVMD', kind: 'amd-ivmd', start: 0x1000000n, last: 0x1ffffffn, type: 'reserved', appliesTo: ['gpu'] };
    const s = x86('amd-vi', [ivmd]);
    const list = deviceResvRegions(s, s.devices[0]!)!;
    expect(list.map((r) => [r.start, r.start + r.length - 1n, r.type])).toEqual([
      [0x1000000n, 0x1ffffffn, 'reserved'],
      [0xfee00000n, 0xfeefffffn, 'msi'],
      [0xfd00000000n, 0xffffffffffn, 'reserved'],
    ]);
  });
});

describe('virtio-iommu producer (engine-spec §2.5)', () => {
  const viommu = (probe: FirmwareReservation[]): Scenario => {
    const s = qemuVirt();
    const iommu: Iommu = { ...SMMUV3, id: 'smmu', kind: 'virtio-iommu', probeRegions: probe };
    return { ...s, iommus: [iommu] };
  };
  const probe = (over: Partial<FirmwareReservation>): FirmwareReservation => ({
    id: 'p', name: 'probe', kind: 'virtio-probe', start: 0x1000000n, last: 0x10fffffn, type: 'reserved', appliesTo: [], ...over,
  });

  it('probe regions first; SW_MSI added when no MSI region was probed', () => {
    const s = viommu([probe({})]);
    expect(deviceResvRegions(s, s.devices[0]!)!.map((r) => [r.start, r.type])).toEqual([
      [0x1000000n, 'reserved'],
      [0x8000000n, 'sw-msi'],
    ]);
  });

  it('probe regions as viommu_add_resv_mem makes them: sorted by start, MSI prot WRITE|NOEXEC|MMIO, RESERVED prot 0', () => {
    const s = viommu([
      probe({ id: 'hi', start: 0x20000000n, last: 0x2000ffffn }),
      probe({ id: 'msi', type: 'msi', start: 0x9000000n, last: 0x90fffffn }),
      probe({ id: 'lo', start: 0x1000n, last: 0x1fffn }),
    ]);
    expect(deviceResvRegions(s, s.devices[0]!)!.map((r) => [r.start, r.type, r.prot])).toEqual([
      [0x1000n, 'reserved', 0],
      [0x9000000n, 'msi', PROT.WRITE | PROT.NOEXEC | PROT.MMIO],
      [0x20000000n, 'reserved', 0],
    ]);
  });

  it('a probed MSI region suppresses the SW_MSI window', () => {
    const s = viommu([probe({ type: 'msi', start: 0x8000000n, last: 0x80fffffn })]);
    expect(deviceResvRegions(s, s.devices[0]!)!.map((r) => r.type)).toEqual(['msi']);
  });
});

describe('uploaded reserved_regions', () => {
  it('are taken verbatim; the series variant re-places the SW_MSI', () => {
    const s0 = qemuVirt();
    const s = withDevice(s0, {
      observedRegions: [
        { start: 0x8000000n, last: 0x80fffffn, type: 'reserved' },
        { start: 0x8000000n, last: 0x80fffffn, type: 'sw-msi', inferred: 'Arm SMMU window' },
      ],
    });
    expect(deviceResvRegions(s, s.devices[0]!)!.map((r) => r.type)).toEqual(['reserved', 'sw-msi']);
    expect(deviceResvRegions(s, s.devices[0]!, 'series-v4')!.map((r) => [r.start, r.type])).toEqual([
      [0x8000000n, 'reserved'],
      [0xa0000000n, 'sw-msi'],
    ]);
  });
});

describe('firmware regions built once per scenario', () => {
  it('mainline and the series share the DT regions of a node; another scenario with the same device object does not', () => {
    const s = dtOverlap('endpoint');
    const device = s.devices[0]!;
    const mainline = deviceResvRegions(s, device, 'mainline')!;
    const series = deviceResvRegions(s, device, 'series-v4')!;
    expect(series.find((r) => r.name === 'resv_faulty')).toBe(mainline.find((r) => r.name === 'resv_faulty'));
    // Same device object, another reservation list: the memo is per scenario, never per device alone.
    const moved = { ...s, firmwareReservations: [{ ...s.firmwareReservations[0]!, start: 0x9000000n, last: 0x90fffffn }] };
    expect(shape(deviceResvRegions(moved, device, 'mainline'))).toEqual([
      [0x8000000n, 0x100000n, 'sw-msi', SW_MSI_PROT],
      [0x9000000n, 0x100000n, 'reserved', RW], // iommu-addresses without reg: RESERVED
    ]);
  });
});
