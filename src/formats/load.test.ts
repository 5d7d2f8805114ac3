import { describe, expect, it } from 'vitest';
import { scenarioFromJson, scenarioToJsonText } from '../model/codec.ts';
import { fixtureBytes } from '../../test/fixtures/load.ts';
import { combineScenarios, detectFormat, loadInputs, parseInput, sniffFormat } from './load.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const SW_MSI = '0x0000000008000000 0x00000000080fffff msi\n';

describe('detectFormat (content, not name)', () => {
  it.each([
    ['qemu-virt-gicv2-smmuv3-3g.dtb', 'dtb'],
    ['handwritten-soc.dtb', 'dtb'],
    ['qemu-virt-gicv2-smmuv3-3g.dts', 'dts'],
    ['handwritten-soc.dts', 'dts'],
    ['qemu-virt-gicv2-smmuv3-3g.info-mtree.txt', 'qemu-mtree'],
    ['qemu-virt-gicv3-its-smmuv3-2g.info-mtree-f.txt', 'qemu-mtree'],
    ['x86-cloud-vm.proc-iomem.txt', 'proc-iomem'],
  ])('%s → %s', (file, format) => expect(detectFormat(fixtureBytes(file))).toBe(format));

  it.each([
    [SW_MSI, 'sysfs-reserved-regions'],
    [`/sys/kernel/iommu_groups/3/reserved_regions:${SW_MSI}`, 'sysfs-reserved-regions'],
    ['==> /sys/kernel/iommu_groups/3/reserved_regions <==\n', 'sysfs-reserved-regions'],
    ['\ufeff  {"schema": "iova-atlas/scenario@1"}', 'scenario-json'],
    ['// board\n/ {\n};', 'dts'],
    ['#include "x.dtsi"\n', 'dts'],
    ['&uart0 {\n};', 'dts'],
  ])('%j → %s', (text, format) => expect(detectFormat(enc(text))).toBe(format));

  it('says nothing matched for other content, and detectFormat falls back to dts', () => {
    expect(sniffFormat(enc('hello world\n'))).toBeUndefined();
    expect(detectFormat(enc('hello world\n'))).toBe('dts');
  });
});

describe('parseInput', () => {
  it('parses by content whatever the name', () => {
    const r = parseInput('board.txt', fixtureBytes('qemu-virt-gicv2-smmuv3-3g.dtb'));
    expect(r.ok && r.value.iommus.map((m) => m.kind)).toEqual(['smmu-v3']);
  });

  it.each([
    ['hello world\n', { line: 1, column: 1 }, /expected a device tree blob or source, .* found 'hello world'/],
    ['\n\n   junk', { line: 3, column: 4 }, /found 'junk'/],
    ['', { line: 1, column: 1 }, /found an empty file/],
  ])('names what it expected for unknown text %j', (text, where, message) => {
    const r = parseInput('x.bin', enc(text));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatchObject({ source: 'x.bin', ...where });
      expect(r.error.message).toMatch(message);
    }
  });

  it('reports binary junk with a byte offset', () => {
    const r = parseInput('x.bin', new Uint8Array([1, 2, 0, 4, 5]));
    expect(!r.ok && r.error).toMatchObject({ offset: 0, message: expect.stringMatching(/binary data starting 01 02 00 04/) });
  });

  it('reads our own scenario JSON through the codec', () => {
    const dtb = parseInput('a.dtb', fixtureBytes('qemu-virt-gicv2-smmuv3-3g.dtb'));
    if (!dtb.ok) throw new Error(dtb.error.message);
    const back = parseInput('saved.json', enc(scenarioToJsonText(dtb.value)));
    expect(back.ok && back.value.hostBridges[0]!.windows).toEqual(dtb.value.hostBridges[0]!.windows);
  });
});

describe('combineScenarios and loadInputs', () => {
  it('a DTB plus a reserved_regions dump: one scenario, the group attached to the only IOMMU', () => {
    const r = loadInputs([
      { name: 'virt.dtb', bytes: fixtureBytes('qemu-virt-gicv2-smmuv3-3g.dtb') },
      { name: 'groups.txt', bytes: enc(`/sys/kernel/iommu_groups/5/reserved_regions:${SW_MSI}`) },
    ]);
    if (!r.ok) throw new Error(r.error.message);
    const s = r.value.scenario;
    expect(s.name).toBe('virt.dtb + groups.txt');
    const group = s.devices.find((d) => d.group === '5')!;
    expect(group).toMatchObject({ iommu: '/smmuv3@9050000', hostBridge: '/pcie@10000000' });
    expect(group.observedRegions).toEqual([expect.objectContaining({ start: 0x8000000n, type: 'sw-msi' })]);
    // The dump's group is a real device behind the DT's SMMU and bridge: the DT's stand-in goes.
    expect(s.devices.map((d) => d.id)).toEqual(['iommu-group-5']);
    expect(s.notes).toContainEqual(expect.stringMatching(/^\[combined\] 1 representative endpoint\(s\) of the device tree dropped \(PCI endpoint RID 0x0000 below pcie@10000000 \(representative\)\): another file lists the real PCI devices/));
    expect(s.sources.map((x) => x.file)).toEqual(['upload: virt.dtb', 'upload: groups.txt']);
    expect(s.notes!.some((n) => n.startsWith('[virt.dtb] '))).toBe(true);
    expect(s.notes!.some((n) => n.startsWith('[combined] 1 reserved_regions group'))).toBe(true);
    expect(r.value.reads).toEqual([
      { file: 'virt.dtb', format: 'dtb', summary: expect.stringMatching(/^device tree blob: .*1 IOMMU \(smmu-v3\), 1 PCIe host bridge, 1 MSI controller, 1 device \(1 representative\)/) },
      { file: 'groups.txt', format: 'sysfs-reserved-regions', summary: 'reserved_regions dump: 1 device, 1 observed reserved region' },
    ]);
    expect(scenarioFromJson(scenarioToJsonText(s), 'x').ok).toBe(true);
  });

  it('a DTB plus the same machine’s mtree: the SMMU, bridge and GICv2m are merged by address', () => {
    const dtb = parseInput('virt.dtb', fixtureBytes('qemu-virt-gicv2-smmuv3-3g.dtb'));
    const mtree = parseInput('mtree.txt', fixtureBytes('qemu-virt-gicv2-smmuv3-3g.info-mtree.txt'));
    if (!dtb.ok || !mtree.ok) throw new Error('fixtures');
    const s = combineScenarios([dtb.value, mtree.value]);
    expect(s.iommus.map((m) => m.id)).toEqual(['/smmuv3@9050000']);
    expect(s.hostBridges.map((b) => b.id)).toEqual(['/pcie@10000000']);
    expect(s.msiControllers.map((m) => m.id)).toEqual(['/intc@8000000/v2m@8020000']);
    // mtree's PCI functions now point at the DT's IOMMU and bridge ids.
    expect(s.devices.filter((d) => d.id.startsWith('smmuv3-iommu')).every((d) => d.iommu === '/smmuv3@9050000' && d.hostBridge === '/pcie@10000000')).toBe(true);
    // One group per PCI function: mtree's devfn 00.0 replaces the DT's representative RID 0x0000.
    expect(s.devices.map((d) => d.name)).toEqual(['PCI function devfn 00.0 behind arm-smmuv3', 'PCI function devfn 01.0 behind arm-smmuv3', 'PCI function devfn 02.0 behind arm-smmuv3']);
    expect(s.notes!.some((n) => n.startsWith('[combined] 1 representative endpoint(s) of the device tree dropped'))).toBe(true);
    expect(s.guest?.layout).toBe('qemu-mtree');
    expect(scenarioFromJson(scenarioToJsonText(s), 'x').ok).toBe(true);
  });

  it('keeps the representative when the other file has no device behind that IOMMU and bridge', () => {
    const dtb = parseInput('virt.dtb', fixtureBytes('qemu-virt-gicv2-smmuv3-3g.dtb'));
    const iomem = parseInput('iomem.txt', fixtureBytes('x86-cloud-vm.proc-iomem.txt'));
    if (!dtb.ok || !iomem.ok) throw new Error('fixtures');
    const s = combineScenarios([dtb.value, iomem.value]);
    expect(s.devices.filter((d) => d.representative)).toHaveLength(1);
    expect(s.notes!.some((n) => n.includes('representative endpoint(s) of the device tree dropped'))).toBe(false);
  });

  it('one bad file fails the load with its located error, the good ones offered as partial', () => {
    const r = loadInputs([
      { name: 'virt.dtb', bytes: fixtureBytes('qemu-virt-gicv2-smmuv3-3g.dtb') },
      { name: 'user-iomem.txt', bytes: fixtureBytes('x86-cloud-vm.proc-iomem-nonroot.txt') },
    ]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({ source: 'user-iomem.txt', line: 1 });
    expect(r.partial?.scenario.iommus).toHaveLength(1);
    expect(r.partial?.reads.map((x) => x.file)).toEqual(['virt.dtb']);
  });

  it('no files is an error', () => {
    expect(loadInputs([]).ok).toBe(false);
  });
});
