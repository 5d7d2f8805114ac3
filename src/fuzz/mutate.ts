/**
 * Byte-level mutations of real inputs, in the manner of coverage-less fuzzers: flip bits, set
 * boundary values, cut, duplicate and splice chunks, insert the format's own tokens, and swap
 * numbers for extreme ones. Each returns a new array and a short note of what it did, so a saved
 * failure says how it was made.
 */
import type { Rng } from './random.ts';

export interface Mutated {
  readonly bytes: Uint8Array;
  readonly note: string;
}

/** No case grows beyond this, so a mutation never turns into a memory test of its own. */
export const MAX_CASE_BYTES = 4 << 20;

const encoder = new TextEncoder();
const INTERESTING_BYTES = [0x00, 0x01, 0x7f, 0x80, 0xff, 0x0a, 0x0d, 0x20, 0x22, 0x7b, 0x7d, 0x3b, 0x2f, 0x5c];
const INTERESTING_U32 = [0, 1, 2, 3, 4, 9, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff, 0x10000, 0x00100000];
/** Numbers that stress 64-bit handling when written where a number was. */
const INTERESTING_NUMBERS = ['0', '1', 'ffffffffffffffff', '0xffffffffffffffff', '10000000000000000', '0x10000000000000000', '-1', '4294967295', '99999999999999999999999', 'ffffffff', '8000000'];
/** Tokens of no format in particular: separators, quotes, escapes, unusual characters. */
const GENERIC_TOKENS = ['\n', '\r\n', '\t', ' ', '\u0000', '"', "'", '\\', ':', ',', '{', '}', '[', ']', '(', ')', '<', '>', '\uFEFF', '\u2028', 'é', '\uD800'];

/** Length up to the last non-zero byte: blobs padded with zeros (QEMU's 1 MiB DTBs) mutate where the content is. */
export function contentLength(bytes: Uint8Array): number {
  let n = bytes.length;
  while (n > 0 && bytes[n - 1] === 0) n -= 1;
  return Math.max(n, Math.min(1, bytes.length));
}

function position(rng: Rng, bytes: Uint8Array): number {
  const upto = rng.chance(0.9) ? contentLength(bytes) : bytes.length;
  return rng.int(upto + 1);
}

function splice(bytes: Uint8Array, at: number, remove: number, insert: Uint8Array): Uint8Array {
  const end = Math.min(bytes.length, at + remove);
  const room = Math.max(0, MAX_CASE_BYTES - (bytes.length - (end - at)));
  const add = insert.length > room ? insert.subarray(0, room) : insert;
  const out = new Uint8Array(bytes.length - (end - at) + add.length);
  out.set(bytes.subarray(0, at), 0);
  out.set(add, at);
  out.set(bytes.subarray(end), at + add.length);
  return out;
}

type Mutation = (rng: Rng, bytes: Uint8Array, ctx: MutationContext) => Mutated;

export interface MutationContext {
  /** Tokens of the target's format ("/delete-node/", "System RAM", "sw-msi", …). */
  readonly dictionary: readonly string[];
  /** Other inputs of the same format, for splicing. */
  readonly others: readonly Uint8Array[];
}

const MUTATIONS: readonly Mutation[] = [
  function flipBit(rng, bytes) {
    if (bytes.length === 0) return { bytes: rng.bytes(1), note: 'random byte' };
    const at = Math.min(position(rng, bytes), bytes.length - 1);
    const bit = rng.int(8);
    const out = bytes.slice();
    out[at] = out[at]! ^ (1 << bit);
    return { bytes: out, note: `flip bit ${bit} @${at}` };
  },
  function setByte(rng, bytes) {
    const at = position(rng, bytes);
    const v = rng.pick(INTERESTING_BYTES);
    return { bytes: splice(bytes, at, 1, Uint8Array.of(v)), note: `byte 0x${v.toString(16)} @${at}` };
  },
  function deleteChunk(rng, bytes) {
    const at = position(rng, bytes);
    const n = rng.chance(0.8) ? rng.between(1, 64) : rng.int(Math.max(1, bytes.length >> 2));
    return { bytes: splice(bytes, at, n, new Uint8Array(0)), note: `delete ${n} @${at}` };
  },
  function duplicateChunk(rng, bytes) {
    const from = position(rng, bytes);
    const n = rng.between(1, 256);
    const chunk = bytes.slice(from, from + n);
    const to = position(rng, bytes);
    return { bytes: splice(bytes, to, 0, chunk), note: `copy ${chunk.length} from @${from} to @${to}` };
  },
  function repeatChunk(rng, bytes) {
    // Deep nesting and huge counts: "{{{{…", a node opened ten thousand times, a line repeated.
    const from = position(rng, bytes);
    const chunk = bytes.slice(from, from + rng.between(1, 32));
    const times = rng.pick([2, 10, 100, 1000, 10000]);
    const rep = new Uint8Array(Math.min(chunk.length * times, MAX_CASE_BYTES >> 1));
    for (let i = 0; i < rep.length; i += Math.max(1, chunk.length)) rep.set(chunk.subarray(0, rep.length - i), i);
    return { bytes: splice(bytes, from, 0, rep), note: `repeat ${chunk.length} bytes x${times} @${from}` };
  },
  function insertRandom(rng, bytes) {
    const at = position(rng, bytes);
    const n = rng.between(1, 16);
    return { bytes: splice(bytes, at, 0, rng.bytes(n)), note: `insert ${n} random @${at}` };
  },
  function insertToken(rng, bytes, ctx) {
    const at = position(rng, bytes);
    const token = rng.chance(0.7) && ctx.dictionary.length > 0 ? rng.pick(ctx.dictionary) : rng.pick(GENERIC_TOKENS);
    return { bytes: splice(bytes, at, 0, encoder.encode(token)), note: `insert ${JSON.stringify(token)} @${at}` };
  },
  function overwriteU32(rng, bytes) {
    // Binary formats keep sizes and offsets in aligned big-endian words (the FDT header, cells).
    const at = Math.min(position(rng, bytes) & ~3, Math.max(0, bytes.length - 4));
    const v = rng.chance(0.2) ? bytes.length + rng.between(-8, 8) : rng.pick(INTERESTING_U32);
    const word = new Uint8Array(4);
    new DataView(word.buffer).setUint32(0, v >>> 0);
    return { bytes: splice(bytes, at, 4, word), note: `u32 0x${(v >>> 0).toString(16)} @${at}` };
  },
  function replaceNumber(rng, bytes) {
    // Find a run of hex digits near a random place and put an extreme number there.
    const isHex = (c: number) => (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70) || c === 120;
    let at = position(rng, bytes);
    let tries = 256;
    while (at < bytes.length && !isHex(bytes[at]!) && tries-- > 0) at += 1;
    let end = at;
    while (end < bytes.length && isHex(bytes[end]!)) end += 1;
    const num = rng.pick(INTERESTING_NUMBERS);
    return { bytes: splice(bytes, at, end - at, encoder.encode(num)), note: `number ${num} @${at}` };
  },
  function spliceOther(rng, bytes, ctx) {
    if (ctx.others.length === 0) return { bytes: bytes.slice(0, position(rng, bytes)), note: 'truncate' };
    const other = rng.pick(ctx.others);
    const cut = position(rng, bytes);
    const from = position(rng, other);
    return { bytes: splice(bytes, cut, bytes.length, other.subarray(from)), note: `splice other @${cut}<-@${from}` };
  },
];

/** Apply 1 to 8 mutations in a row. */
export function mutate(rng: Rng, seed: Uint8Array, ctx: MutationContext): Mutated {
  let bytes = seed;
  const notes: string[] = [];
  const count = rng.chance(0.5) ? 1 : rng.between(2, 8);
  for (let i = 0; i < count; i++) {
    const m = rng.pick(MUTATIONS)(rng, bytes, ctx);
    bytes = m.bytes;
    notes.push(m.note);
  }
  return { bytes, note: notes.join(', ') };
}

/** Cut the input short: anywhere, or on a 4-byte boundary (binary formats). */
export function truncate(rng: Rng, seed: Uint8Array): Mutated {
  let at = position(rng, seed);
  if (rng.chance(0.3)) at &= ~3;
  return { bytes: seed.slice(0, at), note: `truncate at ${at} of ${seed.length}` };
}

/** Pure noise, or noise made of the format's tokens (gets further into text parsers). */
export function noise(rng: Rng, dictionary: readonly string[]): Mutated {
  const n = rng.pick([0, 1, 2, 8, 64, 512, 4096]);
  if (rng.chance(0.5) || dictionary.length === 0) return { bytes: rng.bytes(n), note: `${n} random bytes` };
  const parts: string[] = [];
  let len = 0;
  while (len < n) {
    const t = rng.chance(0.7) ? rng.pick(dictionary) : rng.pick([...GENERIC_TOKENS, ...INTERESTING_NUMBERS]);
    parts.push(t);
    len += t.length;
  }
  return { bytes: encoder.encode(parts.join('')), note: `${parts.length} random tokens` };
}
