#!/usr/bin/env node
// `npm run bench`: runs every benchmark in bench/ in turn, then prints one table of every figure
// that has a goal, beside it (bench/lib/figures.ts). Benchmarks never fail the run on a slow
// figure (speed goals are not pass/fail tests); a benchmark that crashes does.
import { readdirSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const { FIGURE_TAG } = await import('./lib/figures.ts');
const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts') || f.endsWith('.bench.mjs'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

/** Run one benchmark, its output streamed except the tagged goal lines, which are returned. */
function run(f) {
  // Through the TypeScript loader, .mjs ones too (they share bench/lib/*.ts).
  const child = spawn(process.execPath, [join(here, '..', 'bin', 'run-ts.mjs'), join(here, f)], { stdio: ['inherit', 'pipe', 'inherit'] });
  const figures = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (line.startsWith(FIGURE_TAG)) figures.push({ bench: f, ...JSON.parse(line.slice(FIGURE_TAG.length)) });
    else process.stdout.write(`${line}\n`);
  });
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, figures })));
}

const summary = [];
let broken = 0;
for (const f of files) {
  process.stdout.write(`\n## ${f}\n`);
  const { status, figures } = await run(f);
  summary.push(...figures);
  if (status !== 0) {
    broken += 1;
    process.stdout.write(`(${f} could not run: exit ${status})\n`);
  }
}

if (summary.length) {
  const rows = [['figure', 'this run', 'goal', ''], ...summary.map((s) => [s.name, s.value, s.goal, s.met ? 'goal met' : 'goal NOT met'])];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r) => r.map((cell, c) => (c === 1 ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd();
  process.stdout.write(`\n## Summary: every figure with a goal\n${line(rows[0])}\n${line(widths.map((w) => '-'.repeat(w)))}\n${rows.slice(1).map(line).join('\n')}\n`);
}
// A benchmark that crashes is a bug, not a slow figure: report it through the exit status.
process.exitCode = broken ? 1 : 0;
