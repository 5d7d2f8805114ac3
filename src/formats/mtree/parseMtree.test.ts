import { describe, expect, it } from 'vitest';
import { scenarioFromJson, scenarioToJsonText } from '../../model/codec.ts';
import { fixtureText } from '../../../test/fixtures/load.ts';
import { parseQemuMtree } from './parseMtree.ts';
import { Q35_SYSTEM_LINES } from './q35Lines.testdata.ts';

function scenario(name: string) {
  const r = parseQemuMtree(fixtureText(name), name);
  if (!r.ok) throw new Error(`${r.error.line}:${r.error.column} ${r.error.message}`);
  return r.value;
}

// Expected values are read off the fixture files themselves (region lines quoted in comments).
describe('parseQemuMtree on the shared sample (virt, gicv2, smmuv3, 3G, virtio-rng-pci)', () => {
  const s = scenario('qemu-virt-gicv2-smmuv3-3g.info-mtree.txt');

  it('builds the physical map of the "memory" address space without the all-covering root', () => {
    // "0000000040000000-00000000ffffffff (prio 0, ram): mach-virt.ram"
    expect(s.physicalMap).toContainEqual(expect.objectContaining({ name: 'mach-virt.ram', kind: 'ram', start: 0x40000000n, last: 0xffffffffn }));
    // "0000000009050000-000000000906ffff (prio 0, i/o): arm-smmuv3"
    expect(s.physicalMap).toContainEqual(expect.objectContaining({ name: 'arm-smmuv3', kind: 'iommu', start: 0x9050000n, last: 0x906ffffn }));
    expect(s.physicalMap).toContainEqual(expect.objectContaining({ name: 'gicv2m', kind: 'msi-doorbell', start: 0x8020000n }));
    expect(s.physicalMap).toContainEqual(expect.objectContaining({ name: 'gpex_ioport', kind: 'pcie-io', parent: 'gpex_ioport_window' }));
    expect(s.physicalMap.some((p) => p.name === 'system')).toBe(false);
    expect(s.physicalMap.filter((p) => p.name === 'virtio-mmio')).toHaveLength(32);
  });

  it('reads the alias windows with their bus offsets', () => {
    // "alias pcie-mmio @gpex_mmio_window 0000000010000000-000000003efeffff" and pcie-mmio-high
    expect(s.hostBridges).toEqual([
      expect.objectContaining({
        id: 'gpex',
        iommu: 'arm-smmuv3',
        msiController: 'gicv2m',
        windows: [
          { kind: 'mem', cpuStart: 0x10000000n, busStart: 0x10000000n, size: 0x2eff0000n },
          { kind: 'io', cpuStart: 0x3eff0000n, busStart: 0n, size: 0x10000n },
          { kind: 'mem', cpuStart: 0x8000000000n, busStart: 0x8000000000n, size: 0x8000000000n },
        ],
      }),
    ]);
    expect(s.physicalMap).toContainEqual(expect.objectContaining({ name: 'pcie-ecam', kind: 'pcie-ecam', start: 0x4010000000n, last: 0x401fffffffn }));
  });

  it('finds the SMMUv3 and one PCI function per IOMMU region, decoding devfn', () => {
    // "address-space: smmuv3-iommu-memory-region-8-1 / 0000000000000000-0000ffffffffffff"
    expect(s.iommus).toEqual([expect.objectContaining({ kind: 'smmu-v3', base: 0x9050000n, aperture: { start: 0n, last: 0xffffffffffffn } })]);
    expect(s.devices.map((d) => d.name)).toEqual([
      'PCI function devfn 00.0 behind arm-smmuv3',
      'PCI function devfn 01.0 behind arm-smmuv3',
      'PCI function devfn 02.0 behind arm-smmuv3',
    ]);
    expect(s.devices.every((d) => d.iommu === 'arm-smmuv3' && d.bus === 'pci' && !d.hasOfNode)).toBe(true);
  });

  it('puts the GICv2m doorbell at MSI_SETSPI_NS and guest RAM/ROM into the guest map', () => {
    expect(s.msiControllers).toEqual([expect.objectContaining({ kind: 'gicv2m', doorbell: { start: 0x8020040n, last: 0x8020043n }, isolated: false })]);
    expect(s.guest!.regions).toEqual([
      { name: 'virt.flash0', kind: 'rom', start: 0n, size: 0x4000000n },
      { name: 'virt.flash1', kind: 'rom', start: 0x4000000n, size: 0x4000000n },
      { name: 'mach-virt.ram', kind: 'ram', start: 0x40000000n, size: 0xc0000000n },
    ]);
  });

  it('produces a scenario the JSON codec accepts', () => {
    expect(scenarioFromJson(scenarioToJsonText(s), 'x').ok).toBe(true);
  });
});

describe('parseQemuMtree on generated dumps', () => {
  it('gicv3 + ITS: the doorbell is GITS_TRANSLATER in the "translation" frame (0x8090000 + 0x40)', () => {
    const s = scenario('qemu-virt-gicv3-its-smmuv3-2g.info-mtree.txt');
    expect(s.msiControllers).toEqual([expect.objectContaining({ kind: 'gicv3-its', doorbell: { start: 0x8090040n, last: 0x8090043n }, isolated: true })]);
  });

  it('`info mtree -f` (flat view) gives the same windows, IOMMU, doorbell and guest RAM as the tree', () => {
    const flat = scenario('qemu-virt-gicv3-its-smmuv3-2g.info-mtree-f.txt');
    const tree = scenario('qemu-virt-gicv3-its-smmuv3-2g.info-mtree.txt');
    expect(flat.hostBridges[0]!.windows).toEqual(tree.hostBridges[0]!.windows);
    expect(flat.iommus.map((m) => [m.kind, m.base, m.aperture])).toEqual(tree.iommus.map((m) => [m.kind, m.base, m.aperture]));
    expect(flat.msiControllers.map((m) => m.doorbell)).toEqual(tree.msiControllers.map((m) => m.doorbell));
    expect(flat.guest!.regions).toEqual(tree.guest!.regions);
  });

  it('virtio-iommu: a 64-bit input range and devfn taken from the last number of the region name', () => {
    const s = scenario('qemu-virt-gicv3-virtio-iommu-1g.info-mtree.txt');
    expect(s.iommus).toEqual([expect.objectContaining({ kind: 'virtio-iommu', aperture: { start: 0n, last: 0xffffffffffffffffn } })]);
    expect(s.iommus[0]!.base).toBeUndefined();
    // "virtio-iommu-memory-region-3-24": index 3, devfn 24 = 03.0
    expect(s.devices.map((d) => d.name)).toContain('PCI function devfn 03.0 behind virtio-iommu');
  });

  it('highmem=off: ECAM below 4 GiB, no 64-bit window, no IOMMU', () => {
    const s = scenario('qemu-virt-gicv2-highmem-off-1g.info-mtree.txt');
    expect(s.physicalMap).toContainEqual(expect.objectContaining({ name: 'pcie-ecam', start: 0x3f000000n, last: 0x3fffffffn }));
    expect(s.hostBridges[0]!.windows).toHaveLength(2);
    expect(s.hostBridges[0]!.iommu).toBeUndefined();
    expect(s.iommus).toEqual([]);
  });
});

describe('parseQemuMtree on an x86 q35 dump with intel-iommu', () => {
  // intel_iommu.c: "intel_iommu" registers at Q35_HOST_BRIDGE_IOMMU_ADDR 0xfed90000, "intel_iommu_devfn_%d".
  const dump = [
    ...Q35_SYSTEM_LINES,
    '    00000000fed90000-00000000fed93fff (prio 0, i/o): intel_iommu',
    '    0000000100000000-000000017fffffff (prio 0, ram): alias ram-above-4g @pc.ram 0000000080000000-00000000ffffffff',
    '',
    'address-space: intel_iommu_devfn_16',
    '  0000000000000000-ffffffffffffffff (prio 0, i/o): intel_iommu_devfn_16',
    '',
  ].join('\n');
  const r = parseQemuMtree(dump, 'q35.txt');
  const s = r.ok ? r.value : undefined;

  it('finds the VT-d vIOMMU and the function behind it (devfn 16 = 02.0)', () => {
    expect(s!.iommus).toEqual([expect.objectContaining({ id: 'intel-iommu', kind: 'intel-vtd', base: 0xfed90000n })]);
    expect(s!.devices).toEqual([expect.objectContaining({ id: 'intel_iommu_devfn_16', iommu: 'intel-iommu', bus: 'pci', name: 'PCI function devfn 02.0 behind intel-iommu' })]);
  });

  it('keeps of the RAM only what the higher-priority SMRAM alias leaves visible, in the map and the guest map', () => {
    expect(s!.physicalMap.filter((p) => p.name === 'ram-below-4g').map((p) => [p.start, p.last])).toEqual([[0n, 0x9ffffn], [0xc0000n, 0x7fffffffn]]);
    expect(s!.physicalMap.some((p) => p.name === 'vga-lowmem')).toBe(false);
    expect(s!.guest!.regions.filter((g) => g.kind === 'ram')).toEqual([
      { name: 'ram-below-4g', kind: 'ram', start: 0n, size: 0xa0000n },
      { name: 'ram-below-4g', kind: 'ram', start: 0xc0000n, size: 0x7ff40000n },
      { name: 'ram-above-4g', kind: 'ram', start: 0x100000000n, size: 0x80000000n },
    ]);
    expect(s!.notes!.join('\n')).toMatch(/1 hidden entirely \(vga-lowmem\); 1 kept only where they show through \(ram-below-4g\)/);
  });
});

describe('parseQemuMtree errors and tolerance', () => {
  const sample = fixtureText('qemu-virt-gicv2-smmuv3-3g.info-mtree.txt');
  const V2M_LINE = '    0000000008020000-0000000008020fff (prio 0, i/o): gicv2m\n';
  /** The sample as QEMU's monitor printed it has CRLF endings; these edits work on lines. */
  const lf = sample.replaceAll('\r\n', '\n');

  it('reads a gicv2m line printed twice as one frame, so the scenario can be saved', () => {
    const r = parseQemuMtree(lf.replace(V2M_LINE, V2M_LINE + V2M_LINE), 'twice.txt');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    // The copy listed second is covered by the first (equal priority, same start: QEMU lists the winner first).
    expect(r.value.physicalMap.filter((p) => p.name === 'gicv2m')).toHaveLength(1);
    expect(r.value.notes!.join('\n')).toMatch(/1 hidden entirely \(gicv2m\)/);
    expect(r.value.msiControllers.map((m) => m.id)).toEqual(['gicv2m']);
    expect(r.value.hostBridges[0]!.msiController).toBe('gicv2m');
    expect(scenarioFromJson(scenarioToJsonText(r.value), 'x').ok).toBe(true);
  });

  it('gives two gicv2m frames at different addresses distinct ids and says why', () => {
    const second = V2M_LINE.replace('0000000008020000-0000000008020fff', '0000000008030000-0000000008030fff');
    const r = parseQemuMtree(lf.replace(V2M_LINE, V2M_LINE + second), 'two.txt');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.msiControllers.map((m) => [m.id, m.doorbell.start])).toEqual([['gicv2m', 0x8020040n], ['gicv2m#2', 0x8030040n]]);
    expect(r.value.notes!.join('\n')).toMatch(/1 item\(s\) had the id of an earlier item .* renamed with a "#N" suffix/);
    expect(scenarioFromJson(scenarioToJsonText(r.value), 'x').ok).toBe(true);
  });


  it('skips a pasted monitor prompt and banner', () => {
    const r = parseQemuMtree(`QEMU 7.2.22 monitor - type 'help' for more information\n(qemu) info mtree\n${sample}(qemu) quit\n`, 'pasted');
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.notes!.join('\n')).toMatch(/Skipped 3 monitor/);
  });

  it.each([
    ['a garbled region line', sample.replace('0000000009000000-0000000009000fff (prio 0, i/o): pl011', '0000000009000000-0000000009000fff (prio zero): pl011'), 30, 5, /region line like/],
    ['an end before the start', sample.replace('0000000009010000-0000000009010fff', '0000000009010fff-0000000009010000'), 31, 22, /at least the start/],
    ['a region before any header', `  0000000000000000-0000000000000fff (prio 0, i/o): x\n${sample}`, 1, 3, /section header/],
    ['no system address space', 'address-space: I/O\n  0000000000000000-000000000000ffff (prio 0, i/o): io\n', 1, 1, /system address space/],
    ['a truncated line', sample.slice(0, sample.indexOf('pl011') - 3), 30, 5, /region line like/],
  ])('%s', (_what, text, line, column, message) => {
    const r = parseQemuMtree(text, 'bad.txt');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({ source: 'bad.txt', line, column });
    expect(r.error.message).toMatch(message);
  });
});
