/**
 * Bundle benchmark: every JavaScript file in the production build (dist/), gzipped (zlib level 9,
 * what a static host serving pre-compressed files sends), against the goal of issue 7: under
 * 250 KB in total. Files index.html loads directly are told apart from those fetched later (the
 * parser worker, lazy chunks). Prints figures; never fails on a large one. Run it through
 * bin/run-ts.mjs (as npm run bench does): it shares bench/lib/figures.ts.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DIST, ensureBuild } from './lib/ensureBuild.mjs';
import { goalFigure } from './lib/figures.ts';

const GOAL_KB = 250;
const KB = 1000;

function files(dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

function main() {
  const note = ensureBuild();
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const js = files(DIST).filter((f) => /\.m?js$/.test(f));
  const rows = js
    .map((f) => {
      const name = relative(DIST, f);
      const raw = readFileSync(f);
      return { name, raw: raw.length, gz: gzipSync(raw, { level: 9 }).length, initial: html.includes(name.split('/').pop()) };
    })
    .sort((a, b) => b.gz - a.gz);
  const total = rows.reduce((n, r) => n + r.gz, 0);
  const initial = rows.filter((r) => r.initial).reduce((n, r) => n + r.gz, 0);
  const width = Math.max(4, ...rows.map((r) => r.name.length));
  const line = (a, b, c, d) => `${a.padEnd(width)}  ${b.padStart(10)}  ${c.padStart(10)}  ${d}`;
  const out = [
    'Bundle benchmark: JavaScript shipped in dist/ (KB = 1000 bytes, gzip level 9)',
    ...(note ? [note] : []),
    '',
    line('file', 'raw KB', 'gzip KB', 'loaded'),
    ...rows.map((r) => line(r.name, (r.raw / KB).toFixed(1), (r.gz / KB).toFixed(1), r.initial ? 'by index.html' : 'on demand')),
    '',
    line('total JavaScript', (rows.reduce((n, r) => n + r.raw, 0) / KB).toFixed(1), (total / KB).toFixed(1), `goal < ${GOAL_KB} KB gzipped: ${total < GOAL_KB * KB ? 'goal met' : 'goal NOT met'}`),
    line('  of which at startup', '', (initial / KB).toFixed(1), ''),
  ];
  process.stdout.write(out.join('\n') + '\n');
  goalFigure({ name: 'JavaScript shipped, gzipped', value: `${(total / KB).toFixed(1)} KB`, goal: `< ${GOAL_KB} KB`, met: total < GOAL_KB * KB });
}

try {
  main();
} catch (e) {
  process.stdout.write(`bundle benchmark could not run: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
}
