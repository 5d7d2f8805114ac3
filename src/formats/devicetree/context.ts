/**
 * State shared by the interpreter passes: the tree, the scenario draft, warnings, the phandle
 * index and the caches, plus small helpers every pass needs (translated reg windows, phandle
 * lookups, located warnings).
 */
import type { LocatedError } from '../../model/located.ts';
import type { Iommu, MsiController, SourceRef } from '../../model/scenario.ts';
import { uploadRef, type ScenarioDraft } from '../common/draft.ts';
import { busAddressCells, busSizeCells, regProblem, translateAddr, type RangesCache } from './address.ts';
import { cell, cellsOverflow64, cellsValue, isAvailable, stringList, u32Prop } from './props.ts';
import { nodePath, shownPath, type DtNode, type DtTree } from './tree.ts';

export interface DtContext {
  readonly tree: DtTree;
  readonly source: string;
  /** uploadRef(source).file, made once and shared by every SourceRef. */
  readonly file: string;
  readonly parser: 'dts' | 'dtb';
  readonly draft: ScenarioDraft;
  readonly warnings: LocatedError[];
  /** Warnings past MAX_WARNINGS, counted only. */
  readonly suppressed: { count: number };
  /** Available nodes (status okay and every ancestor too, DtNode.available), in document order. */
  readonly nodes: readonly DtNode[];
  readonly phandles: ReadonlyMap<number, DtNode>;
  readonly ranges: RangesCache;
  readonly iommus: Map<DtNode, Iommu>;
  readonly msiControllers: Map<DtNode, MsiController>;
  /** reserved-memory node → ids of the firmware reservations made from its iommu-addresses. */
  readonly reservations: Map<DtNode, string[]>;
}

export interface CpuWindow {
  readonly start: bigint;
  readonly size: bigint;
  /** reg-names entry, or "#i" when a node has several windows. */
  readonly label: string;
}

/**
 * One walk over every node: the phandle index (disabled nodes can still be referenced) and the
 * available nodes in document order (of_device_is_available on the node and all its ancestors).
 */
export function newContext(tree: DtTree, source: string, parser: 'dts' | 'dtb', draft: ScenarioDraft): DtContext {
  const phandles = new Map<number, DtNode>();
  const nodes: DtNode[] = [];
  const skipped: DtNode[] = [];
  const stack: DtNode[] = [tree.root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    // Parents are visited first, so their availability is already set.
    const parentAvailable = n.parent === undefined || n.parent.available;
    const ok = parentAvailable && isAvailable(n);
    n.available = ok;
    const ph = u32Prop(n, 'phandle') ?? u32Prop(n, 'linux,phandle');
    if (ph !== undefined && ph !== 0 && ph !== 0xffffffff && !phandles.has(ph)) phandles.set(ph, n);
    if (ok) nodes.push(n);
    else if (parentAvailable) skipped.push(n); // the top of a skipped subtree
    for (let i = n.children.length - 1; i >= 0; i -= 1) stack.push(n.children[i]!);
  }
  if (skipped.length > 0) {
    const list = skipped.slice(0, 5).map(shownPath).join(', ');
    draft.notes.push(`Skipped ${skipped.length} node(s) whose status is not "okay" (the kernel does not probe them), with their subtrees: ${list}${skipped.length > 5 ? ', …' : ''}.`);
  }
  return { tree, source, file: uploadRef(source, parser).file, parser, draft, warnings: [], suppressed: { count: 0 }, nodes, phandles, ranges: new Map(), iommus: new Map(), msiControllers: new Map(), reservations: new Map() };
}

/** A hostile tree could warn once per node; past this many, warnings are only counted. */
export const MAX_WARNINGS = 200;

/** A warning located at a property or node position (DtProp.pos / DtNode.pos). */
export function warn(ctx: DtContext, pos: number, message: string): void {
  if (ctx.warnings.length < MAX_WARNINGS) ctx.warnings.push({ ...ctx.tree.locate(pos), message });
  else ctx.suppressed.count += 1;
}

export function sourceOf(ctx: DtContext, node: DtNode): SourceRef {
  return (node.source ??= { file: ctx.file, version: ctx.parser, where: nodePath(node) });
}

/** The node a phandle names, if any. */
export function byPhandle(ctx: DtContext, ph: number): DtNode | undefined {
  return ctx.phandles.get(ph);
}

/** First cell of a property as a phandle target (msi-parent, memory-region entries use cell i). */
export function phandleAt(ctx: DtContext, node: DtNode, prop: string, i = 0): DtNode | undefined {
  const p = node.props.get(prop);
  if (p === undefined || p.length < (i + 1) * 4) return undefined;
  return ctx.phandles.get(cell(p, i));
}

const NO_WINDOWS: readonly CpuWindow[] = Object.freeze([]);

/**
 * The node's `reg` windows as CPU addresses (drivers/of/address.c, of_address_to_resource).
 * Entries that cannot be translated or have size 0 are left out; a malformed `reg` is warned.
 * Every available node asks once, so entries are read straight into windows.
 */
export function cpuWindows(ctx: DtContext, node: DtNode): readonly CpuWindow[] {
  const p = node.props.get('reg');
  const bus = node.parent;
  if (p === undefined || bus === undefined) return NO_WINDOWS;
  let why = regProblem(p, bus);
  let out: CpuWindow[] | undefined;
  if (why === undefined) {
    const na = busAddressCells(bus);
    const width = na + busSizeCells(bus);
    const entries = p.length / 4 / width;
    const pci = na === 3; // of_bus_pci: phys.hi holds the space code, the address is in the other two cells
    for (let k = 0; k < entries; k += 1) {
      const i = k * width;
      if (!pci && cellsOverflow64(p, i, na)) {
        why = `entry ${k} has an address wider than 64 bits`;
        break;
      }
      const size = cellsValue(p, i + na, width - na);
      if (size === 0n) continue;
      const start = pci ? translateAddr(cellsValue(p, i + 1, 2), (cell(p, i) >>> 24) & 3, size, bus, 'ranges', ctx.ranges) : translateAddr(cellsValue(p, i, na), undefined, size, bus, 'ranges', ctx.ranges);
      if (start === undefined) continue;
      const label = stringList(node, 'reg-names')[k] ?? (entries > 1 ? `#${k}` : '');
      if (out === undefined) out = [{ start, size, label }];
      else out.push({ start, size, label });
    }
  }
  if (why === undefined) return out ?? NO_WINDOWS;
  warn(ctx, p.pos, `${shownPath(node)}: reg ignored: ${why}`);
  return NO_WINDOWS;
}
