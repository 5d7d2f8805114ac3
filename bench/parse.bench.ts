/**
 * Parser benchmark: a generated 50 MB /proc/iomem, a 10 MB DTB and a 10 MB DTS (bench/lib
 * generators), each parsed by parseInput (as the app does) in a fresh `node --expose-gc` child:
 * throughput (best of 4 runs, input bytes per second, detection and decoding included) and peak
 * memory beyond the input itself (resident set sampled every millisecond during the first
 * parse), as a multiple of the input size.
 * Goals (issue 7): over 50 MB/s, under 10x the input. Prints figures; never fails on a slow one.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { bigSoc, devicesFor, toDtb, toDts } from './lib/deviceTree.ts';
import { bigIomem } from './lib/iomem.ts';
import { table } from './lib/table.ts';
import { goalFigure } from './lib/figures.ts';

const MB = 1e6;
const GOAL_MBPS = 50;
const GOAL_MEMORY_X = 10;

interface Input {
  readonly format: 'proc-iomem' | 'dtb' | 'dts';
  readonly label: string;
  readonly make: () => Uint8Array | string;
}

const INPUTS: readonly Input[] = [
  { format: 'proc-iomem', label: '/proc/iomem 50 MB', make: () => bigIomem(50 * MB) },
  { format: 'dtb', label: 'DTB 10 MB', make: () => toDtb(bigSoc(devicesFor(10 * MB, (n) => toDtb(bigSoc(n)).length))) },
  { format: 'dts', label: 'DTS 10 MB', make: () => toDts(bigSoc(devicesFor(10 * MB, (n) => toDts(bigSoc(n)).length))) },
];

interface Measured {
  bytes: number;
  ok: boolean;
  error?: string;
  bestMs: number;
  firstMs: number;
  peakExtra: number;
  retainedHeap: number;
}

const runTs = fileURLToPath(new URL('../bin/run-ts.mjs', import.meta.url));
const child = fileURLToPath(new URL('./lib/measureParse.ts', import.meta.url));

function measure(file: string): Measured | string {
  const r = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', runTs, child, file], { encoding: 'utf8', maxBuffer: 1 << 20 });
  const last = r.stdout.trim().split('\n').pop() ?? '';
  try {
    const m = JSON.parse(last) as Measured & { error?: string };
    return m.bytes === undefined ? (m.error ?? 'no figures') : m;
  } catch {
    return `the measuring process failed (exit ${r.status}): ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' | ')}`;
  }
}

function main(): void {
  const dir = mkdtempSync(join(tmpdir(), 'iova-atlas-parse-bench-'));
  const rows: string[][] = [];
  const notes: string[] = [];
  try {
    for (const input of INPUTS) {
      const t0 = performance.now();
      const data = input.make();
      const file = join(dir, `input.${input.format}`);
      writeFileSync(file, data);
      const genMs = performance.now() - t0;
      const m = measure(file);
      if (typeof m === 'string') {
        rows.push([input.label, '-', '-', `> ${GOAL_MBPS}`, '-', `< ${GOAL_MEMORY_X}x`, 'could not run']);
        notes.push(`${input.label}: ${m}`);
        continue;
      }
      const mbps = m.bytes / MB / (m.bestMs / 1000);
      const memX = Math.max(0, m.peakExtra) / m.bytes;
      const met = mbps > GOAL_MBPS && memX < GOAL_MEMORY_X;
      rows.push([
        input.label,
        `${(m.bytes / MB).toFixed(1)} MB`,
        mbps.toFixed(1),
        `> ${GOAL_MBPS}`,
        `${memX.toFixed(1)}x`,
        `< ${GOAL_MEMORY_X}x`,
        m.ok ? (met ? 'goal met' : 'goal NOT met') : 'parse FAILED',
      ]);
      goalFigure({ name: `parse ${input.label}: throughput`, value: `${mbps.toFixed(1)} MB/s`, goal: `> ${GOAL_MBPS} MB/s`, met: m.ok && mbps > GOAL_MBPS });
      goalFigure({ name: `parse ${input.label}: peak memory / input`, value: `${memX.toFixed(1)}x`, goal: `< ${GOAL_MEMORY_X}x`, met: m.ok && memX < GOAL_MEMORY_X });
      notes.push(
        `${input.label}: best ${m.bestMs.toFixed(0)} ms (first ${m.firstMs.toFixed(0)} ms), peak +${(m.peakExtra / MB).toFixed(0)} MB RSS, result keeps +${(m.retainedHeap / MB).toFixed(0)} MB; generated in ${genMs.toFixed(0)} ms` +
          (m.ok ? '' : `; error: ${m.error}`),
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  process.stdout.write(
    [
      'Parser benchmark (fresh process per input; MB = 10^6 bytes; memory = peak resident set beyond the loaded input)',
      '',
      table(['input', 'size', 'MB/s', 'goal', 'peak memory', 'goal', ''], rows),
      '',
      ...notes,
    ].join('\n') + '\n',
  );
}

main();
