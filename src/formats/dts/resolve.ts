/**
 * Reference resolution after the whole source is read (dtc's fixup_phandle_references and
 * fixup_path_references): &label and &{/path} inside cells become the target's phandle, assigned
 * on demand like dtc does (the lowest unused value from 1); outside cells they become the
 * target's full path string.
 */
import { quote } from '../common/text.ts';
import { nodePath, type DtNode, type DtProp } from '../devicetree/tree.ts';
import type { Scanner } from './scanner.ts';
import type { Fixups, RefSpec } from './values.ts';

export interface PendingProp {
  readonly node: DtNode;
  readonly prop: DtProp;
  readonly fixups: Fixups;
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

export function resolveReferences(s: Scanner, index: NodeIndex, pending: readonly PendingProp[]): void {
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
  for (const { node, prop, fixups } of pending) {
    if (node.props.posOf(prop.name) !== prop.pos) continue; // overwritten or deleted later
    // A deleted node's references are never resolved (dtc's for_each_child skips deleted nodes), so
    // `/delete-node/ &a;` is fine even when a refers to itself or to another deleted node.
    if (!isAttached(node, index)) continue;
    if (fixups.paths.length === 0) {
      // The common case (phandles only): the value's slice of the arena is its own and is
      // patched in place. Set again, as a phandle assigned on the way may have replaced it.
      for (const f of fixups.phandles) writeU32(prop.bytes, prop.off + f.offset, phandle(target(f.ref)));
      node.props.set(prop.name, prop.bytes, prop.off, prop.length, prop.pos);
      continue;
    }
    const spliced = splicePaths(prop, fixups, (ref) => nodePath(target(ref)));
    for (const f of fixups.phandles) writeU32(spliced.bytes, spliced.shift(f.offset), phandle(target(f.ref)));
    node.props.set(prop.name, spliced.prop.bytes, spliced.prop.off, spliced.prop.length, spliced.prop.pos);
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
