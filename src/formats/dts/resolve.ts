/**
 * Reference resolution after the whole source is read (dtc's fixup_phandle_references and
 * fixup_path_references): &label and &{/path} inside cells become the target's phandle, assigned
 * on demand like dtc does (the lowest unused value from 1); outside cells they become the
 * target's full path string.
 */
import { quote } from '../common/text.ts';
import { nodePath, type DtNode, type DtProp } from '../devicetree/tree.ts';
import type { Scanner } from './scanner.ts';
import type { Fixup, Fixups, RefSpec } from './values.ts';

/** PendingRefs kinds: bit 0, the reference is &{/path}; bit 1, it becomes a path string, not a phandle. */
const BY_PATH = 1;
const AS_PATH_STRING = 2;

/**
 * The references of every value read so far, kept until the whole source is read: flat arrays,
 * one entry per value and one per reference. A big source has a reference on nearly every node
 * (iommus = <&smmu …>); objects per value and per reference, all alive to the end, took a fifth of
 * the parse time and twice the input's size in memory.
 */
export class PendingRefs {
  // Per value: the node and property (name and position, which tell if it is still current).
  readonly nodes: DtNode[] = [];
  readonly names: string[] = [];
  readonly positions: number[] = [];
  /** Index of the value's first reference in the per-reference arrays. */
  readonly firstRef: number[] = [];
  // Per reference.
  readonly offsets: number[] = [];
  readonly targets: string[] = [];
  readonly refPositions: number[] = [];
  readonly kinds: number[] = [];

  add(node: DtNode, name: string, pos: number, fixups: Fixups): void {
    this.nodes.push(node);
    this.names.push(name);
    this.positions.push(pos);
    this.firstRef.push(this.offsets.length);
    for (const f of fixups.phandles) this.addRef(f, 0);
    for (const f of fixups.paths) this.addRef(f, AS_PATH_STRING);
  }

  private addRef(f: Fixup, kind: number): void {
    this.offsets.push(f.offset);
    this.targets.push(f.ref.target);
    this.refPositions.push(f.ref.pos);
    this.kinds.push(kind | (f.ref.isPath ? BY_PATH : 0));
  }

  /** Reference i as the parser read it. */
  ref(i: number): RefSpec {
    return { target: this.targets[i]!, isPath: (this.kinds[i]! & BY_PATH) !== 0, pos: this.refPositions[i]! };
  }

  /** Value v's references, split as readValue gave them (for the rare value with path strings). */
  fixupsOf(v: number): Fixups {
    const phandles: Fixup[] = [];
    const paths: Fixup[] = [];
    for (let i = this.firstRef[v]!; i < this.refEnd(v); i += 1) (this.kinds[i]! & AS_PATH_STRING ? paths : phandles).push({ offset: this.offsets[i]!, ref: this.ref(i) });
    return { phandles, paths };
  }

  refEnd(v: number): number {
    return v + 1 < this.firstRef.length ? this.firstRef[v + 1]! : this.offsets.length;
  }

  hasPathStrings(v: number): boolean {
    for (let i = this.firstRef[v]!; i < this.refEnd(v); i += 1) if (this.kinds[i]! & AS_PATH_STRING) return true;
    return false;
  }
}

/** What the parser knows about nodes: labels, and nodes removed by /delete-node/. */
export interface NodeIndex {
  readonly root: DtNode;
  readonly labels: ReadonlyMap<string, DtNode>;
  readonly deleted: ReadonlySet<DtNode>;
}

/** dtc's get_node_by_path: a component without '@' also matches a name with a unit address. */
function byPath(root: DtNode, path: string): DtNode | undefined {
  let node: DtNode | undefined = root;
  for (const part of path.split('/')) {
    if (part === '' || node === undefined) continue;
    const exact: DtNode | undefined = node.children.find((c) => c.name === part);
    node = exact ?? (part.includes('@') ? undefined : node.children.find((c) => c.name.split('@')[0] === part));
  }
  return node;
}

function isAttached(node: DtNode, index: NodeIndex): boolean {
  if (index.deleted.size === 0) return true;
  for (let n: DtNode | undefined = node; n !== undefined; n = n.parent) if (index.deleted.has(n)) return false;
  return true;
}

export function findRef(ref: RefSpec, index: NodeIndex): DtNode | undefined {
  const node = ref.isPath ? byPath(index.root, ref.target) : index.labels.get(ref.target);
  return node !== undefined && isAttached(node, index) ? node : undefined;
}

function u32Bytes(v: number): Uint8Array {
  return new Uint8Array([v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff]);
}

function writeU32(b: Uint8Array, o: number, v: number): void {
  b[o] = v >>> 24;
  b[o + 1] = (v >>> 16) & 0xff;
  b[o + 2] = (v >>> 8) & 0xff;
  b[o + 3] = v & 0xff;
}

function readU32(b: Uint8Array, o: number): number {
  return ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;
}

function existingPhandles(root: DtNode): Map<DtNode, number> {
  const out = new Map<DtNode, number>();
  const stack = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    for (const c of n.children) stack.push(c);
    const p = n.props.get('phandle') ?? n.props.get('linux,phandle');
    if (p !== undefined && p.length === 4) out.set(n, readU32(p.bytes, p.off));
  }
  return out;
}

export function resolveReferences(s: Scanner, index: NodeIndex, pending: PendingRefs): void {
  const phandleOf = existingPhandles(index.root);
  const used = new Set(phandleOf.values());
  const pathCache = new Map<string, DtNode | undefined>();
  let next = 1;
  const target = (ref: RefSpec): DtNode => {
    let node: DtNode | undefined;
    if (ref.isPath) {
      if (!pathCache.has(ref.target)) pathCache.set(ref.target, findRef(ref, index));
      node = pathCache.get(ref.target);
    } else {
      node = findRef(ref, index);
    }
    if (node === undefined) s.fail(`expected a reference to an existing node, found ${quote(ref.isPath ? `&{${ref.target}}` : `&${ref.target}`)} which names none`, ref.pos);
    return node;
  };
  const phandle = (t: DtNode): number => {
    let ph = phandleOf.get(t);
    if (ph === undefined) {
      while (used.has(next)) next += 1;
      ph = next;
      used.add(ph);
      phandleOf.set(t, ph);
      t.props.set('phandle', u32Bytes(ph), 0, 4, t.pos);
    }
    return ph;
  };
  for (let v = 0; v < pending.nodes.length; v += 1) {
    const node = pending.nodes[v]!;
    const name = pending.names[v]!;
    if (node.props.posOf(name) !== pending.positions[v]) continue; // overwritten or deleted later
    // A deleted node's references are never resolved (dtc's for_each_child skips deleted nodes), so
    // `/delete-node/ &a;` is fine even when a refers to itself or to another deleted node.
    if (!isAttached(node, index)) continue;
    const prop = node.props.get(name)!;
    if (!pending.hasPathStrings(v)) {
      // The common case (phandles only): the value's slice of the arena is its own and is
      // patched in place. Set again, as a phandle assigned on the way may have replaced it.
      for (let i = pending.firstRef[v]!; i < pending.refEnd(v); i += 1) writeU32(prop.bytes, prop.off + pending.offsets[i]!, phandle(target(pending.ref(i))));
      node.props.set(name, prop.bytes, prop.off, prop.length, prop.pos);
      continue;
    }
    const fixups = pending.fixupsOf(v);
    const spliced = splicePaths(prop, fixups, (ref) => nodePath(target(ref)));
    for (const f of fixups.phandles) writeU32(spliced.bytes, spliced.shift(f.offset), phandle(target(f.ref)));
    node.props.set(name, spliced.prop.bytes, spliced.prop.off, spliced.prop.length, spliced.prop.pos);
  }
}

/**
 * The property with the NUL-terminated path of each path reference inserted at its offset, its
 * bytes, and a function moving an offset of the original value to its place in those bytes.
 */
function splicePaths(prop: DtProp, fixups: Fixups, pathOf: (ref: RefSpec) => string): { prop: DtProp; bytes: Uint8Array; shift: (offset: number) => number } {
  const value = prop.bytes.subarray(prop.off, prop.off + prop.length);
  const enc = new TextEncoder();
  const inserts = fixups.paths.map((f) => ({ offset: f.offset, data: enc.encode(pathOf(f.ref) + '\0') }));
  const out = new Uint8Array(value.length + inserts.reduce((a, x) => a + x.data.length, 0));
  let from = 0;
  let to = 0;
  for (const x of inserts) {
    out.set(value.subarray(from, x.offset), to);
    to += x.offset - from;
    out.set(x.data, to);
    to += x.data.length;
    from = x.offset;
  }
  out.set(value.subarray(from), to);
  const shift = (offset: number) => inserts.reduce((o, x) => (x.offset <= offset ? o + x.data.length : o), offset);
  return { prop: { name: prop.name, bytes: out, off: 0, length: out.length, pos: prop.pos }, bytes: out, shift };
}
