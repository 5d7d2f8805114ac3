/**
 * The engine benchmark's op sequence (issue 2, "Speed"): a seeded 100,000-op iova-trace/1 of
 * alloc/free/reserve on one 4K domain kept at about 10,000 live nodes. bench/engine.bench.ts
 * times the engine on it and bench/kernel-iova.bench.ts replays the very same ops through the
 * kernel's own iova.c, so both figures describe one workload.
 */
import { performance } from 'node:perf_hooks';
import { IovaDomain } from '../../src/engine/iova.ts';
import type { Trace, TraceOp } from '../../src/engine/trace.ts';

export const OPS = 100_000;
export const LIVE_TARGET = 10_000;
export const SEED = 0x10a7a5;

/** mulberry32: small, fast, seeded. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Build the trace while running a domain alongside, so frees name live nodes. Sizes look like
 * dma-iommu's (mostly small, power-of-two after alloc_iova_fast rounding); most limits are 32-bit
 * (PCI devices allocate there first), some 64-bit.
 */
export function engineBenchTrace(seed = SEED): Trace {
  const random = rng(seed);
  const domain = new IovaDomain(0x1000n, 1n);
  const live: bigint[] = [];
  const ops: TraceOp[] = [{ op: 'iova_init', granule: 0x1000n, startPfn: 1n }];
  const sizes = [1n, 1n, 1n, 2n, 2n, 4n, 4n, 8n, 16n, 32n, 64n, 256n];
  while (ops.length < OPS) {
    const x = random();
    const wantAlloc = live.length < LIVE_TARGET ? x < 0.9 : x < 0.5;
    if (x > 0.99) {
      const lo = BigInt(Math.floor(random() * 0xfff00));
      const op: TraceOp = { op: 'iova_reserve', pfnLo: lo, pfnHi: lo + BigInt(Math.floor(random() * 16)) };
      ops.push(op);
      const n = domain.reserve(op.pfnLo, op.pfnHi);
      if (n && !live.includes(n.pfnLo)) live.push(n.pfnLo);
    } else if (wantAlloc || live.length === 0) {
      const op: TraceOp = {
        op: 'iova_alloc',
        size: sizes[Math.floor(random() * sizes.length)]!,
        limitPfn: random() < 0.85 ? 0xfffffn : 0xfffffffffn,
        sizeAligned: random() < 0.9,
      };
      ops.push(op);
      const n = domain.alloc(op.size, op.limitPfn, op.sizeAligned);
      if (n) live.push(n.pfnLo);
    } else {
      const i = Math.floor(random() * live.length);
      const pfn = live[i]!;
      live[i] = live[live.length - 1]!;
      live.pop();
      ops.push({ op: 'iova_free', pfn });
      domain.free(pfn);
    }
  }
  return { format: 'iova-trace/1', name: 'bench-mixed', ops };
}

/** One op on the bare engine, without the printed text: iova_init returns the new domain. */
export function applyOp(domain: IovaDomain | undefined, op: TraceOp): IovaDomain | undefined {
  if (op.op === 'iova_init') return new IovaDomain(op.granule, op.startPfn);
  if (op.op === 'iova_alloc') domain!.alloc(op.size, op.limitPfn, op.sizeAligned);
  else if (op.op === 'iova_free') domain!.free(op.pfn);
  else if (op.op === 'iova_reserve') domain!.reserve(op.pfnLo, op.pfnHi);
  return domain;
}

export type KindCost = Map<string, { n: number; ms: number }>;

/** Cost per op kind on the bare engine, with the clock read around every op. */
function perKind(trace: Trace): KindCost {
  const by: KindCost = new Map();
  let domain: IovaDomain | undefined;
  for (const op of trace.ops) {
    const t0 = performance.now();
    domain = applyOp(domain, op);
    const ms = performance.now() - t0;
    const e = by.get(op.op) ?? { n: 0, ms: 0 };
    e.n += 1;
    e.ms += ms;
    by.set(op.op, e);
  }
  return by;
}

/** The best of `passes` per-kind passes, kind by kind (the machine may be busy with other work). */
export function bestPerKind(trace: Trace, passes: number): KindCost {
  const all = Array.from({ length: passes }, () => perKind(trace));
  return new Map([...all[0]!].map(([k, v]) => [k, { n: v.n, ms: Math.min(...all.map((p) => p.get(k)!.ms)) }]));
}
