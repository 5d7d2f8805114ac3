import { describe, expect, it } from 'vitest';
import {
  U64_MAX,
  add64,
  fls64,
  formatSize,
  hex,
  hex16,
  lastOf,
  log2Exact,
  parseSize,
  parseU64,
  rangeSize,
  roundUpPow2,
  sub64,
} from './u64.ts';

describe('u64 arithmetic wraps like the kernel', () => {
  it('wraps additions and subtractions modulo 2^64', () => {
    expect(add64(U64_MAX, 1n)).toBe(0n);
    expect(sub64(0n, 1n)).toBe(U64_MAX);
  });
  it('computes the inclusive last byte, wrapping for length 0 (a full-space region)', () => {
    expect(lastOf(0x8000000n, 0x100000n)).toBe(0x80fffffn);
    expect(lastOf(0n, 0n)).toBe(U64_MAX);
  });
  it('sizes the whole space exactly as 2^64', () => {
    expect(rangeSize({ start: 0n, last: U64_MAX })).toBe(1n << 64n);
  });
});

describe('bit helpers', () => {
  it('fls64 is 1-based and 0 for 0 (fls_long)', () => {
    expect(fls64(0n)).toBe(0);
    expect(fls64(1n)).toBe(1);
    expect(fls64(U64_MAX)).toBe(64);
  });
  it('roundUpPow2 matches roundup_pow_of_two', () => {
    expect([1n, 2n, 3n, 5n, 31n, 32n, 33n].map(roundUpPow2)).toEqual([1n, 2n, 4n, 8n, 32n, 32n, 64n]);
  });
  it('log2Exact accepts powers of two only', () => {
    expect(log2Exact(0x1000n)).toBe(12);
    expect(log2Exact(1n)).toBe(0);
    expect(log2Exact(0x1800n)).toBeUndefined();
    expect(log2Exact(0n)).toBeUndefined();
  });
});

describe('formatting and parsing', () => {
  it('prints trace hex and sysfs hex', () => {
    expect(hex(0n)).toBe('0x0');
    expect(hex(0x8000000n)).toBe('0x8000000');
    expect(hex16(0x8000000n)).toBe('0x0000000008000000');
  });
  it('parses hex and decimal, rejecting junk and values above u64', () => {
    expect(parseU64('0x1F000')).toBe(0x1f000n);
    expect(parseU64('4096')).toBe(4096n);
    expect(parseU64('0x10000000000000000')).toBeUndefined();
    expect(parseU64('0x')).toBeUndefined();
    expect(parseU64('12z')).toBeUndefined();
  });
  it('formats sizes with binary units', () => {
    expect(formatSize(0x100000n)).toBe('1 MiB');
    expect(formatSize(1n << 48n)).toBe('256 TiB');
    expect(formatSize(1536n << 20n)).toBe('1.5 GiB');
    expect(formatSize(0x2eff0000n)).toBe('751.9 MiB');
  });
  it('parses human sizes', () => {
    expect(parseSize('1.5G')).toBe(1536n << 20n);
    expect(parseSize('3GiB')).toBe(3n << 30n);
    expect(parseSize('512M')).toBe(512n << 20n);
    expect(parseSize('0x40000000')).toBe(1n << 30n);
    expect(parseSize('lots')).toBeUndefined();
  });
});
