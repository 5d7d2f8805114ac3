/**
 * Map preparation and drawing on a huge scenario: a generated 50 MB /proc/iomem (bench/lib/iomem.ts,
 * about 1.2 million ranges) parsed, analysed, then the map's per-scenario work (lanes, interval
 * indexes, compressed axis: mapPrepSlice.ts prepareMap) run to the end and step by step (the
 * longest step between two yields bounds a task of the sliced preparation), and the per-frame
 * work (visible marks of every lane, axis ticks and shrunk pieces) at zoom levels from the whole
 * axis down to a single page. Goals: no step over 50 ms (so a 25 ms slice budget keeps every task
 * far below 200 ms) and a frame's work under 8 ms. Prints figures; never fails.
 */
import { performance } from 'node:perf_hooks';
import { analyze } from '../src/analysis/analyze.ts';
import { parseProcIomem } from '../src/formats/iomem/procIomem.ts';
import { prepareMap } from '../src/store/mapPrepSlice.ts';
import { fitAxisRange, makeScale, zoomView } from '../src/view/addressScale.ts';
import { shrunkPieces } from '../src/view/shrunkPieces.ts';
import { ticks } from '../src/view/ticks.ts';
import { visibleMarks } from '../src/view/visible.ts';
import { goalFigure } from './lib/figures.ts';
import { bigIomem } from './lib/iomem.ts';

const WIDTH = 1200;
const time = <T>(f: () => T): [T, number] => {
  const t0 = performance.now();
  const r = f();
  return [r, performance.now() - t0];
};

const parsed = parseProcIomem(bigIomem(50e6), 'big-iomem.txt');
if (!parsed.ok) throw new Error(parsed.error.message);
const a = analyze(parsed.value);
process.stdout.write(`${parsed.value.physicalMap.length} ranges\n`);

const [, whole] = time(() => {
  const w = prepareMap(a, null);
  for (let r = w.next(); !r.done; r = w.next());
});
const work = prepareMap(a, null);
let longest = 0;
let steps = 0;
let prepared;
for (;;) {
  const [r, ms] = time(() => work.next());
  longest = Math.max(longest, ms);
  steps += 1;
  if (r.done) {
    prepared = r.value;
    break;
  }
}
process.stdout.write(`prepare: ${whole.toFixed(0)} ms in all; ${steps} steps, longest ${longest.toFixed(1)} ms (goal < 50)\n`);
goalFigure({ name: 'map preparation of 1.2M ranges: longest step', value: `${longest.toFixed(1)} ms`, goal: '< 50 ms', met: longest < 50 });

const axis = prepared.compressedAxis;
let view = fitAxisRange(0n, axis.total, WIDTH, axis);
let worstFrame = 0;
for (let level = 0; level <= 40; level += 4) {
  const scale = makeScale(view, WIDTH, axis);
  const [marks, ms] = time(() => prepared.lanes.map((l) => visibleMarks(l, scale).length));
  const [, decor] = time(() => [ticks(scale, 120), shrunkPieces(scale, 400)]);
  const panned = makeScale(zoomView(view, 1, 0, -40, WIDTH, axis), WIDTH, axis);
  const [, pan] = time(() => prepared.lanes.map((l) => visibleMarks(l, panned).length));
  process.stdout.write(`zoom 2^${level}: ${marks.join('+')} marks in ${ms.toFixed(1)} ms, pan frame ${pan.toFixed(1)} ms, ticks+bands ${decor.toFixed(1)} ms (goal < 8)\n`);
  worstFrame = Math.max(worstFrame, pan + decor);
  view = zoomView(view, 16, WIDTH / 3, 0, WIDTH, axis);
}
goalFigure({ name: 'map of 1.2M ranges: worst pan frame (marks+ticks)', value: `${worstFrame.toFixed(1)} ms`, goal: '< 8 ms', met: worstFrame < 8 });
