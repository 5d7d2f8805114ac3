/**
 * `npm run fuzz -- [--cases N] [--seed S] [--format F[,F…]] [--case I] [--known] [--ignore TEXT]`
 *
 * The seeded fuzzing of src/fuzz/parsers.test.ts, for longer: N cases per target (default 2000),
 * under seed S (default: a fresh one, printed), for every target or those named. `--case I` runs
 * one case and prints how it was made. `--known` runs the saved inputs in
 * src/fuzz/regressions/known/ (failures waiting for a parser fix). `--ignore TEXT` drops findings
 * whose problem contains TEXT (a known bug that would hide others). Every failing input is saved to
 * fuzz-failures/<target>/ with a note saying how to reproduce it and how to keep it as a
 * regression test. Exit status 1 if anything failed, 2 on bad arguments.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CaseMaker } from '../src/fuzz/cases.ts';
import { runCases, type Finding, type RunSummary } from '../src/fuzz/pool.ts';
import { KNOWN_DIR, regressionFiles } from '../src/fuzz/regressions.ts';
import { TARGETS, targetById, type FuzzTarget } from '../src/fuzz/targets.ts';

const OUT = 'fuzz-failures';

interface Args {
  cases: number;
  seed: number;
  targets: FuzzTarget[];
  single?: number;
  known: boolean;
  ignore: string[];
}

function usage(problem: string): never {
  process.stderr.write(`fuzz: ${problem}\nusage: npm run fuzz -- [--cases N] [--seed S] [--format ${TARGETS.map((t) => t.id).join('|')}] [--case I] [--known] [--ignore TEXT]\n`);
  process.exit(2);
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { cases: 2000, seed: Date.now() % 1_000_000_007, targets: [...TARGETS], known: false, ignore: [] };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    if (flag === '--known') {
      args.known = true;
      continue;
    }
    const value = argv[++i];
    if (value === undefined) usage(`${flag} needs a value`);
    const n = Number(value);
    if (flag === '--cases' || flag === '--seed' || flag === '--case') {
      if (!Number.isSafeInteger(n) || n < 0) usage(`${flag} expects a whole number, found ${value}`);
      if (flag === '--cases') args.cases = n;
      else if (flag === '--seed') args.seed = n;
      else args.single = n;
    } else if (flag === '--ignore') {
      args.ignore.push(value);
    } else if (flag === '--format') {
      args.targets = value.split(',').map((id) => targetById(id) ?? usage(`unknown format ${id}`));
    } else usage(`unknown option ${flag}`);
  }
  return args;
}

/** Save the input and a note; returns the file name. */
function save(f: Finding, seed: number, bytes: Uint8Array, made: string): string {
  const dir = join(OUT, f.target);
  mkdirSync(dir, { recursive: true });
  const base = join(dir, `seed${seed}-case${f.index}`);
  writeFileSync(`${base}.bin`, bytes);
  writeFileSync(
    `${base}.txt`,
    [
      `target:    ${f.target} (${targetById(f.target)?.calls ?? '?'})`,
      `case:      ${f.index} of seed ${seed}, ${bytes.length} bytes`,
      `made by:   ${made}`,
      `problem:   ${f.problem}`,
      '',
      `reproduce: npm run fuzz -- --format ${f.target} --seed ${seed} --case ${f.index}`,
      'keep it as a regression test (run by src/fuzz/regressions.test.ts on every `npm test`):',
      `  cp ${base}.bin src/fuzz/regressions/${f.target}--<what-it-shows>.bin`,
      `  (or src/fuzz/regressions/known/ while the parser is not fixed yet; \`npm run fuzz -- --known\` runs those)`,
      '',
    ].join('\n'),
  );
  return `${base}.bin`;
}

function report(target: FuzzTarget, seed: number, r: RunSummary, ms: number): void {
  const slow = r.slowest ? `, slowest case ${r.slowest.index} (${r.slowest.bytes} bytes) ${r.slowest.ms.toFixed(1)} ms` : '';
  process.stdout.write(`${target.id.padEnd(24)} ${String(r.cases).padStart(7)} cases in ${(ms / 1000).toFixed(1)} s${slow}: ${r.findings.length} failing\n`);
  if (r.findings.length === 0) return;
  const maker = new CaseMaker(target, seed);
  for (const f of r.findings) {
    const c = maker.make(f.index);
    process.stdout.write(`  case ${f.index}: ${f.problem.slice(0, 300)}\n    made by ${c.note.slice(0, 300)}\n    saved ${save(f, seed, c.bytes, c.note)}\n`);
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  let failing = 0;
  if (args.known) {
    for (const [id, files] of regressionFiles(KNOWN_DIR)) {
      const r = await runCases({ target: id, files, from: 0, to: files.length });
      process.stdout.write(`${id}: ${files.length} known failing inputs, ${r.findings.length} still failing\n`);
      for (const f of r.findings) process.stdout.write(`  ${files[f.index]}: ${f.problem.slice(0, 300)}\n`);
      failing += r.findings.length;
    }
  } else {
    process.stdout.write(`fuzz: seed ${args.seed}, ${args.single === undefined ? `${args.cases} cases per target` : `case ${args.single}`}\n`);
    for (const target of args.targets) {
      const from = args.single ?? 0;
      const to = args.single === undefined ? args.cases : args.single + 1;
      if (args.single !== undefined) process.stdout.write(`${target.id} case ${from}: ${new CaseMaker(target, args.seed).make(from).note}\n`);
      const t0 = Date.now();
      const all = await runCases({ target: target.id, seed: args.seed, from, to });
      const r = { ...all, findings: all.findings.filter((f) => !args.ignore.some((t) => f.problem.includes(t))) };
      report(target, args.seed, r, Date.now() - t0);
      failing += r.findings.length;
    }
  }
  process.exitCode = failing > 0 ? 1 : 0;
}

await main();
