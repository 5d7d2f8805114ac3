import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../model/scenario.ts';
import { fixtureBytes, fixtureText } from '../../../test/fixtures/load.ts';
import { parseDtb } from '../dtb/parseDtb.ts';
import { nodePath, propValue, type DtNode } from '../devicetree/tree.ts';
import { parseDts, readDts } from './parseDts.ts';

function ok(r: ReturnType<typeof parseDts>): Scenario {
  if (!r.ok) throw new Error(`${r.error.line}:${r.error.column} ${r.error.message}`);
  return r.value;
}

/** The scenario without provenance, for comparing a source with its compiled blob. */
function facts(s: Scenario): string {
  return JSON.stringify({ ...s, description: '', sources: [] }, (k, v) => (typeof v === 'bigint' ? v.toString(16) : k === 'source' ? undefined : v));
}

function node(root: DtNode, path: string): DtNode {
  let n = root;
  for (const part of path.split('/').filter(Boolean)) n = n.children.find((c) => c.name === part)!;
  expect(nodePath(n)).toBe(path);
  return n;
}

const bytes = (...b: number[]) => new Uint8Array(b);

describe('parseDts reads what dtc prints', () => {
  it.each([
    'qemu-virt-gicv2-smmuv3-3g',
    'qemu-virt-gicv3-1g',
    'qemu-virt-gicv3-its-smmuv3-2g',
    'qemu-virt-gicv2-highmem-off-1g',
    'qemu-virt-gicv3-virtio-iommu-1g',
  ])('%s.dts (dtc -I dtb -O dts) gives the same scenario as the blob it came from', (name) => {
    const fromDts = ok(parseDts(fixtureText(`${name}.dts`), name));
    const fromDtb = ok(parseDtb(fixtureBytes(`${name}.dtb`), name));
    expect(facts(fromDts)).toBe(facts(fromDtb));
  });

  it('the hand-written source, its dtc-compiled blob and dtc’s round trip agree', () => {
    const src = ok(parseDts(fixtureText('handwritten-soc.dts'), 'soc'));
    expect(facts(ok(parseDtb(fixtureBytes('handwritten-soc.dtb'), 'soc')))).toBe(facts(src));
    expect(facts(ok(parseDts(fixtureText('handwritten-soc.roundtrip.dts'), 'soc')))).toBe(facts(src));
  });
});

describe('parseDts on the hand-written board (test/fixtures/handwritten-soc.dts)', () => {
  const text = fixtureText('handwritten-soc.dts');
  const r = parseDts(text, 'soc.dts');
  const s = ok(r);
  const lineOf = (needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;

  it('reads both memory banks, the second split across lines, and /memreserve/', () => {
    const ram = s.physicalMap.filter((p) => p.kind === 'ram').map((p) => [p.start, p.last]);
    expect(ram).toEqual([
      [0x80000000n, 0xfeffffffn],
      [0x880000000n, 0x9ffffffffn],
    ]);
    expect(s.physicalMap).toContainEqual(expect.objectContaining({ name: '/memreserve/ 0', start: 0x80000000n, last: 0x8000ffffn }));
  });

  it('inherits #address-cells/#size-cells from an ancestor, as Linux does, and translates through ranges', () => {
    expect(s.physicalMap).toContainEqual(expect.objectContaining({ name: 'timer@1000', start: 0x10001000n, last: 0x100010ffn }));
  });

  it('knows the SMMU kinds: MMU-401 is arm-smmu v1 (32-bit aperture), arm,smmu-v3 with a 128 KiB (expression) reg', () => {
    expect(s.iommus.map((m) => [m.id, m.kind, m.aperture.last])).toEqual([
      ['/soc/iommu@2b500000', 'smmu-v2', 0xffffffffn],
      ['/soc/iommu@2b600000', 'smmu-v3', 0xffffffffffffn],
    ]);
    expect(s.physicalMap).toContainEqual(expect.objectContaining({ name: 'iommu@2b600000', last: 0x2b600000n + 128n * 1024n - 1n }));
  });

  it('reads the Juno-style PCIe windows and dma-ranges (engine-spec §5.3)', () => {
    const b = s.hostBridges[0]!;
    expect(b.windows).toEqual([
      { kind: 'io', cpuStart: 0x5f800000n, busStart: 0n, size: 0x800000n },
      { kind: 'mem', cpuStart: 0x50000000n, busStart: 0x50000000n, size: 0x8000000n },
      { kind: 'mem-prefetch', cpuStart: 0x4000000000n, busStart: 0x4000000000n, size: 0x100000000n },
    ]);
    expect(b.dmaRanges).toEqual([
      { busStart: 0x80000000n, cpuStart: 0x80000000n, size: 0x80000000n },
      { busStart: 0x800000000n, cpuStart: 0x800000000n, size: 0x200000000n },
    ]);
    expect(b).toMatchObject({ iommu: '/soc/iommu@2b500000', msiController: '/soc/interrupt-controller@2c010000/v2m@2c1c0000' });
  });

  it('attaches the v4-series reservation to the host bridge, not to endpoints (mainline)', () => {
    expect(s.hostBridges[0]!.memoryRegions).toEqual(['/reserved-memory/resv-faulty']);
    const r = s.firmwareReservations.find((x) => x.id === '/reserved-memory/resv-faulty')!;
    expect(r).toMatchObject({ start: 0x8000000n, last: 0x80fffffn, appliesTo: ['/pcie@40000000'], kind: 'dt-iommu-addresses' });
    expect(r.reg).toBeUndefined();
    const rep = s.devices.find((d) => d.representative)!;
    expect(rep.memoryRegions).toBeUndefined();
  });

  it('reads iommu-addresses with the cell counts of the device’s bus (1+1 on soc, 3+2 on PCI)', () => {
    expect(s.firmwareReservations.find((x) => x.name === 'framebuffer@f0000000')).toMatchObject({
      start: 0xf0000000n,
      last: 0xf07fffffn,
      reg: { start: 0xf0000000n, last: 0xf07fffffn },
      appliesTo: ['/soc/display@2c000000'],
    });
    expect(s.firmwareReservations.find((x) => x.name === 'ep-window')).toMatchObject({ start: 0x8000000n, last: 0x80fffffn, appliesTo: ['/pcie@40000000/ethernet@1,0'] });
    // 0x08000000 is outside the bridge's inbound dma-ranges: said, with the property's line.
    expect(r.ok && r.warnings).toContainEqual(expect.objectContaining({ line: lineOf('iommu-addresses = <&nic'), message: expect.stringMatching(/not inside the bus’s dma-ranges/) }));
  });

  it('models DT nodes of PCI functions as real devices, and platform devices with iommus', () => {
    expect(s.devices.find((d) => d.id === '/pcie@40000000/ethernet@1,0')).toMatchObject({ bus: 'pci', hasOfNode: true, streamIds: [0], memoryRegions: ['/reserved-memory/ep-window'] });
    expect(s.devices.find((d) => d.id === '/soc/display@2c000000')).toMatchObject({ bus: 'platform', iommu: '/soc/iommu@2b600000', streamIds: [0x20, 0x21], hasOfNode: true });
  });

  it('skips disabled nodes and deleted ones', () => {
    expect(s.physicalMap.some((p) => p.name === 'serial@1c0a0000')).toBe(false);
    expect(s.notes!.join('\n')).toMatch(/serial@1c0a0000/);
    expect(s.physicalMap.some((p) => p.name === 'scratch@1f000000')).toBe(false);
  });

  it('resolves labels to phandles and paths, merges &label blocks, and encodes every value form', () => {
    const { root } = readDts(text, 'soc.dts');
    const gic = node(root, '/soc/interrupt-controller@2c010000');
    expect(propValue(root.props.get('interrupt-parent')!)).toEqual(propValue(gic.props.get('phandle')!));
    const latin = (n: DtNode, p: string) => new TextDecoder().decode(propValue(n.props.get(p)!));
    expect(latin(node(root, '/aliases'), 'smmu0')).toBe('/soc/iommu@2b500000\0');
    expect(latin(node(root, '/chosen'), 'stdout-path')).toBe('/soc/serial@1c090000\0');
    expect(latin(node(root, '/chosen'), 'bootargs')).toBe('console=ttyAMA0,115200\0earlycon\0');
    const uart = node(root, '/soc/serial@1c090000');
    expect(propValue(uart.props.get('current-speed')!)).toEqual(bytes(0, 1, 0xc2, 0));
    expect(propValue(uart.props.get('widths')!)).toEqual(bytes(0, 0x10, 0, 0x41, 0, 8, 0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0, 0xde, 0xad, 0xbe, 0xef));
    expect(node(root, '/soc/display@2c000000').props.has('status')).toBe(false);
  });
});

describe('parseDts syntax', () => {
  const value = (src: string, prop = 'p') => propValue(readDts(`/dts-v1/;\n/ { ${prop} = ${src}; };`, 't').root.props.get(prop)!);

  it('evaluates integer expressions like dtc (64-bit, C precedence)', () => {
    const v = value('<(1 + 2 * 3) (0x10 << 4) (-1) (7 / 2) (1 ? 5 : 6) ((1 < 2) && (3 > 2)) (~0 >> 60) (5 % 3 | 8 ^ 1 & 1)>');
    const cells = Array.from({ length: v.length / 4 }, (_, i) => new DataView(v.buffer).getUint32(i * 4));
    expect(cells).toEqual([7, 0x100, 0xffffffff, 3, 5, 1, 15, 2 | (8 ^ (1 & 1))]);
  });

  it('reads string escapes, octal and char literals, /bits/ and byte strings', () => {
    expect(value('"a\\tb\\x41\\101\\"\\\\"')).toEqual(bytes(0x61, 9, 0x62, 0x41, 0x41, 0x22, 0x5c, 0));
    expect(value("<010 'x' '\\n' 0x10U 5ULL>")).toEqual(bytes(0, 0, 0, 8, 0, 0, 0, 0x78, 0, 0, 0, 10, 0, 0, 0, 0x10, 0, 0, 0, 5));
    expect(value('/bits/ 8 <1 0xff (-1)>, [0102 03], /bits/ 64 <(1 << 40)>')).toEqual(bytes(1, 0xff, 0xff, 1, 2, 3, 0, 0, 1, 0, 0, 0, 0, 0));
    expect(value('"é"')).toEqual(bytes(0xc3, 0xa9, 0));
  });

  it('skips comments anywhere, cpp line markers, and accepts a value split across lines', () => {
    const src = '# 1 "board.dts"\n/dts-v1/;\n# 1 "<built-in>" 1\n/ { /* c */ p = <1 // two\n 2>, // more\n "s" /* end */; q; };\n';
    const { root } = readDts(src, 't');
    expect(propValue(root.props.get('p')!)).toEqual(bytes(0, 0, 0, 1, 0, 0, 0, 2, 0x73, 0));
    expect(propValue(root.props.get('q')!).length).toBe(0);
  });

  it('deletes a node that refers to itself, as dtc does; a reference from a kept node to it still fails', () => {
    const { root } = readDts('/dts-v1/; / { a: a { self = <&a>; }; b { }; }; /delete-node/ &a;', 't');
    expect(root.children.map((c) => c.name)).toEqual(['b']);
    const r = parseDts('/dts-v1/;\n/ { a: a { }; b { p = <&a>; }; };\n/delete-node/ &a;', 't.dts');
    expect(!r.ok && r.error).toMatchObject({ line: 2, column: 24, message: "expected a reference to an existing node, found '&a' which names none" });
  });

  it('assigns phandles to referenced nodes without one, skipping used values', () => {
    const { root } = readDts('/dts-v1/; / { a: a { phandle = <1>; }; b: b { }; p = <&b &a &{/b}>; };', 't');
    expect(propValue(root.props.get('p')!)).toEqual(bytes(0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 2));
  });

  it('resolves path strings and phandles in one value, and only the value that is current', () => {
    const { root } = readDts('/dts-v1/; / { a: a { }; b: b { }; p = <&b>; p = "x", &b, <&a &{/b}>; };', 't');
    // The first p (which would have given b the first phandle) is replaced before resolution.
    expect(propValue(root.props.get('p')!)).toEqual(bytes(0x78, 0, 0x2f, 0x62, 0, 0, 0, 0, 1, 0, 0, 0, 2));
  });
});

describe('parseDts errors name the line and column', () => {
  it.each([
    ['/dts-v1/;\n#include "board.dtsi"\n/ { };', 2, 1, /C preprocessor directives, found #include: upload the preprocessed source/],
    ['/dts-v1/;\n  #define FOO 1\n', 2, 3, /found #define/],
    ['/dts-v1/;\n/include/ "x.dtsi"\n', 2, 1, /self-contained source, found '\/include\/ "x.dtsi"'/],
    ['/dts-v1/;\n/ {\n\tinterrupts = <GIC_SPI 5 4>;\n};', 3, 16, /found 'GIC_SPI' \(an unexpanded C macro\?/],
    ['/dts-v1/;\n/ {\n\tp = <1>\n};', 4, 1, /';' or ',' after the value of 'p', found '}'/],
    ['/dts-v1/;\n/ { p = "abc; };', 2, 9, /close the string/],
    ['/dts-v1/;\n/ { /* never closed', 2, 5, /end of the comment/],
    ['/dts-v1/;\n/ {\n n { };\n', 4, 1, /'}' to close the node opened at line 2, found the end of the file/],
    ['/dts-v1/;\n/ { };\n&missing { };', 3, 1, /defined earlier, found '&missing' which names no node/],
    ['/dts-v1/;\n/ { p = <&nolabel>; };', 2, 10, /existing node, found '&nolabel' which names none/],
    ['/dts-v1/;\n/ { p = <0x100000000>; };', 2, 10, /fits 32 bits, found '0x100000000'/],
    ['/dts-v1/;\n/ { p = /bits/ 7 <1>; };', 2, 16, /\/bits\/ 8, 16, 32 or 64, found '7'/],
    ['/dts-v1/;\n/ { p = [0g]; };', 2, 10, /two hex digits/],
    ['/dts-v1/;\n/plugin/;\n', 2, 1, /overlay/],
    ['/dts-v1/;\n/ { p = <09>; };', 2, 10, /octal/],
    ['/dts-v1/;\n/ { p = <(1 / 0)>; };', 2, 13, /non-zero divisor/],
    ['/dts-v1/;\n', 2, 1, /root node/],
    ['/dts-v1/;\n/ { p = ; };', 2, 9, /expected a value/],
    ['/dts-v1/;\n/ { n @ { }; };', 2, 7, /'=', ';' or '\{' after 'n', found '@'/],
    ['/dts-v1/\n/ { };', 2, 1, /';' after \/dts-v1\/, found '\/'/],
  ])('%j → line %i, column %i', (src, line, column, message) => {
    const r = parseDts(src, 'bad.dts');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({ source: 'bad.dts', line, column });
    expect(r.error.message).toMatch(message);
  });

  it('quotes a short excerpt of an over-long name, not the whole name', () => {
    // The fuzzer's case: a node name repeated into 10,000 characters, then a stray byte.
    const name = 'virtio_mmio@a000' + 'o@a000'.repeat(1700);
    const r = parseDts(`/dts-v1/;\n/ {\n\t${name} ?\n};`, 'long.dts');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({ line: 3, column: 2 + name.length + 1 });
    expect(r.error.message).toBe(`expected '=', ';' or '{' after '${name.slice(0, 48)}...', found '?'`);
  });

  it('names a long unknown label by an excerpt', () => {
    const label = 'x'.repeat(5000);
    const r = parseDts(`/dts-v1/;\n/ { };\n&${label} { };`, 'long.dts');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toBe(`expected a label or path defined earlier, found '&${label.slice(0, 47)}...' which names no node`);
  });

  it('bounds node nesting at 64 levels', () => {
    const src = '/dts-v1/;\n/ ' + '{ n '.repeat(70) + '{ }' + ' };'.repeat(71);
    const r = parseDts(src, 'deep.dts');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/at most 64 deep/);
  });

  it('bounds expression nesting', () => {
    const r = parseDts(`/dts-v1/; / { p = <${'('.repeat(200)}1${')'.repeat(200)}>; };`, 'deep.dts');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/nested at most 64 deep/);
  });
});
