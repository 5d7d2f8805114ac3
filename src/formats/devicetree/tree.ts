/**
 * The parsed device tree both front ends produce: the DTS parser (src/formats/dts) and the DTB
 * reader (src/formats/dtb) build the same nodes with raw big-endian property bytes, so one
 * interpreter (interpret.ts) serves both. Locations point back into the input: line/column for
 * source, byte offset for blobs.
 */
import type { Location } from '../../model/located.ts';

/** Linux unflattens at most FDT_MAX_DEPTH (64) levels (drivers/of/fdt.c); so do we, for both formats. */
export const MAX_DT_DEPTH = 64;

export interface DtProp {
  readonly name: string;
  readonly value: Uint8Array;
  readonly at: Location;
}

export interface DtNode {
  /** Full node name with unit address ("pcie@10000000"); "" for the root. */
  readonly name: string;
  readonly parent: DtNode | undefined;
  readonly props: Map<string, DtProp>;
  readonly children: DtNode[];
  readonly at: Location;
}

export interface MemReserve {
  readonly address: bigint;
  readonly size: bigint;
  readonly at: Location;
}

export interface DtTree {
  readonly root: DtNode;
  readonly memreserve: readonly MemReserve[];
}

export function newNode(name: string, parent: DtNode | undefined, at: Location): DtNode {
  return { name, parent, props: new Map(), children: [], at };
}

/** "/soc/pcie@40000000" (iterative: depth is bounded by the parsers, but no recursion anyway). */
export function nodePath(node: DtNode): string {
  const parts: string[] = [];
  for (let n: DtNode | undefined = node; n !== undefined && n.parent !== undefined; n = n.parent) parts.push(n.name);
  return parts.length === 0 ? '/' : '/' + parts.reverse().join('/');
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
