/**
 * Seeded random iova-trace/1 traces of iova_alloc / iova_reserve / iova_free, for comparing the
 * engine with the kernel's own iova.c (bench/kernel-iova-fuzz.ts). Unlike the benchmark's trace
 * (engineTrace.ts) they aim at the allocator's corners: every granule, start_pfn 0, 1 and odd
 * values, tiny address spaces (exhaustion, the retry band, max32_alloc_size), frees of pfns inside
 * or outside nodes, overlapping and inverted reserves, and with `extreme` size-0 and 2^63-page
 * allocations and limits at the top of the pfn space (which lead the kernel into oopses and
 * lockups, where the engine must stop with KernelOops).
 */
import { IovaDomain } from '../../src/engine/iova.ts';
import { KernelOops } from '../../src/engine/kernelOops.ts';
import { TRACE_FORMAT, type Trace, type TraceOp } from '../../src/engine/trace.ts';
import { rng } from './engineTrace.ts';

export function randomIovaTrace(seed: number, length: number, extreme: boolean): Trace {
  const random = rng(seed);
  const below = (n: number): bigint => BigInt(Math.floor(random() * n));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const granule = pick([0x1000n, 0x1000n, 0x4000n, 0x10000n]);
  const startPfn = pick([1n, 1n, 0n, 0x10n, 0x100n, 0x7n]);
  const pfnMax = (1n << BigInt(64 - (granule.toString(2).length - 1))) - 1n; // ULLONG_MAX >> shift
  const small = random() < 0.5;
  const space = small ? 0x400 : 0x100000;
  const ops: TraceOp[] = [{ op: 'iova_init', granule, startPfn }];
  // A domain run alongside, so frees mostly name live nodes.
  const domain = new IovaDomain(granule, startPfn);
  const live: bigint[] = [];
  const forget = (pfnLo: bigint): void => {
    const i = live.indexOf(pfnLo);
    if (i >= 0) live.splice(i, 1);
  };
  try {
    while (ops.length < length) {
      const x = random();
      if (x < 0.08) {
        const lo = extreme && random() < 0.2 ? pfnMax - below(64) : below(space * 1.2);
        const hi = random() < 0.05 ? lo - 1n : lo + below(random() < 0.2 ? space / 4 : 16);
        if (hi < 0n) continue;
        ops.push({ op: 'iova_reserve', pfnLo: lo, pfnHi: hi });
        const n = domain.reserve(lo, hi);
        if (n && !live.includes(n.pfnLo)) live.push(n.pfnLo);
      } else if (x < 0.6 || live.length === 0) {
        let size = random() < 0.7 ? 1n << below(small ? 6 : 12) : 1n + below(small ? 100 : 5000);
        if (extreme && random() < 0.03) size = pick([0n, 1n << 40n, pfnMax, pfnMax + 1n, 1n << 63n]);
        let limitPfn = pick(small ? [BigInt(space - 1), below(space), 0x3ffn, 0x1ffn] : [0xfffffn, 0xfffffffffn, below(space), 0xffffffffn]);
        if (extreme && random() < 0.3) limitPfn = pick([pfnMax, pfnMax - below(100), 0xffff_ffff_ffff_ffffn, 0n, startPfn, startPfn > 0n ? startPfn - 1n : 0n]);
        const sizeAligned = random() < 0.7;
        ops.push({ op: 'iova_alloc', size, limitPfn, sizeAligned });
        const n = domain.alloc(size, limitPfn, sizeAligned);
        if (n) live.push(n.pfnLo);
      } else {
        // Mostly a live node (sometimes a pfn inside it), else any pfn at all.
        const pfn = x < 0.95 ? live[Math.floor(random() * live.length)]! + (random() < 0.2 ? below(3) : 0n) : below(space * 2);
        ops.push({ op: 'iova_free', pfn });
        const n = domain.free(pfn);
        if (n) forget(n.pfnLo);
      }
    }
  } catch (e) {
    // The kernel would not survive the last op: the trace ends with it.
    if (!(e instanceof KernelOops)) throw e;
  }
  return { format: TRACE_FORMAT, name: `random-${seed}${extreme ? '-extreme' : ''}`, ops };
}
