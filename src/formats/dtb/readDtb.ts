/**
 * Reader for flattened device tree blobs (the devicetree specification, chapter 5, and libfdt's
 * checks): header (magic 0xd00dfeed, version, last_comp_version, sizes and offsets inside the
 * file), memory reservation block, structure block tokens (BEGIN_NODE, END_NODE, PROP, NOP, END)
 * and strings block. Bytes after totalsize are padding (QEMU's dumpdtb pads to 1 MiB) and ignored.
 * Every check names the byte offset it failed at; property values are views into the input.
 */
import { decodeSpan } from '../common/bytesText.ts';
import { failAt } from '../common/failure.ts';
import { DtNode, MAX_DT_DEPTH, type DtTree, type MemReserve } from '../devicetree/tree.ts';

export const FDT_MAGIC = 0xd00dfeed;
const FDT_BEGIN_NODE = 1;
const FDT_END_NODE = 2;
const FDT_PROP = 3;
const FDT_NOP = 4;
const FDT_END = 9;
/** libfdt reads versions 16 and 17; 17 is what dtc writes. */
const FIRST_VERSION = 16;
const LAST_VERSION = 17;

/** Longer than any real property name (the specification allows 31 characters); bounds the scan. */
const MAX_PROP_NAME = 256;


interface Header {
  readonly totalsize: number;
  readonly offStruct: number;
  readonly offStrings: number;
  readonly offRsvmap: number;
  readonly version: number;
  readonly sizeStrings: number;
  readonly sizeStruct: number;
}

function hex(n: number): string {
  return '0x' + n.toString(16);
}

export function readDtb(bytes: Uint8Array, source: string): DtTree {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = (offset: number, message: string): never => failAt({ source, offset, message });
  const h = readHeader(view, at);
  const memreserve = readRsvmap(view, h, at);
  const root = readStruct(bytes, view, h, at);
  return { root, memreserve, locate: (offset) => ({ source, offset }) };
}

type At = (offset: number, message: string) => never;

function readHeader(view: DataView, at: At): Header {
  const len = view.byteLength;
  if (len < 4) at(0, `expected the device tree magic 0xd00dfeed, found a file of ${len} bytes`);
  const magic = view.getUint32(0);
  if (magic !== FDT_MAGIC) at(0, `expected the device tree magic 0xd00dfeed, found ${hex(magic)}`);
  if (len < 40) at(len, `expected a 40-byte header, found a file of ${len} bytes`);
  const u = (o: number) => view.getUint32(o);
  const version = u(20);
  const lastComp = u(24);
  if (version < FIRST_VERSION) at(20, `expected version ${FIRST_VERSION} or later, found ${version}`);
  if (lastComp > LAST_VERSION) at(24, `expected last_comp_version at most ${LAST_VERSION}, found ${lastComp}`);
  const headerSize = version >= 17 ? 40 : 36;
  const totalsize = u(4);
  if (totalsize > len) at(4, `expected totalsize at most the file length ${len}, found ${totalsize} (truncated blob?)`);
  if (totalsize < headerSize) at(4, `expected totalsize of at least ${headerSize} (the header), found ${totalsize}`);
  const offStruct = u(8);
  const offStrings = u(12);
  const offRsvmap = u(16);
  const sizeStrings = u(32);
  const sizeStruct = version >= 17 ? u(36) : totalsize - Math.min(offStruct, totalsize);
  const inside = (field: number, name: string, off: number, size: number) => {
    if (off < headerSize || off > totalsize || size > totalsize - off) {
      at(field, `expected the ${name} (offset ${hex(off)}, size ${size}) inside the blob's ${totalsize} bytes after the header, found it outside`);
    }
  };
  inside(8, 'structure block', offStruct, sizeStruct);
  inside(12, 'strings block', offStrings, sizeStrings);
  inside(16, 'memory reservation block', offRsvmap, 0);
  if (offStruct % 4 !== 0) at(8, `expected the structure block offset to be a multiple of 4, found ${hex(offStruct)}`);
  if (offRsvmap % 8 !== 0) at(16, `expected the memory reservation block offset to be a multiple of 8, found ${hex(offRsvmap)}`);
  return { totalsize, offStruct, offStrings, offRsvmap, version, sizeStrings, sizeStruct };
}

function readRsvmap(view: DataView, h: Header, at: At): MemReserve[] {
  const out: MemReserve[] = [];
  for (let o = h.offRsvmap; ; o += 16) {
    if (o + 16 > h.totalsize) at(o, 'expected the memory reservation block to end with an all-zero entry, found the end of the blob');
    const address = view.getBigUint64(o);
    const size = view.getBigUint64(o + 8);
    if (address === 0n && size === 0n) return out;
    out.push({ address, size, pos: o });
  }
}

function readStruct(bytes: Uint8Array, view: DataView, h: Header, at: At): DtNode {
  const end = h.offStruct + h.sizeStruct;
  const strEnd = h.offStrings + h.sizeStrings;
  const names = new Map<number, string>();
  let root: DtNode | undefined;
  let cur: DtNode | undefined;
  let depth = 0;
  let o = h.offStruct;
  for (;;) {
    if (o + 4 > end) at(o, 'expected a structure token, found the end of the structure block (missing FDT_END)');
    const token = view.getUint32(o);
    const tokenAt = o;
    o += 4;
    if (token === FDT_NOP) continue;
    if (token === FDT_BEGIN_NODE) {
      const nul = bytes.indexOf(0, o);
      if (nul < 0 || nul >= end) at(o, 'expected a NUL-terminated node name, found the end of the structure block');
      if (root !== undefined && cur === undefined) at(tokenAt, 'expected FDT_END after the root node, found a second root (FDT_BEGIN_NODE)');
      depth += 1;
      if (depth > MAX_DT_DEPTH) at(tokenAt, `expected nodes nested at most ${MAX_DT_DEPTH} deep, found deeper nesting`);
      const name = cur === undefined ? '' : decodeSpan(bytes, o, nul);
      const node = new DtNode(name, cur, tokenAt);
      if (cur === undefined) root = node;
      else cur.addChild(node);
      cur = node;
      o = (nul + 4) & ~3;
      node.reserve(propsAhead(view, o, end));
      continue;
    }
    if (token === FDT_END_NODE) {
      if (cur === undefined) at(tokenAt, 'expected FDT_BEGIN_NODE or FDT_END, found FDT_END_NODE with no open node');
      cur.compact();
      cur = cur.parent;
      depth -= 1;
      continue;
    }
    if (token === FDT_PROP) {
      if (cur === undefined) at(tokenAt, 'expected FDT_BEGIN_NODE, found FDT_PROP outside any node');
      if (o + 8 > end) at(o, 'expected a property length and name offset, found the end of the structure block');
      const len = view.getUint32(o);
      const nameoff = view.getUint32(o + 4);
      if (len > end - (o + 8)) at(o, `expected a property of at most ${end - (o + 8)} bytes (the rest of the structure block), found length ${len}`);
      const name = propName(bytes, names, h.offStrings, strEnd, nameoff, o + 4, at);
      cur.props.set(name, bytes, o + 8, len, tokenAt);
      o = (o + 8 + len + 3) & ~3;
      continue;
    }
    if (token === FDT_END) {
      if (root === undefined) at(tokenAt, 'expected a root node (FDT_BEGIN_NODE), found FDT_END');
      if (cur !== undefined) at(tokenAt, `expected FDT_END_NODE to close ${depth} open node(s), found FDT_END`);
      return root;
    }
    at(tokenAt, `expected a structure token (1 BEGIN_NODE, 2 END_NODE, 3 PROP, 4 NOP, 9 END), found ${hex(token)}`);
  }
}

/** How many FDT_PROP tokens follow at `o` (NOPs between them skipped): a node's property count. */
function propsAhead(view: DataView, o: number, end: number): number {
  let n = 0;
  while (o + 12 <= end) {
    const token = view.getUint32(o);
    if (token === FDT_NOP) o += 4;
    else if (token === FDT_PROP) {
      const len = view.getUint32(o + 4);
      if (len > end - o - 12) break; // readStruct reports it
      n += 1;
      o += 12 + ((len + 3) & ~3);
    } else break;
  }
  return n;
}

function propName(bytes: Uint8Array, cache: Map<number, string>, offStrings: number, strEnd: number, nameoff: number, field: number, at: At): string {
  const known = cache.get(nameoff);
  if (known !== undefined) return known;
  const start = offStrings + nameoff;
  if (nameoff >= strEnd - offStrings) at(field, `expected a property name offset inside the ${strEnd - offStrings}-byte strings block, found ${hex(nameoff)}`);
  const limit = Math.min(strEnd, start + MAX_PROP_NAME);
  const rel = bytes.subarray(start, limit).indexOf(0);
  if (rel < 0) at(field, `expected a NUL-terminated property name of at most ${MAX_PROP_NAME} bytes at strings offset ${hex(nameoff)}, found ${limit === strEnd ? 'the end of the strings block' : 'a longer one'}`);
  const nul = start + rel;
  const name = decodeSpan(bytes, start, nul);
  cache.set(nameoff, name);
  return name;
}
