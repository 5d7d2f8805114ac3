import { describe, expect, it } from 'vitest';
import { analyze } from './analyze.ts';
import { dtOverlap, juno, qemuVirt } from './fixtures.ts';

const r = (start: bigint, last: bigint) => ({ start, last });

describe('group derivation', () => {
  it('QEMU virt + SMMUv3 PCI device (engine-spec §5.1)', () => {
    const [g] = analyze(qemuVirt()).groups;
    expect(g!.sysfs).toEqual(['0x0000000008000000 0x00000000080fffff msi']);
    expect(g!.vfioRanges).toEqual([r(0x0n, 0x7ffffffn), r(0x8100000n, 0xffffffffffffn)]);
    expect(g!.swMsiBase).toBe(0x8000000n);
    // "iommufd (IOMMU_IOAS_IOVA_RANGES after attach): same two ranges."
    expect(g!.iommufdRanges).toEqual([r(0x0n, 0x7ffffffn), r(0x8100000n, 0xffffffffffffn)]);
    // dma-iommu: "MMIO window pfns [0x10000, 0x3efef]"; the ITS doorbell page gets 0xfffff000
    // as the first 32-bit allocation; VFIO maps it at 0x8000000 (first doorbell, MSI cookie).
    expect(g!.dmaDomain!.nodes).toContainEqual(expect.objectContaining({ pfnLo: 0x10000n, pfnHi: 0x3efefn }));
    expect(g!.msiDoorbells).toEqual([
      { device: 'nic', doorbell: 0x8090040n, page: 0x8090000n, iova: 0xfffff000n, address: 0xfffff040n, cookie: 'iova' },
      { device: 'nic', doorbell: 0x8090040n, page: 0x8090000n, iova: 0x8000000n, address: 0x8000040n, cookie: 'msi' },
    ]);
    expect(g!.reservedRegions[0]).toMatchObject({ type: 'sw-msi', name: 'SW_MSI window (MSI_IOVA_BASE)' });
    expect(g!.reservedRegions[0]!.sources[0]).toContain('arm_smmu_get_resv_regions');
  });

  it('DT reservation on the endpoint node (§5.2b): reserved sorts before msi; dma-iommu reserves pfns [0x8000, 0x80ff]', () => {
    const [g] = analyze(dtOverlap('endpoint')).groups;
    expect(g!.sysfs).toEqual(['0x0000000008000000 0x00000000080fffff reserved', '0x0000000008000000 0x00000000080fffff msi']);
    expect(g!.vfioRanges).toEqual([r(0x0n, 0x7ffffffn), r(0x8100000n, 0xffffffffffffn)]);
    expect(g!.swMsiBase).toBe(0x8000000n);
    expect(g!.dmaDomain!.nodes).toContainEqual(expect.objectContaining({ pfnLo: 0x8000n, pfnHi: 0x80ffn }));
    // "MSI doorbell allocated elsewhere" for dma-iommu, but VFIO maps it inside the window.
    expect(g!.msiDoorbells.map((m) => m.iova)).toEqual([0xfffff000n, 0x8000000n]);
  });

  it('DT reservation on the host bridge (§5.2a): only the SW_MSI line, nobody knows', () => {
    const [g] = analyze(dtOverlap('host-bridge')).groups;
    expect(g!.sysfs).toEqual(['0x0000000008000000 0x00000000080fffff msi']);
  });

  it('Juno PCIe (§5.3): the dma-iommu reservations of the worked example, doorbell at 0xfffff000', () => {
    const [g] = analyze(juno()).groups;
    expect(g!.devices).toEqual(['ep0', 'ep1']);
    expect(g!.sysfs).toEqual(['0x0000000008000000 0x00000000080fffff msi']);
    // 32-bit aperture [0, 0xffffffff] (MMU-401, §5.3) minus the SW_MSI hole.
    expect(g!.vfioRanges).toEqual([r(0x0n, 0x7ffffffn), r(0x8100000n, 0xffffffffn)]);
    const reserved = g!.dmaDomain!.nodes.filter((n) => n.kind === 'reserved').map((n) => [n.pfnLo, n.pfnHi]);
    expect(reserved).toEqual([
      [0x0n, 0x57fffn],
      [0x58000n, 0x80000n],
      [0x100000n, 0x800000n],
      [0xa00000n, 0x40fffffn],
      [0x4100000n, 0xfffffffffffffn],
    ]);
    // "The MSI doorbell of a normal driver gets e.g. 0xfffff000 — inside the inbound window";
    // both endpoints share the GICv2m page, so the page is reused.
    expect(g!.msiDoorbells).toEqual([
      { device: 'ep0', doorbell: 0x2c1c0040n, page: 0x2c1c0000n, iova: 0xfffff000n, address: 0xfffff040n, cookie: 'iova' },
      { device: 'ep1', doorbell: 0x2c1c0040n, page: 0x2c1c0000n, iova: 0xfffff000n, address: 0xfffff040n, cookie: 'iova' },
      { device: 'ep0', doorbell: 0x2c1c0040n, page: 0x2c1c0000n, iova: 0x8000000n, address: 0x8000040n, cookie: 'msi' },
      { device: 'ep1', doorbell: 0x2c1c0040n, page: 0x2c1c0000n, iova: 0x8000000n, address: 0x8000040n, cookie: 'msi' },
    ]);
  });

  it('a group whose first device has no IOMMU has an empty file and no VFIO ranges (§1.2)', () => {
    const s0 = qemuVirt();
    const s = { ...s0, hostBridges: [{ ...s0.hostBridges[0]!, iommu: undefined }], devices: [{ ...s0.devices[0]!, iommu: undefined }] };
    const a = analyze(s);
    expect(a.groups[0]).toMatchObject({ sysfs: [], vfioRanges: [], iommufdRanges: [], msiDoorbells: [] });
    expect(a.policies).toEqual([]);
  });

  it('iommufd refuses a device reporting both HW MSI and SW_MSI (§3d), VFIO lets HW MSI win (§3c step 6)', () => {
    const s0 = qemuVirt();
    const quirk = { id: 'q', name: 'HI161X ITS bypass', kind: 'iort-msi-quirk' as const, start: 0x8090000n, last: 0x809ffffn, appliesTo: ['nic'] };
    const [g] = analyze({ ...s0, firmwareReservations: [quirk] }).groups;
    expect(g!.swMsiBase).toBeUndefined();
    expect(g!.iommufdError).toContain('-EINVAL');
  });
});
