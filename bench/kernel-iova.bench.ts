/**
 * The engine against the kernel's own C (issue 2, "Speed": within 3x of the kernel's code on the
 * same machine). The engine benchmark's seeded 100,000-op trace (bench/lib/engineTrace.ts) is
 * replayed through drivers/iommu/iova.c built from the installed linux-source package
 * (bench/lib/kernelIova.ts) and through the engine, bare in both cases (no output text). Both
 * results are compared line by line, as the conformance traces do, before any figure is shown.
 * Without kernel source or gcc it prints how to get them and skips. Prints figures; a slow figure
 * never fails the run, a result that differs from the kernel's does (exit 1).
 * Run: node bin/run-ts.mjs bench/kernel-iova.bench.ts
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { IovaDomain } from '../src/engine/iova.ts';
import { replayTrace, type Trace } from '../src/engine/trace.ts';
import { hex } from '../src/engine/u64.ts';
import { LIVE_TARGET, OPS, SEED, applyOp, bestPerKind, engineBenchTrace, type KindCost } from './lib/engineTrace.ts';
import { buildHarness, extractKernelFiles, findCompiler, findKernelSource, firstDifference, fnv1a64, harnessOps, runHarness } from './lib/kernelIova.ts';
import { table } from './lib/table.ts';
import { goalFigure } from './lib/figures.ts';

const KERNEL_RUNS = 10;
const ENGINE_RUNS = 5;
const GOAL_RATIO = 3;

/** One bare replay of the trace on the engine, in ms. */
function engineRunMs(trace: Trace): number {
  const t0 = performance.now();
  let domain: IovaDomain | undefined;
  for (const op of trace.ops) domain = applyOp(domain, op);
  return performance.now() - t0;
}

function row(name: string, n: number, ms: number): string[] {
  return [name, n.toLocaleString('en'), ms.toFixed(1), ((ms * 1000) / n).toFixed(3), Math.round((n * 1000) / ms).toLocaleString('en')];
}

/** Kernel and engine rows for each op kind, then the ratio of their times. */
function kindRows(kernel: KindCost, engine: KindCost): string[][] {
  return [...kernel].flatMap(([kind, k]) => {
    const e = engine.get(kind);
    if (!e) return [];
    return [row(`  ${kind}: kernel`, k.n, k.ms), [...row(`  ${kind}: engine`, e.n, e.ms), `${(e.ms / k.ms).toFixed(2)}x`]];
  });
}

function bench(): void {
  const source = findKernelSource();
  const compiler = findCompiler();
  if (typeof source === 'string' || typeof compiler === 'string') {
    process.stdout.write(`kernel C comparison skipped: ${typeof source === 'string' ? source : compiler}\n`);
    return;
  }
  const trace = engineBenchTrace(SEED);
  const dir = mkdtempSync(join(tmpdir(), 'iova-atlas-kernel-'));
  try {
    const t0 = performance.now();
    const version = extractKernelFiles(source, dir);
    const bin = buildHarness(compiler.cc, dir);
    const setupS = (performance.now() - t0) / 1000;
    writeFileSync(join(dir, 'ops.txt'), harnessOps(trace));
    const kernel = runHarness(bin, join(dir, 'ops.txt'), KERNEL_RUNS, join(dir, 'kernel-output.txt'));

    const engineOutput = replayTrace(trace);
    const engineChecksum = fnv1a64(engineOutput);
    const difference = firstDifference(kernel.output, engineOutput);
    engineRunMs(trace); // JIT warm-up
    const engineMs = Math.min(...Array.from({ length: ENGINE_RUNS }, () => engineRunMs(trace)));
    const kernelMs = Math.min(...kernel.runsMs);
    const ratio = engineMs / kernelMs;

    process.stdout.write(
      [
        `IOVA allocator: the engine against the kernel's C on this machine, same ${OPS.toLocaleString('en')} ops`,
        `(engine benchmark trace, seed ${hex(BigInt(SEED))}, 4K granule, ~${LIVE_TARGET.toLocaleString('en')} live nodes; alloc_iova, find_iova + __free_iova, reserve_iova)`,
        `kernel: Linux ${version} drivers/iommu/iova.c + lib/rbtree.c from ${source.path}, ${compiler.version}, -O2, one CPU, locks as no-ops (extracted and built in ${setupS.toFixed(1)} s)`,
        '',
        table(
          ['', 'ops', 'total ms', 'µs/op', 'ops/s', 'engine/kernel'],
          [
            row(`kernel C (best of ${KERNEL_RUNS})`, OPS, kernelMs),
            [...row(`engine (best of ${ENGINE_RUNS})`, OPS, engineMs), `${ratio.toFixed(2)}x`],
            ['per op kind, clock around each op:'],
            ...kindRows(kernel.perKind, bestPerKind(trace, ENGINE_RUNS)),
          ],
        ),
        '',
        `results: kernel checksum ${hex(kernel.checksum)}, engine ${hex(engineChecksum)}: ${difference ? `DIFFERENT, first at ${difference}` : `identical (${(kernel.output.split('\n').length - 1).toLocaleString('en')} result lines compared)`}`,
        `engine / kernel: ${ratio.toFixed(2)}x   goal: within ${GOAL_RATIO}x — ${ratio <= GOAL_RATIO ? 'goal met' : 'goal NOT met'}`,
      ].join('\n') + '\n',
    );
    goalFigure({ name: 'IOVA engine / kernel iova.c, same 100,000 ops', value: `${ratio.toFixed(2)}x`, goal: `within ${GOAL_RATIO}x`, met: ratio <= GOAL_RATIO });
    // Speed is a figure; disagreeing with the kernel is a bug.
    if (difference) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

try {
  bench();
} catch (e) {
  process.stdout.write(`kernel IOVA benchmark could not run: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
}
