/**
 * The stepper against the kernel-produced conformance traces (shared/conformance/traces): its
 * per-op output concatenates to the kernel's own .expected text, and the state it shows at any
 * position — reached forward, backward or by jumping — is the state of a fresh replay of that
 * prefix, observed through the kernel's own listings (resv_show, iova_show).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sysfsLine } from './resvRegions.ts';
import { parseTrace, replayTrace, type Trace, type TraceOp } from './trace.ts';
import { TraceStepper, type TraceSnapshot } from './traceStepper.ts';
import { hex } from './u64.ts';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const shared = process.env.IOVA_ATLAS_SHARED ?? resolve(repoRoot, '../shared');
const dir = join(shared, 'conformance', 'traces');
const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).sort() : [];

function load(file: string): Trace {
  const parsed = parseTrace(readFileSync(join(dir, file), 'utf8'), file);
  if (!parsed.ok) throw new Error(`${file}: ${parsed.error.message}`);
  return parsed.value;
}

const prefix = (t: Trace, n: number, extra: readonly TraceOp[] = []): Trace => ({ ...t, ops: [...t.ops.slice(0, n), ...extra] });

/**
 * What the kernel's listings print for the state after n ops: replay the prefix followed by
 * resv_show and (once the domain exists) iova_show, and keep only the listing lines.
 */
function listedState(t: Trace, n: number): string {
  const hasDomain = t.ops.slice(0, n).some((op) => op.op === 'iova_init');
  const extra: TraceOp[] = hasDomain ? [{ op: 'resv_show' }, { op: 'iova_show' }] : [{ op: 'resv_show' }];
  return replayTrace(prefix(t, n, extra)).slice(replayTrace(prefix(t, n)).length);
}

/** The same listings, written from a snapshot. */
function snapshotListing(s: TraceSnapshot): string {
  const lines = [...s.groupRegions.map(sysfsLine), ...(s.domain?.nodes.map((x) => `${hex(x.pfnLo)} ${hex(x.pfnHi)}`) ?? [])];
  return lines.length === 0 ? '' : lines.join('\n') + '\n';
}

describe('TraceStepper on the conformance traces', () => {
  it('finds the conformance traces', () => {
    expect(files.length, `no *.json traces in ${dir} (set IOVA_ATLAS_SHARED)`).toBeGreaterThan(0);
  });

  for (const file of files) {
    it(file, () => {
      const trace = load(file);
      const stepper = new TraceStepper(trace);
      const expected = readFileSync(join(dir, file.replace(/\.json$/, '.expected')), 'utf8');
      // The per-op lines concatenated are the kernel's output.
      expect(stepper.outputUpTo(stepper.length)).toBe(expected);

      const n = stepper.length;
      const positions = [...Array(n + 1).keys()];
      const forward = positions.map((i) => stepper.snapshotAt(i));
      const backward = [...positions].reverse().map((i) => stepper.snapshotAt(i)).reverse();
      // Stepping back lands on exactly the states stepping forward produced.
      expect(backward).toEqual(forward);
      // A jump back and forth again, too.
      expect(stepper.snapshotAt(Math.floor(n / 2))).toEqual(forward[Math.floor(n / 2)]);
      expect(stepper.snapshotAt(n)).toEqual(forward[n]);

      for (const i of positions) {
        expect(forward[i]!.position).toBe(i);
        // The state after i ops equals a fresh replay of the first i ops.
        expect(snapshotListing(forward[i]!), `${file} after ${i} ops`).toBe(listedState(trace, i));
        expect(new TraceStepper(prefix(trace, i)).snapshotAt(i), `${file} after ${i} ops`).toEqual(forward[i]);
        expect(stepper.outputUpTo(i)).toBe(replayTrace(prefix(trace, i)));
      }
    });
  }
});

describe('TraceStepper positions', () => {
  const trace: Trace = {
    format: 'iova-trace/1',
    name: 'hand',
    ops: [
      { op: 'resv_add', start: 0x8000000n, length: 0x100000n, type: 'sw-msi' },
      { op: 'vfio_aperture', start: 0n, end: 0xffffffffffffn },
      { op: 'vfio_exclude' },
      { op: 'vfio_sw_msi' },
    ],
  };

  it('clamps positions to [0, length]', () => {
    const s = new TraceStepper(trace);
    expect(s.snapshotAt(-3).position).toBe(0);
    expect(s.snapshotAt(99).position).toBe(4);
  });

  it('shows the VFIO list of engine-spec §5.1 after vfio_exclude, and nothing before vfio_aperture', () => {
    const s = new TraceStepper(trace);
    expect(s.snapshotAt(1).vfio).toEqual([]);
    expect(s.snapshotAt(3).vfio).toEqual([
      { start: 0x0n, last: 0x7ffffffn },
      { start: 0x8100000n, last: 0xffffffffffffn },
    ]);
    expect(s.outputs[3]).toEqual(['sw_msi 0x8000000']);
    expect(s.snapshotAt(2).vfio).toEqual([{ start: 0n, last: 0xffffffffffffn }]);
  });
});

describe('TraceStepper on a trace the kernel would not survive', () => {
  const trace: Trace = {
    format: 'iova-trace/1',
    name: 'oops',
    ops: [
      { op: 'iova_init', granule: 0x1000n, startPfn: 1n },
      { op: 'iova_reserve', pfnLo: 0x100n, pfnHi: 0xffn },
      { op: 'iova_alloc', size: 1n, limitPfn: 0x100n, sizeAligned: true },
      { op: 'iova_alloc', size: 1n, limitPfn: 0x100n, sizeAligned: true },
      { op: 'iova_show' },
    ],
  };

  it('plays up to the failing op, which changes nothing, and says why', () => {
    const s = new TraceStepper(trace);
    expect(s.length).toBe(4);
    expect(s.oops).toMatchObject({ index: 3, message: expect.stringMatching(/^op 3 \(iova_alloc\): the kernel's own code fails here: alloc_iova/) });
    expect(s.outputs[2]).toEqual(['alloc 0x100 0x100']);
    const before = s.snapshotAt(3).domain!.nodes;
    expect(s.snapshotAt(4).domain!.nodes).toEqual(before);
    expect(s.snapshotAt(99).position).toBe(4);
    // Back and forward again over the failing op.
    expect(s.snapshotAt(2).domain!.nodes).toEqual([expect.objectContaining({ pfnLo: 0x100n, pfnHi: 0xffn })]);
    expect(s.snapshotAt(4).domain!.nodes).toEqual(before);
  });
});
