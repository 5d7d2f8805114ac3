/**
 * Reading property values: big-endian cells, NUL-separated string lists, and the few standard
 * properties the interpreter asks for. All readers are total: a malformed value gives undefined
 * (the caller warns), never an exception.
 */
import { decodeSpan } from '../common/bytesText.ts';
import type { DtNode, DtProp } from './tree.ts';

const EMPTY: readonly string[] = Object.freeze([]);

export function cellCount(p: DtProp): number | undefined {
  return p.length % 4 === 0 ? p.length / 4 : undefined;
}

/** Cell `i` (0-based) as an unsigned 32-bit number. */
export function cell(p: DtProp, i: number): number {
  const v = p.bytes;
  const o = p.off + i * 4;
  return ((v[o]! << 24) | (v[o + 1]! << 16) | (v[o + 2]! << 8) | v[o + 3]!) >>> 0;
}

/** `count` cells from `i` as one number (count 0 → 0n). Values wider than 64 bits keep their low 64. */
export function cellsValue(p: DtProp, i: number, count: number): bigint {
  // The common 1- and 2-cell values below 2^53 make one BigInt, not one per shift and or.
  if (count === 1) return BigInt(cell(p, i));
  if (count === 2) {
    const hi = cell(p, i);
    if (hi < 0x200000) return BigInt(hi * 0x100000000 + cell(p, i + 1));
  }
  let v = 0n;
  for (let k = 0; k < count; k += 1) v = (v << 32n) | BigInt(cell(p, i + k));
  return BigInt.asUintN(64, v);
}

/** True when `count` cells from `i` need more than 64 bits. */
export function cellsOverflow64(p: DtProp, i: number, count: number): boolean {
  for (let k = 0; k < count - 2; k += 1) if (cell(p, i + k) !== 0) return true;
  return false;
}

/** A single-cell property (e.g. #address-cells, phandle); undefined if absent or not one cell. */
export function u32Prop(node: DtNode, name: string): number | undefined {
  const p = node.props.get(name);
  return p !== undefined && p.length === 4 ? cell(p, 0) : undefined;
}

/** Longer values are not remembered (the cache stays small whatever the input). */
const MAX_REMEMBERED = 256;
/**
 * The last list decoded per property name, with a copy of its bytes: siblings repeat their
 * compatible and status, and one shared list per run of equal values keeps a 10 MB tree from
 * holding tens of thousands of equal arrays (and saves their decoding). Keys are the few names
 * this module is asked for, never names from the input.
 */
const recent = new Map<string, { readonly bytes: Uint8Array; readonly list: readonly string[] }>();

function sameBytes(p: DtProp, b: Uint8Array): boolean {
  if (p.length !== b.length) return false;
  const v = p.bytes;
  for (let i = 0, o = p.off; i < b.length; i += 1, o += 1) if (v[o] !== b[i]) return false;
  return true;
}

/** "a\0b\0" split at NULs: a part per NUL-terminated string, and a last unterminated one if any. */
function decodeList(p: DtProp): readonly string[] {
  const v = p.bytes;
  const end = p.off + p.length;
  const parts: string[] = [];
  let start = p.off;
  for (let i = start; i <= end; i += 1) {
    if (i === end || v[i] === 0) {
      if (i > start || i < end) parts.push(decodeSpan(v, start, i));
      start = i + 1;
    }
  }
  return parts;
}

function listOf(name: string, p: DtProp): readonly string[] {
  const last = recent.get(name);
  if (last !== undefined && sameBytes(p, last.bytes)) return last.list;
  const list = decodeList(p);
  if (p.length <= MAX_REMEMBERED) recent.set(name, { bytes: p.bytes.slice(p.off, p.off + p.length), list });
  return list;
}

/** A string-list property ("a\0b\0") split at NULs; [] if absent. Lists may be shared: read only. */
export function stringList(node: DtNode, name: string): readonly string[] {
  const isCompatible = name === 'compatible';
  if (isCompatible && node.compatible !== undefined) return node.compatible; // every pass asks
  const p = node.props.get(name);
  const list = p === undefined || p.length === 0 ? EMPTY : listOf(name, p);
  if (isCompatible) node.compatible = list;
  return list;
}

export function firstString(node: DtNode, name: string): string | undefined {
  return stringList(node, name)[0];
}

export function hasCompatible(node: DtNode, name: string): boolean {
  return stringList(node, 'compatible').includes(name);
}

/**
 * Whether the first string of `p` is `ascii` (non-empty, ASCII), read from the bytes: every node
 * is asked for its status and device_type, and most answers need no string at all. The decoder
 * drops a leading byte-order mark, so it is skipped here too.
 */
function firstStringOfIs(p: DtProp, ascii: string): boolean {
  const v = p.bytes;
  const end = p.off + p.length;
  let o = p.off;
  if (o + 3 <= end && v[o] === 0xef && v[o + 1] === 0xbb && v[o + 2] === 0xbf) o += 3;
  if (end - o < ascii.length) return false;
  for (let k = 0; k < ascii.length; k += 1, o += 1) if (v[o] !== ascii.charCodeAt(k)) return false;
  return o === end || v[o] === 0;
}

/** firstString(node, name) === ascii, without decoding (see firstStringOfIs). */
export function firstStringIs(node: DtNode, name: string, ascii: string): boolean {
  const p = node.props.get(name);
  return p !== undefined && firstStringOfIs(p, ascii);
}

/** of_device_is_available: no status (or an empty one), or "okay"/"ok". */
export function isAvailable(node: DtNode): boolean {
  const p = node.props.get('status');
  return p === undefined || p.length === 0 || firstStringOfIs(p, 'okay') || firstStringOfIs(p, 'ok');
}
