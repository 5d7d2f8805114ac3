import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../model/scenario.ts';
import { parseDts, readDts } from '../dts/parseDts.ts';
import { busAddressCells, busSizeCells, translate } from './address.ts';
import type { DtNode } from './tree.ts';

function scenario(body: string): { s: Scenario; warnings: readonly { message: string; line?: number }[] } {
  const r = parseDts(`/dts-v1/;\n/ {\n#address-cells = <2>; #size-cells = <2>;\n${body}\n};\n`, 't.dts');
  if (!r.ok) throw new Error(`${r.error.line}:${r.error.column} ${r.error.message}`);
  return { s: r.value, warnings: r.warnings };
}

const child = (n: DtNode, name: string) => n.children.find((c) => c.name === name)!;

describe('address cells and translation (drivers/of/address.c rules)', () => {
  const { root } = readDts(
    `/dts-v1/; / { #address-cells = <2>; #size-cells = <1>; bus { #address-cells = <1>; #size-cells = <1>;
       ranges = <0x0 0x0 0x80000000 0x1000>; dev { }; };
       nobus { #address-cells = <1>; #size-cells = <1>; dev { }; };
       pci { #address-cells = <3>; #size-cells = <2>;
         ranges = <0x01000000 0 0 0 0x3eff0000 0 0x10000  0x02000000 0 0x10000000 0 0x10000000 0 0x1000000>; }; };`,
    't',
  );

  it('without #address-cells anywhere, Linux defaults to 1 and 1 at the root and inherits downwards', () => {
    const bare = readDts('/dts-v1/; / { a { b { c { }; }; }; };', 't').root;
    const c = child(child(child(bare, 'a'), 'b'), 'c');
    expect([busAddressCells(c), busSizeCells(c)]).toEqual([1, 1]);
    const dev = child(child(root, 'nobus'), 'dev');
    expect([busAddressCells(dev), busSizeCells(dev)]).toEqual([1, 1]);
    expect([busAddressCells(root), busSizeCells(root)]).toEqual([2, 1]);
  });

  it('translates through a parent bus’s ranges; a bus without ranges cannot translate', () => {
    const cache = new Map();
    expect(translate({ addr: 0x10n }, 0x10n, child(root, 'bus'), 'ranges', cache)).toBe(0x80000010n);
    expect(translate({ addr: 0x1000n }, 0x10n, child(root, 'bus'), 'ranges', cache)).toBeUndefined();
    expect(translate({ addr: 0x10n }, 0x10n, child(root, 'nobus'), 'ranges', cache)).toBeUndefined();
    // A missing dma-ranges is 1:1 (of_translate_one treats it so).
    expect(translate({ addr: 0x10n }, 0x10n, child(root, 'nobus'), 'dma-ranges', cache)).toBe(0x10n);
  });

  it('matches PCI ranges by space code: bus address 0x0 is I/O at 0x3eff0000, 0x10000000 memory at 0x10000000', () => {
    const cache = new Map();
    const pci = child(root, 'pci');
    expect(translate({ addr: 0x100n, space: 1 }, 0x10n, pci, 'ranges', cache)).toBe(0x3eff0100n);
    expect(translate({ addr: 0x10000100n, space: 2 }, 0x10n, pci, 'ranges', cache)).toBe(0x10000100n);
    expect(translate({ addr: 0x100n, space: 2 }, 0x10n, pci, 'ranges', cache)).toBeUndefined();
  });
});

describe('interpretDeviceTree details', () => {
  it('iommu-addresses naming a node without an IOMMU applies to nothing and says so', () => {
    const { s, warnings } = scenario(`
      reserved-memory { #address-cells = <2>; #size-cells = <2>; ranges;
        r: region { iommu-addresses = <&plain 0x0 0x8000000 0x0 0x100000>; }; };
      plain: plain@1000 { reg = <0x0 0x1000 0x0 0x100>; memory-region = <&r>; };`);
    expect(s.firmwareReservations).toEqual([expect.objectContaining({ id: '/reserved-memory/region', appliesTo: [] })]);
    const warning = warnings.find((w) => /names \/plain@1000, which is neither a device .* nor a host bridge/.test(w.message));
    // Located at the iommu-addresses property (line 6 of the source, after "r: region { "), not at 1:1.
    expect(warning).toMatchObject({ line: 6, column: 21 });
  });

  it('warns, at the property, when a bus ranges has the wrong cell count and so drops its children', () => {
    // Child 2 + parent 2 + size 1 = 5 cells per entry (drivers/of/address.c, of_translate_one); 4 given.
    const { s, warnings } = scenario(`
      soc { #address-cells = <2>; #size-cells = <1>;
        ranges = <0x0 0x0 0x0 0x10000000>;
        uart@9000000 { reg = <0x0 0x9000000 0x1000>; }; };`);
    expect(s.physicalMap.some((r) => r.name.startsWith('uart'))).toBe(false);
    expect(warnings).toEqual([
      expect.objectContaining({
        line: 6,
        column: 9,
        message: '/soc: ranges ignored: expected a multiple of 5 cells per entry (child 2 + parent 2 + size 1), found 4 cells; addresses below it cannot be translated, so its child devices are left out',
      }),
    ]);
    const fixed = scenario(`
      soc { #address-cells = <2>; #size-cells = <1>;
        ranges = <0x0 0x0 0x0 0x0 0x10000000>;
        uart@9000000 { reg = <0x0 0x9000000 0x1000>; }; };`);
    expect(fixed.warnings).toEqual([]);
    expect(fixed.s.physicalMap).toContainEqual(expect.objectContaining({ start: 0x9000000n, last: 0x9000fffn }));
  });

  it('names a node with an over-long path by the end of its path', () => {
    const name = `n${'x'.repeat(3000)}@0`;
    const { warnings } = scenario(`${name} { reg = <1 2 3>; };`);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toBe(`...${name.slice(-48)}: reg ignored: expected a multiple of 4 cells (#address-cells=2, #size-cells=2), found 3 cells`);
  });

  it('a zero-length iommu-addresses tuple is skipped with a warning, like the kernel', () => {
    const { s, warnings } = scenario(`
      smmu: iommu@2b400000 { compatible = "arm,smmu-v3"; reg = <0x0 0x2b400000 0x0 0x20000>; #iommu-cells = <1>; };
      reserved-memory { #address-cells = <2>; #size-cells = <2>; ranges;
        r: region { iommu-addresses = <&dev 0x0 0x8000000 0x0 0x0>; }; };
      dev: dev@1000 { reg = <0x0 0x1000 0x0 0x100>; iommus = <&smmu 7>; memory-region = <&r>; };`);
    expect(s.firmwareReservations).toEqual([]);
    expect(s.devices).toEqual([expect.objectContaining({ id: '/dev@1000', iommu: '/iommu@2b400000', streamIds: [7] })]);
    expect(warnings.map((w) => w.message)).toContainEqual(expect.stringMatching(/length 0/));
  });

  it("a platform device's own msi-parent (with or without a device-id cell) names its MSI controller", () => {
    const { s } = scenario(`
      smmu: iommu@2b400000 { compatible = "arm,smmu-v3"; reg = <0x0 0x2b400000 0x0 0x20000>; #iommu-cells = <1>; };
      its: msi-controller@2f020000 { compatible = "arm,gic-v3-its"; msi-controller; #msi-cells = <1>; reg = <0x0 0x2f020000 0x0 0x20000>; };
      v2m: v2m@2c1c0000 { compatible = "arm,gic-v2m-frame"; msi-controller; reg = <0x0 0x2c1c0000 0x0 0x1000>; };
      a@1000 { reg = <0x0 0x1000 0x0 0x100>; iommus = <&smmu 1>; msi-parent = <&its 0x21>; };
      b@2000 { reg = <0x0 0x2000 0x0 0x100>; iommus = <&smmu 2>; msi-parent = <&v2m>; };
      c@3000 { reg = <0x0 0x3000 0x0 0x100>; iommus = <&smmu 3>; };`);
    const byId = (id: string) => s.msiControllers.find((m) => m.id === s.devices.find((d) => d.id === id)!.msiController);
    expect(byId('/a@1000')?.kind).toBe('gicv3-its');
    expect(byId('/b@2000')?.kind).toBe('gicv2m');
    expect(s.devices.find((d) => d.id === '/c@3000')!.msiController).toBeUndefined();
  });

  it('iommu-map-mask 0 (Juno: "RC has no means to output PCI RID") sends every RID to stream 0', () => {
    const { s } = scenario(`
      smmu: iommu@2b500000 { compatible = "arm,mmu-401", "arm,smmu-v1"; reg = <0x0 0x2b500000 0x0 0x10000>; #iommu-cells = <1>; };
      pcie@40000000 { device_type = "pci"; #address-cells = <3>; #size-cells = <2>;
        reg = <0x0 0x40000000 0x0 0x10000000>; iommu-map = <0x0 &smmu 0x0 0x1>; iommu-map-mask = <0x0>;
        ep@3,1 { reg = <0x1900 0 0 0 0>; }; };`);
    expect(s.devices.map((d) => [d.id, d.streamIds, d.hasOfNode])).toEqual([
      ['/pcie@40000000/ep@3,1', [0], true],
      ['/pcie@40000000/endpoint@0x0000', [0], false],
    ]);
  });

  it('a host bridge without iommu-map gets no representative endpoint, and no IOMMU', () => {
    const { s } = scenario('pcie@40000000 { device_type = "pci"; #address-cells = <3>; #size-cells = <2>; reg = <0x0 0x40000000 0x0 0x1000>; };');
    expect(s.hostBridges).toEqual([expect.objectContaining({ id: '/pcie@40000000', windows: [] })]);
    expect(s.hostBridges[0]!.iommu).toBeUndefined();
    expect(s.devices).toEqual([]);
  });

  it('a malformed ranges is ignored with a located warning', () => {
    const { s, warnings } = scenario('pcie@40000000 {\n device_type = "pci"; #address-cells = <3>; #size-cells = <2>;\n ranges = <0x02000000 0 0x10000000>; };');
    expect(s.hostBridges[0]!.windows).toEqual([]);
    expect(warnings).toContainEqual(expect.objectContaining({ line: 6, message: expect.stringMatching(/ranges ignored: expected a multiple of 7 cells/) }));
  });
});
