/**
 * Exact unsigned 64-bit arithmetic, the way the kernel's u64 / unsigned long / dma_addr_t behave
 * on a 64-bit build: every value lives in [0, 2^64) and every add/sub wraps modulo 2^64.
 *
 * Addresses, sizes and pfns are BigInts. The brands below only document intent; they are erased
 * at run time and cost nothing.
 */
export type U64 = bigint;
/** An I/O virtual address (or a bus/physical address: same width, same arithmetic). */
export type Iova = bigint;
/** A page frame number in units of the IOVA domain's granule. */
export type Pfn = bigint;
/** A length in bytes. */
export type Size = bigint;

export const U64_MAX: U64 = 0xffff_ffff_ffff_ffffn;
export const U64_MOD: bigint = 1n << 64n;

/** Reduce any integer to its u64 value (what a C assignment to a u64 does). */
export function u64(x: bigint): U64 {
  return BigInt.asUintN(64, x);
}

export function add64(a: U64, b: U64): U64 {
  return BigInt.asUintN(64, a + b);
}

export function sub64(a: U64, b: U64): U64 {
  return BigInt.asUintN(64, a - b);
}

/** The inclusive last byte of [start, start + length), as the kernel computes it (may wrap). */
export function lastOf(start: U64, length: Size): U64 {
  return BigInt.asUintN(64, start + length - 1n);
}

/** An inclusive range [start, last], as sysfs and VFIO print them. */
export interface Range {
  readonly start: U64;
  readonly last: U64;
}

export function rangesOverlap(a: Range, b: Range): boolean {
  return a.start <= b.last && b.start <= a.last;
}

export function rangeContains(outer: Range, inner: Range): boolean {
  return outer.start <= inner.start && inner.last <= outer.last;
}

/** Size in bytes of an inclusive range, exact (2^64 for the whole space). */
export function rangeSize(r: Range): bigint {
  return r.last - r.start + 1n;
}

/** Lower-case hex with 0x and no padding: the trace output style (zero prints as 0x0). */
export function hex(x: bigint): string {
  return '0x' + x.toString(16);
}

/** `0x%016llx`: the sysfs reserved_regions style. */
export function hex16(x: bigint): string {
  return '0x' + x.toString(16).padStart(16, '0');
}

const HEX_RE = /^0x[0-9a-fA-F]+$/;
const DEC_RE = /^[0-9]+$/;

/**
 * Parse "0x…" hex or plain decimal into a u64. Returns undefined for anything else, including
 * values of 2^64 or more (the caller reports where and why).
 */
export function parseU64(text: string): U64 | undefined {
  const t = text.trim();
  if (!HEX_RE.test(t) && !DEC_RE.test(t)) return undefined;
  const v = BigInt(t);
  return v <= U64_MAX ? v : undefined;
}

/** log2 of a power of two; undefined when x is not one. */
export function log2Exact(x: bigint): number | undefined {
  if (x <= 0n || (x & (x - 1n)) !== 0n) return undefined;
  return x.toString(2).length - 1;
}

/** fls_long: position of the most significant set bit, 1-based; 0 for 0. */
export function fls64(x: U64): number {
  return x === 0n ? 0 : x.toString(2).length;
}

/** roundup_pow_of_two for x >= 1. */
export function roundUpPow2(x: bigint): bigint {
  return x <= 1n ? 1n : 1n << BigInt(fls64(x - 1n));
}

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'] as const;

/** Human size with binary units, exact when it divides evenly: 0x100000 → "1 MiB". */
export function formatSize(bytes: bigint): string {
  let unit = 0;
  let v = bytes;
  while (unit < UNITS.length - 1 && v >= 1024n && v % 1024n === 0n) {
    v /= 1024n;
    unit += 1;
  }
  if (v >= 1024n && unit < UNITS.length - 1) {
    // Not an exact multiple: show one decimal of the largest fitting unit.
    let u = 0;
    let scaled = Number(bytes);
    while (u < UNITS.length - 1 && scaled >= 1024) {
      scaled /= 1024;
      u += 1;
    }
    return `${scaled.toFixed(1)} ${UNITS[u]}`;
  }
  return `${v} ${UNITS[unit]}`;
}

/** Parse "1.5G", "512M", "3GiB", "0x40000000" or "1073741824" into bytes. */
export function parseSize(text: string): bigint | undefined {
  const plain = parseU64(text);
  if (plain !== undefined) return plain;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([KMGTPE])(?:i?B)?\s*$/i.exec(text);
  if (!m) return undefined;
  const shift = { K: 10n, M: 20n, G: 30n, T: 40n, P: 50n, E: 60n }[m[2]!.toUpperCase() as 'K'];
  const [whole, frac = ''] = m[1]!.split('.');
  const scale = 10n ** BigInt(frac.length);
  const v = ((BigInt(whole!) * scale + BigInt(frac || '0')) << shift) / scale;
  return v <= U64_MAX ? v : undefined;
}
