/**
 * Property values of device tree source: comma-separated pieces, each a "string", a <cell list>
 * (optionally /bits/ 8|16|32|64), a [byte string] or a &reference (a path string). Cells hold
 * numbers, (expressions), character literals and &phandle references; labels may sit between
 * pieces and cells and are ignored. References are left as fixups for resolve.ts, because a
 * label can be defined after its first use.
 */
import { quote } from '../common/text.ts';
import type { DtProp } from '../devicetree/tree.ts';
import type { ByteWriter } from './bytes.ts';
import { readEscapedChar, readLiteral, readParenExpr } from './expr.ts';
import { PREPROCESS_HINT, type Scanner } from './scanner.ts';

export interface RefSpec {
  /** A label name, or a node path for &{/path}. */
  readonly target: string;
  readonly isPath: boolean;
  readonly pos: number;
}

export interface Fixup {
  readonly offset: number;
  readonly ref: RefSpec;
}

/**
 * The references of one value: 4-byte phandle slots to fill in, and path strings (NUL-terminated)
 * to insert, at offsets into the value. Resolved once the whole source is read (resolve.ts).
 */
export interface Fixups {
  readonly phandles: readonly Fixup[];
  readonly paths: readonly Fixup[];
}

const MACRO_RE = /[A-Za-z_][A-Za-z0-9_]*/y;
const utf8 = new TextEncoder();

const NO_LABELS: readonly string[] = Object.freeze([]);

function isLabelChar(c: number, first: boolean): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || (!first && c >= 48 && c <= 57);
}

/**
 * Skips any `label:` prefixes at the scanner (after blanks); returns their names. Called before
 * every name and cell, so it scans by hand: no regex, and no allocation when there is no label.
 */
export function readLabels(s: Scanner): readonly string[] {
  let out: string[] | undefined;
  const text = s.text;
  for (;;) {
    s.skip();
    const start = s.pos;
    if (!isLabelChar(text.charCodeAt(start), true)) return out ?? NO_LABELS;
    let i = start + 1;
    while (isLabelChar(text.charCodeAt(i), false)) i += 1;
    if (text.charCodeAt(i) !== 58) return out ?? NO_LABELS; // not followed by ':': a name, not a label
    (out ??= []).push(text.slice(start, i));
    s.pos = i + 1;
  }
}

/** &label or &{/path}; the '&' is current. */
export function readRef(s: Scanner): RefSpec {
  const pos = s.pos;
  s.pos += 1;
  if (s.peek() === 123) {
    const end = s.text.indexOf('}', s.pos);
    if (end < 0) s.fail(`expected '}' to close the path reference, found ${s.found(s.text.length)}`, pos);
    const target = s.text.slice(s.pos + 1, end);
    s.pos = end + 1;
    return { target, isPath: true, pos };
  }
  MACRO_RE.lastIndex = s.pos;
  const m = MACRO_RE.exec(s.text);
  if (m === null) s.fail(`expected a label or {/path} after '&', found ${s.found()}`);
  s.pos += m[0].length;
  return { target: m[0], isPath: false, pos };
}


// Scratch lists reused by every value: most values reference nothing, so nothing is allocated.
const scratchPhandles: Fixup[] = [];
const scratchPaths: Fixup[] = [];
const SCRATCH: Fixups = { phandles: scratchPhandles, paths: scratchPaths };

/**
 * The references of the value readValue read last, or undefined when it had none. The lists are
 * the reader's own: take what is needed before the next readValue, which empties them.
 */
export function lastFixups(): Fixups | undefined {
  return scratchPhandles.length === 0 && scratchPaths.length === 0 ? undefined : SCRATCH;
}

/** Reads a property value up to (not including) the ';' into the writer, as property `name`. */
export function readValue(s: Scanner, w: ByteWriter, name: string, pos: number): DtProp {
  // Setting length is a runtime call even on an empty array; most values leave both empty.
  if (scratchPhandles.length !== 0) scratchPhandles.length = 0;
  if (scratchPaths.length !== 0) scratchPaths.length = 0;
  for (;;) {
    readLabels(s);
    const c = s.peek();
    if (c === 34) readString(s, w);
    else if (c === 60) readCells(s, w, 32, scratchPhandles);
    else if (c === 91) readBytes(s, w);
    else if (c === 38) scratchPaths.push({ offset: w.length, ref: readRef(s) });
    else if (s.startsWith('/bits/')) readBits(s, w, scratchPhandles);
    else if (s.startsWith('/incbin/')) s.fail('expected an inline value, found /incbin/ (it needs the referenced file): replace it with the bytes');
    else s.fail(`expected a value ("string", <cells>, [bytes] or &label), found ${s.found()}`);
    readLabels(s);
    if (s.peek() !== 44) break;
    s.pos += 1;
    s.skip();
  }
  return w.finish(name, pos);
}

function readString(s: Scanner, w: ByteWriter): void {
  const open = s.pos;
  const text = s.text;
  s.pos += 1;
  for (;;) {
    const c = s.peek();
    if (c < 0) s.fail('expected \'"\' to close the string, found the end of the file', open);
    if (c === 34) break;
    if (c === 92) {
      w.byte(readEscapedChar(s)); // escapes give single bytes (\x80 is one byte, not UTF-8)
    } else if (c < 0x80) {
      w.byte(c);
      s.pos += 1;
    } else {
      const ch = String.fromCodePoint(text.codePointAt(s.pos)!);
      for (const b of utf8.encode(ch)) w.byte(b);
      s.pos += ch.length;
    }
  }
  s.pos += 1;
  w.byte(0);
}

function readBits(s: Scanner, w: ByteWriter, phandles: Fixup[]): void {
  s.pos += 6;
  s.skip();
  const at = s.pos;
  const bits = readLiteral(s);
  if (bits !== 8n && bits !== 16n && bits !== 32n && bits !== 64n) s.fail(`expected /bits/ 8, 16, 32 or 64, found ${s.found(at)}`, at);
  s.skip();
  if (s.peek() !== 60) s.fail(`expected '<' after /bits/ ${bits}, found ${s.found()}`);
  readCells(s, w, Number(bits), phandles);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * The fast path for the common cell: a plain hex (up to 8 digits) or decimal (up to 9 digits)
 * literal, read as a double without a BigInt. Returns -1 to fall back to readLiteral.
 */
function quickCell(s: Scanner): number {
  const text = s.text;
  let i = s.pos;
  let v = 0;
  if (text.charCodeAt(i) === 48 && (text.charCodeAt(i + 1) | 32) === 120) {
    i += 2;
    const start = i;
    for (;;) {
      const c = text.charCodeAt(i);
      const d = isDigit(c) ? c - 48 : (c | 32) >= 97 && (c | 32) <= 102 ? (c | 32) - 87 : -1;
      if (d < 0) break;
      v = v * 16 + d;
      i += 1;
    }
    if (i === start || i - start > 8) return -1;
  } else {
    if (text.charCodeAt(i) === 48 && isDigit(text.charCodeAt(i + 1))) return -1; // octal
    const start = i;
    while (isDigit(text.charCodeAt(i))) v = v * 10 + (text.charCodeAt(i++) - 48);
    if (i - start > 9) return -1;
  }
  const c = text.charCodeAt(i);
  if ((c | 32) === 117 || (c | 32) === 108) return -1; // suffixes: let readLiteral handle them
  s.pos = i;
  return v;
}

/** Largest value of a /bits/ 8, 16, 32 or 64 cell (made once: the fast path needs none). */
const CELL_MAX: Readonly<Record<number, bigint>> = { 8: 0xffn, 16: 0xffffn, 32: 0xffff_ffffn, 64: 0xffff_ffff_ffff_ffffn };

function readCells(s: Scanner, w: ByteWriter, bits: number, phandles: Fixup[]): void {
  const open = s.pos;
  s.pos += 1;
  for (;;) {
    readLabels(s);
    const c = s.peek();
    if (c === 62) {
      s.pos += 1;
      s.skip();
      return;
    }
    if (c < 0) s.fail("expected '>' to close the cell list, found the end of the file", open);
    if (c === 38) {
      if (bits !== 32) s.fail(`expected 32-bit cells for a phandle reference, found /bits/ ${bits}`);
      phandles.push({ offset: w.length, ref: readRef(s) });
      w.u32(0);
      continue;
    }
    const at = s.pos;
    if (bits === 32 && isDigit(c)) {
      const quick = quickCell(s);
      if (quick >= 0 && quick <= 0xffffffff) {
        w.u32(quick);
        continue;
      }
    }
    const v = c === 40 ? readParenExpr(s) : readLiteral(s);
    if (v === undefined) {
      MACRO_RE.lastIndex = at;
      const hint = MACRO_RE.test(s.text) ? ` (an unexpanded C macro? ${PREPROCESS_HINT})` : '';
      s.fail(`expected a number, (expression), 'c' or &label in the cell list, found ${s.found(at)}${hint}`, at);
    }
    // dtc accepts values that fit the cell, or negative values that sign-extend into it.
    const max = CELL_MAX[bits]!;
    if (v > max && (v | max) !== (1n << 64n) - 1n) s.fail(`expected a value that fits ${bits} bits, found ${quote(s.text.slice(at, s.pos).trim())}`, at);
    w.uint(v & max, bits);
  }
}

function readBytes(s: Scanner, w: ByteWriter): void {
  const open = s.pos;
  s.pos += 1;
  const text = s.text;
  for (;;) {
    readLabels(s);
    const c = s.peek();
    if (c === 93) {
      s.pos += 1;
      s.skip();
      return;
    }
    if (c < 0) s.fail("expected ']' to close the byte string, found the end of the file", open);
    const pair = text.slice(s.pos, s.pos + 2);
    if (!/^[0-9a-fA-F]{2}$/.test(pair)) s.fail(`expected two hex digits per byte in the byte string, found ${s.found()}`);
    w.byte(parseInt(pair, 16));
    s.pos += 2;
  }
}
