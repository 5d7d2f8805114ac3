import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { KernelOops } from './kernelOops.ts';
import { IovaDomain, type IovaNode } from './iova.ts';
import { U64_MAX, roundUpPow2 } from './u64.ts';

const span = (n: IovaNode | undefined) => (n ? [n.pfnLo, n.pfnHi] : undefined);
const spans = (d: IovaDomain) => d.nodes().map((n) => [n.pfnLo, n.pfnHi]);

describe('IovaDomain: init_iova_domain', () => {
  it('derives dma_32bit_pfn and max32_alloc_size from the granule', () => {
    expect(new IovaDomain(0x1000n, 1n).dma32bitPfn).toBe(0x100000n);
    expect(new IovaDomain(0x10000n, 1n).dma32bitPfn).toBe(0x10000n);
    const d = new IovaDomain(1n, 0n);
    expect(d.dma32bitPfn).toBe(0x100000000n);
    expect(d.max32AllocSize).toBe(0x100000000n);
    expect(d.nodes()).toEqual([]);
    expect(d.cachedPfns()).toEqual({ cached: U64_MAX, cached32: U64_MAX });
  });

  it('rejects a granule that is not a power of two', () => {
    expect(() => new IovaDomain(0x3000n, 1n)).toThrow(RangeError);
  });
});

describe('IovaDomain: engine-spec §5.4 walk-through (cached node, retry, max32_alloc_size)', () => {
  it('follows every step', () => {
    const d = new IovaDomain(0x1000n, 1n);
    expect(span(d.alloc(1n, 0xfffffn, true))).toEqual([0xfffffn, 0xfffffn]);
    expect(span(d.alloc(4n, 0xfffffn, true))).toEqual([0xffff8n, 0xffffbn]);
    expect(span(d.reserve(1n, 0xffff7n))).toEqual([1n, 0xffff7n]);
    // Pass 1 from the cached node fails; the retry band above it has room.
    expect(span(d.alloc(2n, 0xfffffn, true))).toEqual([0xffffcn, 0xffffdn]);
    expect(span(d.alloc(1n, 0xfffffn, true))).toEqual([0xffffen, 0xffffen]);
    expect(d.alloc(1n, 0xfffffn, true)).toBeUndefined();
    expect(d.max32AllocSize).toBe(1n);
    expect(d.alloc(1n, 0xfffffn, true)).toBeUndefined(); // fast path
    expect(span(d.free(0xffffcn))).toEqual([0xffffcn, 0xffffdn]);
    expect(d.max32AllocSize).toBe(0x100000n);
    expect(span(d.alloc(1n, 0xfffffn, true))).toEqual([0xffffdn, 0xffffdn]);
  });
});

describe('IovaDomain: alloc_iova', () => {
  it('allocates top-down from the limit on a fresh domain, aligned to the rounded-up size', () => {
    const d = new IovaDomain(0x1000n, 1n);
    expect(span(d.alloc(3n, 0xfffffn, true))).toEqual([0xffffcn, 0xffffen]);
    expect(span(d.alloc(3n, 0xfffffn, false))).toEqual([0xffff9n, 0xffffbn]);
  });

  it('never hands out pfns below start_pfn', () => {
    const d = new IovaDomain(0x1000n, 0x10n);
    expect(span(d.alloc(0x10n, 0x1fn, false))).toEqual([0x10n, 0x1fn]);
    expect(d.alloc(1n, 0x1fn, false)).toBeUndefined();
  });

  it('uses separate cached nodes below and above the 32-bit boundary', () => {
    const d = new IovaDomain(0x1000n, 1n);
    d.alloc(1n, 0xfffffn, false);
    d.alloc(1n, 0xfffffffffn, false);
    expect(d.cachedPfns()).toEqual({ cached: 0xfffffffffn, cached32: 0xfffffn });
  });

  it('fails limit_pfn = u64 max (exclusive limit wraps to 0) and records the size', () => {
    const d = new IovaDomain(1n, 0n);
    expect(d.alloc(1n, U64_MAX, false)).toBeUndefined();
    expect(d.max32AllocSize).toBe(1n);
    // ... which now fast-fails every 32-bit allocation until a free below 4 GiB.
    expect(d.alloc(1n, 0xffffn, false)).toBeUndefined();
    expect(span(d.alloc(1n, 0x1ffffffffn, false))).toEqual([0x1ffffffffn, 0x1ffffffffn]);
  });

  it('works with granule 64K (dma_32bit_pfn 0x10000)', () => {
    const d = new IovaDomain(0x10000n, 1n);
    expect(span(d.alloc(1n, 0xffffn, true))).toEqual([0xffffn, 0xffffn]);
    expect(span(d.alloc(0x10000n, 0xfffffffffffn, true))).toEqual([0xfffffff0000n, 0xfffffffffffn]);
  });
});

describe('IovaDomain: alloc_iova_fast (no rcache)', () => {
  it('rounds sizes below 32 pages up to a power of two and aligns', () => {
    const d = new IovaDomain(0x1000n, 1n);
    expect(span(d.allocFast(3n, 0xfffffn))).toEqual([0xffffcn, 0xfffffn]);
    // 33 pages: not rounded, but aligned to 64.
    expect(span(d.allocFast(33n, 0xfffffn))).toEqual([0xfffc0n, 0xfffe0n]); // (0xffffc - 33) & ~63
  });
});

describe('IovaDomain: reserve_iova', () => {
  it('grows the first overlapping node down, continues above it, and adds the remainder', () => {
    const d = new IovaDomain(0x1000n, 1n);
    d.reserve(10n, 20n);
    d.reserve(30n, 40n);
    expect(span(d.reserve(5n, 50n))).toEqual([41n, 50n]);
    expect(spans(d)).toEqual([
      [5n, 20n],
      [21n, 40n],
      [41n, 50n],
    ]);
  });

  it('returns the existing node when it covers the rest, and never merges neighbours', () => {
    const d = new IovaDomain(0x1000n, 1n);
    d.reserve(10n, 20n);
    expect(span(d.reserve(15n, 18n))).toEqual([10n, 20n]);
    expect(span(d.reserve(21n, 22n))).toEqual([21n, 22n]);
    expect(d.nodes()).toHaveLength(2);
  });

  it('grows an allocated node, which is then freed whole', () => {
    const d = new IovaDomain(0x1000n, 1n);
    d.alloc(1n, 0xfffffn, false);
    expect(d.reserve(0xffff0n, 0xfffffn)).toEqual({ pfnLo: 0xffff0n, pfnHi: 0xfffffn, kind: 'allocated' });
    expect(span(d.free(0xffff0n))).toEqual([0xffff0n, 0xfffffn]);
    expect(d.nodes()).toEqual([]);
  });

  it('refuses pfns above u64 max >> shift', () => {
    const d = new IovaDomain(0x1000n, 1n);
    expect(span(d.reserve(0xfffffffffffffn, 0xfffffffffffffn))).toEqual([0xfffffffffffffn, 0xfffffffffffffn]);
    expect(d.reserve(0n, 0x10000000000000n)).toBeUndefined();
    expect(d.nodes()).toHaveLength(1);
  });

  it('with granule 1 can grow the anchor, which stays hidden and cannot be freed', () => {
    const d = new IovaDomain(1n, 1n);
    expect(span(d.reserve(U64_MAX - 5n, U64_MAX))).toEqual([U64_MAX - 5n, U64_MAX]);
    expect(d.nodes()).toEqual([]);
    expect(d.free(U64_MAX - 5n)).toBeUndefined();
    expect(span(d.find(U64_MAX))).toEqual([U64_MAX - 5n, U64_MAX]);
  });

  it('inserts an inverted range as the kernel does, never found again', () => {
    const d = new IovaDomain(0x1000n, 1n);
    expect(span(d.reserve(0x10n, 0xfn))).toEqual([0x10n, 0xfn]);
    expect(d.find(0x10n)).toBeUndefined();
    expect(d.free(0xfn)).toBeUndefined();
    expect(spans(d)).toEqual([[0x10n, 0xfn]]);
  });

  it('stops with KernelOops where the kernel crashes: an alloc starting from a node the tree refused', () => {
    // An inverted node takes pfn_lo 0x100; the alloc that lands on 0x100 is refused by
    // iova_insert_rbtree (WARN) yet becomes the cached node; the next alloc links under it and
    // __rb_insert dereferences its NULL parent (the kernel's own iova.c, built by
    // bench/kernel-iova, dies with SIGSEGV on exactly these ops).
    const d = new IovaDomain(0x1000n, 1n);
    d.reserve(0x100n, 0xffn);
    expect(span(d.alloc(1n, 0x100n, true))).toEqual([0x100n, 0x100n]);
    expect(spans(d)).toEqual([[0x100n, 0xffn]]);
    expect(() => d.alloc(1n, 0x100n, true)).toThrow(KernelOops);
    expect(() => d.alloc(1n, 0x100n, true)).toThrow(/cached node \[0x100, 0x100\] was never inserted/);
    // A size-0 alloc from it lands on its pfn_lo again: refused in turn, never linked, no crash.
    expect(span(d.alloc(0n, 0x100n, false))).toEqual([0x100n, 0xffn]);
  });

  it('stops with KernelOops where the kernel spins forever: a retry band starting at start_pfn again', () => {
    // A size-0 alloc makes [0x100, 0xff], which ends at start_pfn - 1 and becomes the 32-bit cached
    // node. An alloc that fails below it retries from start_pfn, fails the same way and retries
    // again, forever (the kernel's iova.c, built by bench/kernel-iova, never returns on these ops).
    const d = new IovaDomain(0x1000n, 0x100n);
    expect(span(d.alloc(0n, 0xffn, false))).toEqual([0x100n, 0xffn]);
    expect(() => d.alloc(0x10n, 0xffn, true)).toThrow(KernelOops);
    expect(() => d.alloc(0x10n, 0xffn, true)).toThrow(/retry repeats forever .*\(a hard lockup\)/);
  });
});

describe('IovaDomain: find / free', () => {
  it('frees by any pfn inside a node and answers undefined elsewhere', () => {
    const d = new IovaDomain(0x1000n, 1n);
    d.alloc(0x10n, 0xfffffn, true);
    expect(d.free(0xfffefn)).toBeUndefined();
    expect(span(d.free(0xffff7n))).toEqual([0xffff0n, 0xfffffn]);
    expect(d.free(0xffff7n)).toBeUndefined();
  });

  it('does nothing for the anchor (documented choice)', () => {
    const d = new IovaDomain(0x1000n, 1n);
    expect(d.free(U64_MAX)).toBeUndefined();
    expect(d.checkInvariants()).toBeUndefined();
  });

  it('moves cached32 to the successor when the cached node is freed', () => {
    const d = new IovaDomain(0x1000n, 1n);
    d.alloc(1n, 0xfffffn, false); // 0xfffff
    d.alloc(1n, 0xfffffn, false); // 0xffffe, cached32
    d.free(0xffffen);
    expect(d.cachedPfns().cached32).toBe(0xfffffn);
  });
});

/**
 * An independent, deliberately naive reading of engine-spec §3b on a sorted array (predecessor =
 * index - 1; iova_find_limit = lowest node with pfn_hi >= limit). The tree implementation must
 * agree with it on every operation.
 */
class NaiveDomain {
  nodes: { lo: bigint; hi: bigint }[] = [{ lo: U64_MAX, hi: U64_MAX }];
  cached = this.nodes[0]!;
  cached32 = this.nodes[0]!;
  max32: bigint;
  readonly dma32: bigint;
  constructor(
    readonly shift: number,
    readonly start: bigint,
  ) {
    this.dma32 = 1n << BigInt(32 - shift);
    this.max32 = this.dma32;
  }
  alloc(size: bigint, limitPfn: bigint, aligned: boolean): [bigint, bigint] | undefined {
    const limit = BigInt.asUintN(64, limitPfn + 1n);
    const mask = aligned ? BigInt.asUintN(64, U64_MAX << BigInt(size <= 1n ? 0 : (size - 1n).toString(2).length)) : U64_MAX;
    if (limit <= this.dma32 && size >= this.max32) return undefined;
    let i = this.nodes.indexOf(limit <= this.dma32 ? this.cached32 : this.cached);
    const retryPfn = this.nodes[i]!.hi;
    let high = limit;
    let low = this.start;
    let newPfn: bigint;
    let prevIdx: number;
    for (let pass = 0; ; pass++) {
      for (;;) {
        high = high < this.nodes[i]!.lo ? high : this.nodes[i]!.lo;
        newPfn = BigInt.asUintN(64, high - size) & mask;
        prevIdx = i;
        i -= 1;
        if (!(i >= 0 && newPfn <= this.nodes[i]!.hi && newPfn >= low)) break;
      }
      if (high >= size && newPfn >= low) break;
      if (pass === 0 && low === this.start && retryPfn < limit) {
        high = limit;
        low = retryPfn + 1n;
        i = this.nodes.findIndex((n) => n.hi >= limit);
        if (limit > this.dma32) i = this.nodes.length - 1;
        continue;
      }
      this.max32 = size;
      return undefined;
    }
    const node = { lo: newPfn, hi: newPfn + size - 1n };
    this.nodes.splice(prevIdx, 0, node);
    if (node.hi < this.dma32) this.cached32 = node;
    else this.cached = node;
    return [node.lo, node.hi];
  }
  reserve(lo0: bigint, hi: bigint): [bigint, bigint] | undefined {
    if ((lo0 | hi) > U64_MAX >> BigInt(this.shift)) return undefined;
    let lo = lo0;
    let overlap = false;
    for (const n of this.nodes) {
      if (lo <= n.hi && hi >= n.lo) {
        if (lo < n.lo) n.lo = lo;
        if (hi > n.hi) lo = n.hi + 1n;
        if (lo >= n.lo && hi <= n.hi) return [n.lo, n.hi];
        overlap = true;
      } else if (overlap) break;
    }
    const at = this.nodes.findIndex((n) => n.lo > lo);
    this.nodes.splice(at, 0, { lo, hi });
    return [lo, hi];
  }
  free(pfn: bigint): [bigint, bigint] | undefined {
    const i = this.nodes.findIndex((n) => n.lo <= pfn && pfn <= n.hi);
    const n = this.nodes[i];
    if (!n || i === this.nodes.length - 1) return undefined;
    const next = this.nodes[i + 1]!;
    if (n === this.cached32 || (n.hi < this.dma32 && n.lo >= this.cached32.lo)) this.cached32 = next;
    if (n.lo < this.dma32) this.max32 = this.dma32;
    if (n.lo >= this.cached.lo) this.cached = next;
    this.nodes.splice(i, 1);
    return [n.lo, n.hi];
  }
}

type Op =
  | { k: 'alloc'; size: bigint; limit: bigint; aligned: boolean }
  | { k: 'reserve'; lo: bigint; len: bigint }
  | { k: 'free'; pick: number; pfn: bigint };

// A small 64K-granule world (dma_32bit_pfn 0x10000) so that limits straddle the 32-bit boundary
// and the space fills up.
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ k: fc.constant('alloc' as const), size: fc.bigInt(1n, 40n), limit: fc.constantFrom(0xffffn, 0x1003fn, 0xffc0n, 0x10000n, 0xfffn), aligned: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('reserve' as const), lo: fc.bigInt(0xf000n, 0x10040n), len: fc.bigInt(0n, 0x30n) }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('free' as const), pick: fc.nat(), pfn: fc.bigInt(0xf000n, 0x10040n) }) },
);

describe('IovaDomain properties', () => {
  it('agrees with a naive array model and keeps its invariants over random operation sequences', () => {
    fc.assert(
      fc.property(fc.bigInt(0n, 0xf800n), fc.array(opArb, { maxLength: 120 }), (startPfn, ops) => {
        const d = new IovaDomain(0x10000n, startPfn);
        const m = new NaiveDomain(16, startPfn);
        for (const op of ops) {
          if (op.k === 'alloc') {
            const before = d.nodes();
            const got = d.alloc(op.size, op.limit, op.aligned);
            expect(span(got)).toEqual(m.alloc(op.size, op.limit, op.aligned));
            if (got) {
              expect(got.pfnLo >= startPfn && got.pfnHi <= op.limit).toBe(true);
              expect(got.pfnHi - got.pfnLo + 1n).toBe(op.size);
              if (op.aligned) expect(got.pfnLo % roundUpPow2(op.size)).toBe(0n);
              for (const n of before) expect(got.pfnHi < n.pfnLo || got.pfnLo > n.pfnHi).toBe(true);
            }
          } else if (op.k === 'reserve') {
            expect(span(d.reserve(op.lo, op.lo + op.len))).toEqual(m.reserve(op.lo, op.lo + op.len));
          } else {
            const live = d.nodes();
            const pfn = live.length && op.pick % 3 !== 0 ? live[op.pick % live.length]!.pfnLo : op.pfn;
            expect(span(d.free(pfn))).toEqual(m.free(pfn));
          }
          expect(d.checkInvariants()).toBeUndefined();
          expect(spans(d)).toEqual(m.nodes.slice(0, -1).map((n) => [n.lo, n.hi]));
          expect(d.max32AllocSize).toBe(m.max32);
          expect(d.cachedPfns()).toEqual({ cached: m.cached.lo, cached32: m.cached32.lo });
        }
      }),
      { numRuns: 300 },
    );
  });
});
