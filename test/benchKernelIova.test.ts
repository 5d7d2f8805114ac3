/**
 * The pieces of bench/kernel-iova.bench.ts that decide whether the engine agrees with the kernel's
 * C: the op lines harness.c reads and the checksum it prints.
 */
import { describe, expect, it } from 'vitest';
import { fnv1a64, harnessOps } from '../bench/lib/kernelIova.ts';

describe('fnv1a64', () => {
  it('matches the published FNV-1a 64-bit test vectors', () => {
    expect(fnv1a64('')).toBe(0xcbf29ce484222325n);
    expect(fnv1a64('a')).toBe(0xaf63dc4c8601ec8cn);
    expect(fnv1a64('foobar')).toBe(0x85944171f73967e8n);
  });
});

describe('harnessOps', () => {
  it('writes one line per iova op in the format harness.c parses (hex operands, 0/1 alignment)', () => {
    const text = harnessOps({
      format: 'iova-trace/1',
      name: 't',
      ops: [
        { op: 'iova_init', granule: 0x1000n, startPfn: 1n },
        { op: 'iova_alloc', size: 0x10n, limitPfn: 0xfffffn, sizeAligned: true },
        { op: 'iova_alloc', size: 3n, limitPfn: 0xfffffffffn, sizeAligned: false },
        { op: 'iova_reserve', pfnLo: 0x8000n, pfnHi: 0x80ffn },
        { op: 'iova_free', pfn: 0xffff0n },
      ],
    });
    expect(text).toBe('init 0x1000 0x1\nalloc 0x10 0xfffff 1\nalloc 0x3 0xfffffffff 0\nreserve 0x8000 0x80ff\nfree 0xffff0\n');
  });

  it('refuses ops the kernel harness cannot replay instead of dropping them', () => {
    expect(() => harnessOps({ format: 'iova-trace/1', name: 't', ops: [{ op: 'resv_show' }] })).toThrow(/resv_show/);
  });
});
