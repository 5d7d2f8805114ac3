import { describe, expect, it } from 'vitest';
import { scenarioFromJson, scenarioToJsonText } from '../../model/codec.ts';
import { fixtureBytes } from '../../../test/fixtures/load.ts';
import { parseDtb } from './parseDtb.ts';

function scenario(name: string) {
  const r = parseDtb(fixtureBytes(name), name);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value;
}

// Expected values are read off the decompiled sources next to each blob (dtc -I dtb -O dts).
describe('parseDtb on QEMU virt, gic-version=2, iommu=smmuv3, 3 GiB (shared sample)', () => {
  const s = scenario('qemu-virt-gicv2-smmuv3-3g.dtb');

  it('finds the SMMUv3 at 0x9050000 with the documented default aperture', () => {
    expect(s.iommus).toEqual([
      expect.objectContaining({ id: '/smmuv3@9050000', kind: 'smmu-v3', base: 0x9050000n, granule: 0x1000n, aperture: { start: 0n, last: 0xffffffffffffn } }),
    ]);
    expect(s.physicalMap).toContainEqual(expect.objectContaining({ name: 'smmuv3@9050000', kind: 'iommu', start: 0x9050000n, last: 0x906ffffn }));
    expect(s.notes!.join('\n')).toMatch(/SMMUv3: aperture assumed \[0, 2\^48-1\]/);
  });

  it('reads the PCIe ranges: I/O at 0x3eff0000, 32-bit MMIO at 0x10000000, 64-bit MMIO at 0x8000000000', () => {
    expect(s.hostBridges).toHaveLength(1);
    const b = s.hostBridges[0]!;
    expect(b.windows).toEqual([
      { kind: 'io', cpuStart: 0x3eff0000n, busStart: 0n, size: 0x10000n },
      { kind: 'mem', cpuStart: 0x10000000n, busStart: 0x10000000n, size: 0x2eff0000n },
      { kind: 'mem', cpuStart: 0x8000000000n, busStart: 0x8000000000n, size: 0x8000000000n },
    ]);
    expect(b.dmaRanges).toEqual([]);
    expect(b.iommu).toBe('/smmuv3@9050000');
    expect(s.physicalMap).toContainEqual(expect.objectContaining({ kind: 'pcie-ecam', start: 0x4010000000n, last: 0x401fffffffn }));
  });

  it('routes MSIs to the GICv2m frame at 0x8020000 (doorbell MSI_SETSPI_NS at +0x40), not isolated', () => {
    expect(s.msiControllers).toEqual([
      expect.objectContaining({ id: '/intc@8000000/v2m@8020000', kind: 'gicv2m', doorbell: { start: 0x8020040n, last: 0x8020043n }, isolated: false }),
    ]);
    expect(s.hostBridges[0]!.msiController).toBe('/intc@8000000/v2m@8020000');
  });

  it('models one representative endpoint behind the SMMU and says so', () => {
    expect(s.devices).toEqual([
      expect.objectContaining({ bus: 'pci', hostBridge: '/pcie@10000000', iommu: '/smmuv3@9050000', hasOfNode: false, representative: true, streamIds: [0] }),
    ]);
    expect(s.notes!.join('\n')).toMatch(/representative endpoint/);
    expect(s.notes!.join('\n')).toMatch(/mainline/);
    expect(s.behaviour.dtReservationsReachPci).toBe(false);
  });

  it('reads RAM (3 GiB from 0x40000000) and the two flash banks', () => {
    expect(s.physicalMap).toContainEqual(expect.objectContaining({ kind: 'ram', start: 0x40000000n, last: 0xffffffffn }));
    expect(s.physicalMap.filter((p) => p.kind === 'flash').map((p) => [p.start, p.last])).toEqual([
      [0n, 0x3ffffffn],
      [0x4000000n, 0x7ffffffn],
    ]);
  });

  it('produces a scenario the JSON codec accepts (all references resolve)', () => {
    const back = scenarioFromJson(scenarioToJsonText(s), 'round-trip');
    expect(back.ok).toBe(true);
  });
});

describe('parseDtb on the other QEMU virt blobs', () => {
  it('gic-version=3 without IOMMU: an ITS doorbell (GITS_TRANSLATER at +0x10040), isolated, no devices', () => {
    const s = scenario('qemu-virt-gicv3-1g.dtb');
    expect(s.iommus).toEqual([]);
    expect(s.devices).toEqual([]);
    expect(s.msiControllers).toEqual([expect.objectContaining({ kind: 'gicv3-its', doorbell: { start: 0x8090040n, last: 0x8090043n }, isolated: true })]);
    expect(s.hostBridges[0]!.iommu).toBeUndefined();
    expect(s.notes).toContainEqual(expect.stringMatching(/^No IOMMU in this device tree .* no MSI window to place/));
  });

  it('says nothing of a missing IOMMU when there is one', () => {
    expect(scenario('qemu-virt-gicv3-its-smmuv3-2g.dtb').notes?.some((n) => n.startsWith('No IOMMU'))).toBe(false);
  });

  it('gic-version=3, iommu=smmuv3, 2 GiB: RAM [0x40000000, 0xbfffffff], msi-map to the ITS', () => {
    const s = scenario('qemu-virt-gicv3-its-smmuv3-2g.dtb');
    expect(s.physicalMap).toContainEqual(expect.objectContaining({ kind: 'ram', start: 0x40000000n, last: 0xbfffffffn }));
    expect(s.hostBridges[0]).toMatchObject({ iommu: '/smmuv3@9050000', msiController: '/intc@8000000/its@8080000' });
  });

  it('highmem=off: ECAM at 0x3f000000 and no 64-bit window', () => {
    const s = scenario('qemu-virt-gicv2-highmem-off-1g.dtb');
    expect(s.physicalMap).toContainEqual(expect.objectContaining({ kind: 'pcie-ecam', start: 0x3f000000n, last: 0x3fffffffn }));
    expect(s.hostBridges[0]!.windows.map((w) => w.cpuStart)).toEqual([0x3eff0000n, 0x10000000n]);
  });

  it('virtio-iommu-pci: the IOMMU is a PCI function (RID 0x10), the representative endpoint another RID', () => {
    const s = scenario('qemu-virt-gicv3-virtio-iommu-1g.dtb');
    expect(s.iommus).toEqual([expect.objectContaining({ id: '/pcie@10000000/virtio_iommu@2,0', kind: 'virtio-iommu', aperture: { start: 0n, last: (1n << 64n) - 1n } })]);
    expect(s.iommus[0]!.base).toBeUndefined();
    const [d] = s.devices;
    expect(d).toMatchObject({ iommu: '/pcie@10000000/virtio_iommu@2,0', representative: true });
    expect(d!.streamIds).not.toContain(0x10);
  });

  it('a blob without padding (dtc output) reads the same way as its source', () => {
    const s = scenario('handwritten-soc.dtb');
    expect(s.description).toMatch(/hand-written test SoC/);
  });
});
