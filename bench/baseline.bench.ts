/**
 * Engine replay against a plain baseline measured in the same run (issue 7), so the figure can be
 * compared across machines: a seeded 100,000-op iova-trace/1 (alloc/free/reserve on one 4K
 * domain holding about 10,000 live nodes) replayed by the engine (replayTrace), and the same ops
 * done by a plain bookkeeping loop: a bump allocator in a JavaScript Map with the same BigInt
 * values and the same printed lines, but no balanced tree and none of the kernel's rules. The
 * ratio is what the kernel-faithful allocator costs over bare bookkeeping on this machine.
 * Prints figures; never fails. bench/engine.bench.ts has the per-op figures and the kernel goal.
 */
import { performance } from 'node:perf_hooks';
import { IovaDomain } from '../src/engine/iova.ts';
import { replayTrace, type Trace, type TraceOp } from '../src/engine/trace.ts';
import { hex } from '../src/engine/u64.ts';
import { Rng } from '../src/fuzz/random.ts';
import { table } from './lib/table.ts';

const OPS = 100_000;
const LIVE = 10_000;
const RUNS = 5;
const SIZES = [1n, 1n, 2n, 4n, 8n, 16n, 64n];

/** Ops chosen while a domain runs alongside, so every free names a live node. */
function mixedTrace(seed: number): Trace {
  const rng = new Rng(seed);
  const domain = new IovaDomain(0x1000n, 1n);
  const live: bigint[] = [];
  const ops: TraceOp[] = [{ op: 'iova_init', granule: 0x1000n, startPfn: 1n }];
  while (ops.length < OPS) {
    if (rng.chance(0.01)) {
      const pfnLo = BigInt(rng.int(0xfff00));
      const pfnHi = pfnLo + BigInt(rng.int(8));
      ops.push({ op: 'iova_reserve', pfnLo, pfnHi });
      domain.reserve(pfnLo, pfnHi);
    } else if (live.length === 0 || rng.chance(live.length < LIVE ? 0.9 : 0.5)) {
      const op = { op: 'iova_alloc', size: rng.pick(SIZES), limitPfn: rng.chance(0.8) ? 0xfffffn : 0xfffffffffn, sizeAligned: true } as const;
      ops.push(op);
      const n = domain.alloc(op.size, op.limitPfn, op.sizeAligned);
      if (n) live.push(n.pfnLo);
    } else {
      const [pfn] = live.splice(rng.int(live.length), 1) as [bigint];
      ops.push({ op: 'iova_free', pfn });
      domain.free(pfn);
    }
  }
  return { format: 'iova-trace/1', name: 'baseline-mixed', ops };
}

/** The plain baseline: same ops, same BigInts and output lines, a Map and a bump pointer. */
function plainReplay(trace: Trace): string {
  const nodes = new Map<bigint, bigint>();
  const out: string[] = [];
  let next = 1n;
  for (const op of trace.ops) {
    if (op.op === 'iova_alloc') {
      const lo = next;
      next += op.size;
      nodes.set(lo, next - 1n);
      out.push(`alloc ${hex(lo)} ${hex(next - 1n)}`);
    } else if (op.op === 'iova_free') {
      const hi = nodes.get(op.pfn);
      nodes.delete(op.pfn);
      out.push(hi === undefined ? 'free none' : `free ${hex(op.pfn)} ${hex(hi)}`);
    } else if (op.op === 'iova_reserve') {
      nodes.set(op.pfnLo, op.pfnHi);
      out.push(`reserve ${hex(op.pfnLo)} ${hex(op.pfnHi)}`);
    }
  }
  return out.join('\n') + '\n';
}

function best(f: () => unknown): number {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
}

function main(): void {
  const trace = mixedTrace(0x5eed);
  const engine: number[] = [];
  const plain: number[] = [];
  // Interleaved, after a warm-up of each, so both see the same machine state.
  replayTrace(trace);
  plainReplay(trace);
  for (let i = 0; i < RUNS; i++) {
    engine.push(best(() => replayTrace(trace)));
    plain.push(best(() => plainReplay(trace)));
  }
  const e = Math.min(...engine);
  const p = Math.min(...plain);
  const opsPerS = (ms: number) => Math.round((OPS * 1000) / ms).toLocaleString('en');
  process.stdout.write(
    [
      `Engine replay vs a plain baseline, same run: ${OPS.toLocaleString('en')} ops, ~${LIVE.toLocaleString('en')} live nodes, best of ${RUNS}`,
      '',
      table(
        ['', 'ms', 'ops/s'],
        [
          ['engine (replayTrace)', e.toFixed(1), opsPerS(e)],
          ['plain baseline (Map + bump pointer)', p.toFixed(1), opsPerS(p)],
          ['engine / baseline', `${(e / p).toFixed(2)}x`, ''],
        ],
      ),
      '',
      'No goal for the ratio itself: it makes engine figures from different machines comparable.',
    ].join('\n') + '\n',
  );
}

try {
  main();
} catch (e) {
  process.stdout.write(`baseline benchmark could not run: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
}
