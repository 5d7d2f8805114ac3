/**
 * The parsed device tree both front ends produce: the DTS parser (src/formats/dts) and the DTB
 * reader (src/formats/dtb) build the same nodes with raw big-endian property bytes, so one
 * interpreter (interpret.ts) serves both. Locations point back into the input: line/column for
 * source, byte offset for blobs.
 */
import type { Location } from '../../model/located.ts';
import type { SourceRef } from '../../model/scenario.ts';
import { excerpt } from '../common/text.ts';

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

/** The value as a view (allocates: for tests and whole-value uses, not per-cell reads). */
export function propValue(p: DtProp): Uint8Array {
  return p.bytes.subarray(p.off, p.off + p.length);
}

/** Past this many properties a node indexes them by name (hostile inputs have thousands). */
const INDEX_FROM = 12;
/** Slots per property in PropList's flat array: name, bytes, off, length, pos. */
const STRIDE = 5;

type Slot = string | Uint8Array | number | undefined;

/**
 * A node's properties, in one flat array of (name, bytes, off, length, pos) slots rather than a
 * Map of DtProp objects: on a 10 MB tree the Map and the per-property objects were most of the
 * tree's memory. `get` makes the DtProp it returns (short-lived: callers read a few cells).
 * Linear search for the handful of properties a node has; a name index past INDEX_FROM.
 * Setting a name again replaces its value in place, as Map.set does.
 */
export class PropList {
  private slots: Slot[] = [];
  /** Slots in use; the array may have room for more (see reserve and compact). */
  private used = 0;
  /** name → slot start, once the node has many properties; deleted slots then keep a hole. */
  private index: Map<string, number> | undefined = undefined;

  private find(name: string): number {
    if (this.index !== undefined) return this.index.get(name) ?? -1;
    const slots = this.slots;
    for (let i = 0; i < this.used; i += STRIDE) if (slots[i] === name) return i;
    return -1;
  }

  get(name: string): DtProp | undefined {
    const i = this.find(name);
    if (i < 0) return undefined;
    const s = this.slots;
    return { name, bytes: s[i + 1] as Uint8Array, off: s[i + 2] as number, length: s[i + 3] as number, pos: s[i + 4] as number };
  }

  has(name: string): boolean {
    return this.find(name) >= 0;
  }

  /** The source position of a property, or -1 if absent (tells which definition is current). */
  posOf(name: string): number {
    const i = this.find(name);
    return i < 0 ? -1 : (this.slots[i + 4] as number);
  }

  set(name: string, bytes: Uint8Array, off: number, length: number, pos: number): void {
    let i = this.find(name);
    if (i < 0) {
      i = this.used;
      if (i === this.slots.length) this.grow(Math.max(4 * STRIDE, 2 * i));
      this.used = i + STRIDE;
      this.slots[i] = name;
      if (this.index !== undefined) this.index.set(name, i);
      else if (i >= INDEX_FROM * STRIDE) this.buildIndex();
    }
    const s = this.slots;
    s[i + 1] = bytes;
    s[i + 2] = off;
    s[i + 3] = length;
    s[i + 4] = pos;
  }

  delete(name: string): boolean {
    const i = this.find(name);
    if (i < 0) return false;
    const s = this.slots;
    if (this.index === undefined) {
      s.copyWithin(i, i + STRIDE, this.used);
      this.used -= STRIDE;
      s.fill(undefined, this.used, this.used + STRIDE);
    } else {
      this.index.delete(name);
      s.fill(undefined, i, i + STRIDE);
    }
    return true;
  }

  /** Room for `count` more properties: a reader that knows how many come allocates once. */
  reserve(count: number): void {
    if (this.used + count * STRIDE > this.slots.length) this.grow(this.used + count * STRIDE);
  }

  /** Drops the spare room of a grown array (on a 10 MB tree, a quarter of its memory). */
  compact(): void {
    if (this.used < this.slots.length) this.slots = this.slots.slice(0, this.used);
  }

  private grow(capacity: number): void {
    const next = new Array<Slot>(capacity);
    for (let i = 0; i < this.used; i += 1) next[i] = this.slots[i];
    this.slots = next;
  }

  private buildIndex(): void {
    const index = new Map<string, number>();
    for (let i = 0; i < this.used; i += STRIDE) index.set(this.slots[i] as string, i);
    this.index = index;
  }
}

const NO_CHILDREN: readonly DtNode[] = Object.freeze([]);

/**
 * A node of the tree: its properties (the node is its own PropList, which saves an object per
 * node), name, parent and children. It also keeps values derived from it that every pass asks
 * for again (on the node itself: WeakMap side tables cost more in GC than the work they save on
 * a 10 MB tree). They are filled on first use by nodePath, stringList('compatible'),
 * busAddressCells, busSizeCells, the interpreter's availability walk and sourceOf, and are only
 * valid once the tree is complete.
 */
export class DtNode extends PropList {
  /** Leaves (most nodes) share one empty list; addChild gives a node its own. */
  private kids: DtNode[] | readonly DtNode[] = NO_CHILDREN;
  path: string | undefined = undefined;
  compatible: readonly string[] | undefined = undefined;
  addressCells = -1;
  sizeCells = -1;
  /** of_device_is_available on the node and every ancestor (set by the interpreter). */
  available = false;
  /** The SourceRef every scenario entry made from this node shares. */
  source: SourceRef | undefined = undefined;

  constructor(
    /** Full node name with unit address ("pcie@10000000"); "" for the root. */
    readonly name: string,
    readonly parent: DtNode | undefined,
    readonly pos: number,
  ) {
    super();
  }

  get props(): PropList {
    return this;
  }

  get children(): readonly DtNode[] {
    return this.kids;
  }

  addChild(child: DtNode): void {
    if (this.kids === NO_CHILDREN) this.kids = [child];
    else (this.kids as DtNode[]).push(child);
  }

  removeChild(child: DtNode): void {
    const i = this.kids.indexOf(child);
    if (i >= 0) (this.kids as DtNode[]).splice(i, 1);
  }
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

/** "/soc/pcie@40000000"; memoised, since ids, sources and messages all ask for it. */
export function nodePath(node: DtNode): string {
  const known = node.path;
  if (known !== undefined) return known;
  const parent = node.parent;
  // join makes one flat string; + would make a rope per path that every later hash flattens.
  const path = parent === undefined ? '/' : parent.parent === undefined ? '/' + node.name : [nodePath(parent), node.name].join('/');
  node.path = path;
  return path;
}

/** The node's path for a message: its last names when the path is long (see excerpt). */
export function shownPath(node: DtNode): string {
  return excerpt(nodePath(node), 'end');
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

/** Whether the node name without its unit address is `base` (which has no '@'): "flash@0" is a "flash". */
export function hasBaseName(node: DtNode, base: string): boolean {
  const name = node.name;
  return name.startsWith(base) && (name.length === base.length || name.charCodeAt(base.length) === 64);
}
