/**
 * The parsed device tree both front ends produce: the DTS parser (src/formats/dts) and the DTB
 * reader (src/formats/dtb) build the same nodes with raw big-endian property bytes, so one
 * interpreter (interpret.ts) serves both. Locations point back into the input: line/column for
 * source, byte offset for blobs.
 */
import type { Location } from '../../model/located.ts';

/** Linux unflattens at most FDT_MAX_DEPTH (64) levels (drivers/of/fdt.c); so do we, for both formats. */
export const MAX_DT_DEPTH = 64;

/**
 * Where things are is kept as one number per property and node (a byte offset in a blob, a
 * character index in a source) and turned into a Location only for a message (DtTree.locate):
 * a 10 MB tree then carries no Location objects.
 */
export interface DtProp {
  readonly name: string;
  /**
   * The value is bytes[off, off + length): the blob itself, or an arena of source values. No
   * Uint8Array view per property: on a 10 MB tree the views alone would outweigh the input.
   */
  readonly bytes: Uint8Array;
  readonly off: number;
  readonly length: number;
  readonly pos: number;
}

export function makeProp(name: string, bytes: Uint8Array, off: number, length: number, pos: number): DtProp {
  return { name, bytes, off, length, pos };
}

/** The value as a view (allocates: for tests and whole-value uses, not per-cell reads). */
export function propValue(p: DtProp): Uint8Array {
  return p.bytes.subarray(p.off, p.off + p.length);
}

/**
 * Values derived from a node and asked for again and again (by every pass, for every child):
 * kept on the node itself, because WeakMap side tables cost more in GC than the work they save
 * on a 10 MB tree. Filled on first use by nodePath, stringList('compatible'), busAddressCells and
 * busSizeCells; only valid once the tree is complete.
 */
export interface NodeMemo {
  path: string | undefined;
  compatible: readonly string[] | undefined;
  addressCells: number;
  sizeCells: number;
}

export interface DtNode {
  /** Full node name with unit address ("pcie@10000000"); "" for the root. */
  readonly name: string;
  readonly parent: DtNode | undefined;
  readonly props: Map<string, DtProp>;
  readonly children: DtNode[];
  readonly pos: number;
  readonly memo: NodeMemo;
}

export interface MemReserve {
  readonly address: bigint;
  readonly size: bigint;
  readonly pos: number;
}

export interface DtTree {
  readonly root: DtNode;
  readonly memreserve: readonly MemReserve[];
  /** The Location of a `pos`. */
  readonly locate: (pos: number) => Location;
}

export function newNode(name: string, parent: DtNode | undefined, pos: number): DtNode {
  return { name, parent, props: new Map(), children: [], pos, memo: { path: undefined, compatible: undefined, addressCells: -1, sizeCells: -1 } };
}

/** "/soc/pcie@40000000"; memoised, since ids, sources and messages all ask for it. */
export function nodePath(node: DtNode): string {
  const known = node.memo.path;
  if (known !== undefined) return known;
  const parent = node.parent;
  const path = parent === undefined ? '/' : parent.parent === undefined ? '/' + node.name : nodePath(parent) + '/' + node.name;
  node.memo.path = path;
  return path;
}

/** Every node in document order, root first, without recursion. */
export function allNodes(root: DtNode): DtNode[] {
  const out: DtNode[] = [];
  const stack: DtNode[] = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    out.push(n);
    for (let i = n.children.length - 1; i >= 0; i -= 1) stack.push(n.children[i]!);
  }
  return out;
}

/** Node name without the unit address ("pcie@10000000" → "pcie"). */
export function baseName(node: DtNode): string {
  const at = node.name.indexOf('@');
  return at < 0 ? node.name : node.name.slice(0, at);
}
