/**
 * A synthetic device tree of any size, written both as source (what dtc -O dts prints, with
 * labels and &references) and as a flattened blob (devicetree specification, chapter 5: header,
 * memory reservation block, structure block, strings block), for the parser benchmarks. The
 * tree looks like a large Arm SoC: SMMUv3 and GICv3 ITS, a PCIe host bridge with iommu-map, a
 * reserved-memory node with iommu-addresses per device, and many platform devices behind the SMMU.
 */

/** A cell is a number or a reference to a labelled node (&label in source, its phandle in a blob). */
export type Cell = number | { readonly ref: string };

export type PropValue = null | string | readonly string[] | readonly Cell[];

export interface Node {
  readonly name: string;
  readonly label?: string;
  readonly props: readonly (readonly [string, PropValue])[];
  readonly children: readonly Node[];
}

export interface Tree {
  readonly memreserve: readonly (readonly [bigint, bigint])[];
  readonly root: Node;
}

const hi = (a: number) => Math.floor(a / 2 ** 32);
const lo = (a: number) => a % 2 ** 32;
const addr64 = (a: number) => [hi(a), lo(a)];

/** `devices` platform devices, one in `reservedEvery` with its own iommu-addresses reservation. */
export function bigSoc(devices: number, reservedEvery = 50): Tree {
  const reservations: Node[] = [];
  const devs: Node[] = [];
  for (let i = 0; i < devices; i++) {
    const base = 0x10_0000_0000 + i * 0x10000;
    const props: [string, PropValue][] = [
      ['compatible', ['bench,dev', 'simple-device']],
      ['reg', [...addr64(base), 0, 0x1000]],
      ['interrupts', [0, 32 + (i % 900), 4]],
      ['iommus', [{ ref: 'smmu' }, i]],
      ['status', 'okay'],
    ];
    if (i % reservedEvery === 0) {
      const r = `rsv${i}`;
      const iova = 0x8000_0000 + (i / reservedEvery) * 0x10_0000;
      reservations.push({ name: `region@${iova.toString(16)}`, label: r, props: [['iommu-addresses', [{ ref: `dev${i}` }, ...addr64(iova), 0, 0x10_0000]]], children: [] });
      props.push(['memory-region', [{ ref: r }]]);
    }
    devs.push({ name: `dev@${base.toString(16)}`, label: `dev${i}`, props, children: [] });
  }
  const cells2: [string, PropValue][] = [
    ['#address-cells', [2]],
    ['#size-cells', [2]],
  ];
  const root: Node = {
    name: '',
    props: [...cells2, ['compatible', ['bench,big-soc']], ['model', 'synthetic SoC for the parser benchmark'], ['interrupt-parent', [{ ref: 'gic' }]]],
    children: [
      { name: 'memory@80000000', props: [['device_type', 'memory'], ['reg', [0, 0x8000_0000, 0x8, 0]]], children: [] },
      { name: 'reserved-memory', props: [...cells2, ['ranges', null]], children: reservations },
      {
        name: 'interrupt-controller@2f000000',
        label: 'gic',
        props: [...cells2, ['compatible', ['arm,gic-v3']], ['#interrupt-cells', [3]], ['interrupt-controller', null], ['ranges', null], ['reg', [0, 0x2f00_0000, 0, 0x10000, 0, 0x2f10_0000, 0, 0x20_0000]]],
        children: [{ name: 'msi-controller@2f020000', label: 'its', props: [['compatible', ['arm,gic-v3-its']], ['msi-controller', null], ['#msi-cells', [1]], ['reg', [0, 0x2f02_0000, 0, 0x20000]]], children: [] }],
      },
      { name: 'iommu@2b400000', label: 'smmu', props: [['compatible', ['arm,smmu-v3']], ['reg', [0, 0x2b40_0000, 0, 0x10_0000]], ['#iommu-cells', [1]], ['dma-coherent', null]], children: [] },
      {
        name: 'pcie@40000000',
        props: [
          ['compatible', ['pci-host-ecam-generic']],
          ['device_type', 'pci'],
          ['#address-cells', [3]],
          ['#size-cells', [2]],
          ['reg', [0x40, 0, 0, 0x1000_0000]],
          ['bus-range', [0, 0xff]],
          ['ranges', [0x0100_0000, 0, 0, 0, 0x5fff_0000, 0, 0x10000, 0x0200_0000, 0, 0x5000_0000, 0, 0x5000_0000, 0, 0x0fff_0000, 0x4300_0000, 0x40, 0, 0x40, 0, 0x40, 0]],
          ['dma-ranges', [0x0200_0000, 0, 0x8000_0000, 0, 0x8000_0000, 0x8, 0]],
          ['iommu-map', [0, { ref: 'smmu' }, 0, 0x10000]],
          ['msi-map', [0, { ref: 'its' }, 0, 0x10000]],
        ],
        children: [],
      },
      { name: 'soc', props: [...cells2, ['compatible', ['simple-bus']], ['ranges', null]], children: devs },
    ],
  };
  return { memreserve: [[0x8000_0000n, 0x10_0000n]], root };
}

// ---- source ------------------------------------------------------------------------------

const hexCell = (c: Cell) => (typeof c === 'number' ? `0x${c.toString(16)}` : `&${c.ref}`);

function dtsValue(v: PropValue): string {
  if (v === null) return '';
  if (typeof v === 'string') return ` = "${v}"`;
  if (v.length > 0 && typeof v[0] === 'string') return ` = ${(v as readonly string[]).map((s) => `"${s}"`).join(', ')}`;
  return ` = <${(v as readonly Cell[]).map(hexCell).join(' ')}>`;
}

export function toDts(tree: Tree): string {
  const out: string[] = ['/dts-v1/;', ''];
  for (const [a, s] of tree.memreserve) out.push(`/memreserve/ 0x${a.toString(16)} 0x${s.toString(16)};`);
  const walk = (n: Node, depth: number) => {
    const pad = '\t'.repeat(depth);
    out.push(`${pad}${n.label ? `${n.label}: ` : ''}${n.name || '/'} {`);
    for (const [name, v] of n.props) out.push(`${pad}\t${name}${dtsValue(v)};`);
    for (const c of n.children) {
      out.push('');
      walk(c, depth + 1);
    }
    out.push(`${pad}};`);
  };
  walk(tree.root, 0);
  return out.join('\n') + '\n';
}

// ---- blob --------------------------------------------------------------------------------

class Words {
  private buf = new Uint8Array(1 << 16);
  length = 0;

  private room(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const bigger = new Uint8Array(Math.max(this.buf.length * 2, this.length + n));
    bigger.set(this.buf.subarray(0, this.length));
    this.buf = bigger;
  }

  u32(v: number): void {
    this.room(4);
    new DataView(this.buf.buffer).setUint32(this.length, v >>> 0);
    this.length += 4;
  }

  /** Bytes, zero-padded to a 4-byte boundary. */
  bytes(b: Uint8Array): void {
    const padded = (b.length + 3) & ~3;
    this.room(padded);
    this.buf.set(b, this.length);
    this.buf.fill(0, this.length + b.length, this.length + padded);
    this.length += padded;
  }

  view(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }
}

const enc = new TextEncoder();

function blobValue(v: PropValue, phandles: ReadonlyMap<string, number>): Uint8Array {
  if (v === null) return new Uint8Array(0);
  if (typeof v === 'string') return enc.encode(`${v}\0`);
  if (v.length > 0 && typeof v[0] === 'string') return enc.encode((v as readonly string[]).map((s) => `${s}\0`).join(''));
  const cells = v as readonly Cell[];
  const out = new Uint8Array(cells.length * 4);
  const dv = new DataView(out.buffer);
  cells.forEach((c, i) => {
    const n = typeof c === 'number' ? c : phandles.get(c.ref);
    if (n === undefined) throw new Error(`no node labelled ${(c as { ref: string }).ref}`);
    dv.setUint32(i * 4, n >>> 0);
  });
  return out;
}

/** The blob dtc would write (version 17), labelled nodes getting phandles 1, 2, … in tree order. */
export function toDtb(tree: Tree): Uint8Array {
  const phandles = new Map<string, number>();
  const number = (n: Node) => {
    if (n.label) phandles.set(n.label, phandles.size + 1);
    n.children.forEach(number);
  };
  number(tree.root);

  const strings = new Map<string, number>();
  let stringsText = '';
  const nameOff = (name: string) => {
    let off = strings.get(name);
    if (off === undefined) {
      off = stringsText.length;
      strings.set(name, off);
      stringsText += `${name}\0`;
    }
    return off;
  };

  const struct = new Words();
  const prop = (name: string, value: Uint8Array) => {
    struct.u32(3);
    struct.u32(value.length);
    struct.u32(nameOff(name));
    struct.bytes(value);
  };
  const walk = (n: Node) => {
    struct.u32(1);
    struct.bytes(enc.encode(`${n.name}\0`));
    for (const [name, v] of n.props) prop(name, blobValue(v, phandles));
    if (n.label) prop('phandle', blobValue([phandles.get(n.label)!], phandles));
    n.children.forEach(walk);
    struct.u32(2);
  };
  walk(tree.root);
  struct.u32(9);

  const rsv = new Words();
  for (const [a, s] of [...tree.memreserve, [0n, 0n] as const]) {
    for (const v of [a, s]) {
      rsv.u32(Number(v >> 32n));
      rsv.u32(Number(v & 0xffffffffn));
    }
  }
  const stringsBytes = enc.encode(stringsText);
  const offRsv = 40;
  const offStruct = offRsv + rsv.length;
  const offStrings = offStruct + struct.length;
  const total = offStrings + stringsBytes.length;
  const out = new Uint8Array(total);
  const dv = new DataView(out.buffer);
  [0xd00dfeed, total, offStruct, offStrings, offRsv, 17, 16, 0, stringsBytes.length, struct.length].forEach((v, i) => dv.setUint32(i * 4, v));
  out.set(rsv.view(), offRsv);
  out.set(struct.view(), offStruct);
  out.set(stringsBytes, offStrings);
  return out;
}

/** The device count whose output is about `bytes` long (sizes grow linearly with the count). */
export function devicesFor(bytes: number, sizeOf: (devices: number) => number): number {
  const probe = 2000;
  return Math.max(1, Math.round((probe * bytes) / sizeOf(probe)));
}
