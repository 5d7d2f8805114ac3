#!/usr/bin/env node
// `npm run bench`: runs every benchmark in bench/ in turn. Benchmarks print figures beside their
// goals; they never fail the run on a slow figure (speed goals are not pass/fail tests).
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts') || f.endsWith('.bench.mjs'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
let broken = 0;
for (const f of files) {
  process.stdout.write(`\n## ${f}\n`);
  const runner = f.endsWith('.ts') ? [join(here, '..', 'bin', 'run-ts.mjs'), join(here, f)] : [join(here, f)];
  const r = spawnSync(process.execPath, runner, { stdio: 'inherit' });
  if (r.status !== 0) {
    broken += 1;
    process.stdout.write(`(${f} could not run: exit ${r.status})\n`);
  }
}
// A benchmark that crashes is a bug, not a slow figure: report it through the exit status.
process.exitCode = broken ? 1 : 0;
