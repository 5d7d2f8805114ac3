/**
 * Engine benchmark: replays a seeded 100,000-op iova-trace/1 (alloc/free/reserve mix on one 4K
 * domain kept at about 10,000 live nodes) and prints ops/s and µs/op per op type. The goal (within 3x
 * of the kernel's C on the same machine) is measured by kernel-iova.bench.ts on the same ops; the
 * 2022 mail figure below is only context. Prints figures and never fails.
 * Run: node bin/run-ts.mjs bench/engine.bench.ts
 */
import { performance } from 'node:perf_hooks';
import { replayTrace } from '../src/engine/trace.ts';
import { LIVE_TARGET, OPS, SEED, bestPerKind, engineBenchTrace } from './lib/engineTrace.ts';

/** alloc_iova's mean per call in a 2022 iova patch mail (another machine and workload): context only. */
const MAIL_ALLOC_US = 3.2;

function row(cells: (string | number)[]): string {
  const widths = [22, 9, 11, 9, 12];
  return cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]!) : String(c).padStart(widths[i]!))).join(' ');
}

function bench(): void {
  const t0 = performance.now();
  const trace = engineBenchTrace(SEED);
  const genMs = performance.now() - t0;

  // Warm up the JIT, then keep the best of a few full replays.
  let best = Infinity;
  let output = '';
  for (let i = 0; i < 4; i++) {
    const s = performance.now();
    output = replayTrace(trace);
    best = Math.min(best, performance.now() - s);
  }
  // Per-op figures: the best of three passes (the machine may be busy with other work).
  const by = bestPerKind(trace, 3);
  const live = output.split('\n').filter((l) => l.startsWith('alloc 0x')).length - output.split('\n').filter((l) => l.startsWith('free 0x')).length;

  const lines = [
    `IOVA engine benchmark: ${OPS.toLocaleString('en')} ops, seeded, 4K granule, ~${LIVE_TARGET.toLocaleString('en')} live nodes (${live.toLocaleString('en')} allocated at the end)`,
    `(trace generated in ${genMs.toFixed(0)} ms)`,
    '',
    row(['', 'ops', 'total ms', 'µs/op', 'ops/s']),
  ];
  const total = { n: 0, ms: 0 };
  for (const [name, e] of [...by].filter(([k]) => k !== 'iova_init')) {
    lines.push(row([name, e.n, e.ms.toFixed(1), ((e.ms * 1000) / e.n).toFixed(2), Math.round((e.n * 1000) / e.ms).toLocaleString('en')]));
    total.n += e.n;
    total.ms += e.ms;
  }
  lines.push(row(['replayTrace (all, text)', trace.ops.length, best.toFixed(1), ((best * 1000) / trace.ops.length).toFixed(2), Math.round((trace.ops.length * 1000) / best).toLocaleString('en')]));
  const alloc = by.get('iova_alloc');
  const allocUs = alloc ? (alloc.ms * 1000) / alloc.n : NaN;
  lines.push(
    '',
    `goal (within 3x of the kernel's C on this machine, same ops): see kernel-iova.bench.ts`,
    `context only: ${allocUs.toFixed(2)} µs per alloc_iova here; a 2022 iova patch mail measured the kernel's at ≈${MAIL_ALLOC_US} µs per call on another machine and workload`,
  );
  process.stdout.write(lines.join('\n') + '\n');
}

try {
  bench();
} catch (e) {
  process.stdout.write(`engine benchmark could not run: ${e instanceof Error ? e.message : String(e)}\n`);
}
