/**
 * `npm run fuzz:kernel -- [--seeds N] [--from S] [--ops N]`
 *
 * Differential fuzzing of the engine's IOVA allocator against the kernel's own iova.c (built as
 * for the benchmark, bench/lib/kernelIova.ts): N seeded random traces (bench/lib/randomIovaTrace.ts,
 * every other one with extreme sizes and limits) are replayed on both, and every printed line must
 * agree. Where the engine stops with KernelOops, the kernel's code must fail the same way at the
 * same op (SIGSEGV for an oops, no answer for a lockup) and print the same lines before it.
 * A disagreement is saved to fuzz-failures/kernel-iova/ as an iova-trace/1 file with a note.
 * Needs the kernel source and gcc, like the benchmark; exit status 1 on a disagreement, 2 when it
 * cannot run.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Trace } from '../src/engine/trace.ts';
import { replayTrace, TraceOops } from '../src/engine/traceReplay.ts';
import { traceToJsonText } from '../src/teach/traceJson.ts';
import { buildHarness, extractKernelFiles, findCompiler, findKernelSource, firstDifference, harnessOps, replayOnKernel, type KernelEnd } from './lib/kernelIova.ts';
import { randomIovaTrace } from './lib/randomIovaTrace.ts';

const OUT = join('fuzz-failures', 'kernel-iova');
/** The kernel's code answers these traces in milliseconds; this long without an answer is a lockup. */
const LOCKUP_MS = 3000;

interface Args {
  seeds: number;
  from: number;
  ops: number;
}

function usage(problem: string): never {
  process.stderr.write(`fuzz:kernel: ${problem}\nusage: npm run fuzz:kernel -- [--seeds N] [--from S] [--ops N]\n`);
  process.exit(2);
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { seeds: 200, from: 1, ops: 2000 };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i]!.replace(/^--/, '') as keyof Args;
    const value = Number(argv[i + 1]);
    if (!(key in args)) usage(`unknown option ${argv[i]}`);
    if (!Number.isSafeInteger(value) || value < (key === 'from' ? 0 : 1)) usage(`expected a whole number after ${argv[i]}, found ${argv[i + 1] ?? 'nothing'}`);
    args[key] = value;
  }
  return args;
}

/** What the engine makes of a trace: its output, and where and how the kernel's code would fail. */
function onEngine(trace: Trace): { output: string; failure?: { opIndex: number; kind: 'oops' | 'lockup'; message: string } } {
  try {
    return { output: replayTrace(trace) };
  } catch (e) {
    if (!(e instanceof TraceOops)) throw e;
    return { output: e.printed, failure: { opIndex: e.opIndex, kind: /hard lockup/.test(e.message) ? 'lockup' : 'oops', message: e.message } };
  }
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const source = findKernelSource();
  const compiler = findCompiler();
  if (typeof source === 'string' || typeof compiler === 'string') {
    process.stderr.write(`fuzz:kernel cannot run: ${typeof source === 'string' ? source : compiler}\n`);
    process.exit(2);
  }
  const dir = mkdtempSync(join(tmpdir(), 'iova-atlas-kernel-fuzz-'));
  const counts = { agreed: 0, failuresAgreed: 0, ops: 0, disagreed: 0 };
  try {
    const version = extractKernelFiles(source, dir);
    const bin = buildHarness(compiler.cc, dir);
    const kernel = (trace: Trace): KernelEnd => {
      writeFileSync(join(dir, 'ops.txt'), harnessOps(trace));
      return replayOnKernel(bin, join(dir, 'ops.txt'), join(dir, 'out.txt'), LOCKUP_MS);
    };
    process.stdout.write(`engine against Linux ${version} iova.c: ${args.seeds} traces of up to ${args.ops} ops, seeds ${args.from}..${args.from + args.seeds - 1}\n`);
    for (let seed = args.from; seed < args.from + args.seeds; seed += 1) {
      const trace = randomIovaTrace(seed, args.ops, seed % 2 === 1);
      const engine = onEngine(trace);
      const ran = kernel(trace);
      let problem: string | undefined;
      if (engine.failure) {
        // The kernel fails on the same op, the same way, after printing the same lines.
        const before = kernel({ ...trace, ops: trace.ops.slice(0, engine.failure.opIndex) });
        if (ran.kind !== engine.failure.kind) problem = `the engine says the kernel fails (${engine.failure.kind}) at op ${engine.failure.opIndex}; the kernel's code ${ran.kind === 'done' ? 'ran to the end' : `ended with ${ran.kind}`}`;
        else if (before.kind !== 'done') problem = `the kernel's code already failed (${before.kind}) before op ${engine.failure.opIndex}`;
        else if (before.output !== engine.output) problem = `before the failing op, ${firstDifference(before.output, engine.output)!}`;
      } else if (ran.kind !== 'done') {
        problem = `the kernel's code failed (${ran.kind}) where the engine ran to the end`;
      } else {
        problem = firstDifference(ran.output, engine.output);
      }
      if (problem === undefined) {
        counts.ops += engine.failure ? engine.failure.opIndex : trace.ops.length;
        if (engine.failure) counts.failuresAgreed += 1;
        else counts.agreed += 1;
        continue;
      }
      counts.disagreed += 1;
      mkdirSync(OUT, { recursive: true });
      const file = join(OUT, `${trace.name}.json`);
      writeFileSync(file, traceToJsonText(trace));
      writeFileSync(join(OUT, `${trace.name}.md`), `# ${trace.name}\n\n${problem}\n\nReplay it on the engine with \`npx iova-atlas replay ${file}\`; regenerate it with \`npm run fuzz:kernel -- --from ${seed} --seeds 1 --ops ${args.ops}\`.\n`);
      process.stdout.write(`seed ${seed}: ${problem} (saved to ${file})\n`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  process.stdout.write(
    `${counts.agreed} traces agreed line for line, ${counts.failuresAgreed} ended where the kernel's code fails too (same op, same way, same lines before), ` +
      `${counts.ops.toLocaleString('en')} ops compared; ${counts.disagreed} disagreed\n`,
  );
  process.exitCode = counts.disagreed > 0 ? 1 : 0;
}

main();
