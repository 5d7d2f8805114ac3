/**
 * Child process of parse.bench.ts, run with --expose-gc: parse one file the way the app does
 * (parseInput: format detected from the content, text decoded, then the parser) once while a worker
 * samples the resident set size (peak memory beyond what the input itself takes), then a few
 * more times for the best time. Prints one JSON line. A fresh process per input keeps one
 * input's garbage out of the next one's figures.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { parseInput } from '../../src/formats/load.ts';

const [file] = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc;
if (!file || !gc) {
  process.stdout.write(JSON.stringify({ error: 'usage: node --expose-gc … measureParse.ts FILE' }) + '\n');
  process.exit(2);
}

const bytes = new Uint8Array(readFileSync(file));
const sampler = new Worker(new URL('./memorySampler.mjs', import.meta.url));
await new Promise((resolve) => sampler.once('message', resolve));
gc();
const before = process.memoryUsage();
const t0 = performance.now();
const result = parseInput(file, bytes);
const firstMs = performance.now() - t0;
const peakRss = await new Promise<number>((resolve) => {
  sampler.once('message', resolve);
  sampler.postMessage('stop');
});
await sampler.terminate();
gc();
const retained = process.memoryUsage();

const r = result as { ok: boolean; error?: { message: string } };
const times = [firstMs];
for (let i = 0; i < 3; i++) {
  gc();
  const s = performance.now();
  parseInput(file, bytes);
  times.push(performance.now() - s);
}
process.stdout.write(
  JSON.stringify({
    bytes: bytes.length,
    ok: r.ok,
    error: r.ok ? undefined : r.error?.message,
    bestMs: Math.min(...times),
    firstMs,
    peakExtra: peakRss - before.rss,
    retainedHeap: retained.heapUsed + retained.external - (before.heapUsed + before.external),
  }) + '\n',
);
