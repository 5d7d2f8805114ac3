/**
 * Property tests: any bytes, and any mutation or truncation of the real samples, give a scenario
 * or a located error within a time bound, never an exception. Every parser is driven directly
 * (parseAs) as well as through content detection (parseInput).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Result } from '../model/located.ts';
import type { Scenario } from '../model/scenario.ts';
import { fixtureBytes } from '../../test/fixtures/load.ts';
import { loadInputs, parseAs, parseInput, type FormatId } from './load.ts';

const TIME_BOUND_MS = 200;
const FORMATS: readonly FormatId[] = ['sysfs-reserved-regions', 'proc-iomem', 'dts', 'dtb', 'qemu-mtree', 'scenario-json'];
const SAMPLES = [
  'qemu-virt-gicv2-smmuv3-3g.dtb',
  'handwritten-soc.dtb',
  'handwritten-soc.dts',
  'qemu-virt-gicv2-smmuv3-3g.dts',
  'qemu-virt-gicv2-smmuv3-3g.info-mtree.txt',
  'qemu-virt-gicv3-its-smmuv3-2g.info-mtree-f.txt',
  'x86-cloud-vm.proc-iomem.txt',
].map((name) => ({ name, bytes: fixtureBytes(name) }));
const SYSFS = new TextEncoder().encode('==> /sys/kernel/iommu_groups/3/reserved_regions <==\n0x0000000008000000 0x00000000080fffff msi\n0x00000000fee00000 0x00000000feefffff msi\n');
SAMPLES.push({ name: 'groups.txt', bytes: SYSFS });

function timed(run: () => Result<Scenario>): { r: Result<Scenario>; ms: number } {
  const t0 = performance.now();
  try {
    const r = run();
    return { r, ms: performance.now() - t0 };
  } catch (e) {
    throw new Error(`parser threw: ${String(e)}`, { cause: e });
  }
}

/**
 * Runs a parse and checks the contract: no throw, in time, a scenario or an error that says
 * where. A slow case is re-run twice and the fastest run counts: the test machine is shared and a
 * GC pause is not a hang, while a hang or quadratic blow-up is slow every time.
 */
function checkContract(run: () => Result<Scenario>, binary: boolean): void {
  const { r, ms: first } = timed(run);
  let ms = first;
  for (let retry = 0; retry < 2 && ms >= TIME_BOUND_MS; retry += 1) ms = Math.min(ms, timed(run).ms);
  expect(ms).toBeLessThan(TIME_BOUND_MS);
  if (r.ok) return;
  expect(r.error.message.length).toBeGreaterThan(0);
  expect(r.error.message).not.toMatch(/\n/);
  expect(r.error.message).not.toMatch(/internal error/);
  expect(typeof r.error.source).toBe('string');
  if (binary) expect(r.error.offset ?? r.error.line).toBeTypeOf('number');
  else expect(r.error.line ?? r.error.offset).toBeTypeOf('number');
}

/** Structural characters that steer the text parsers into their rarer paths. */
const TOKENS = ['{', '}', ';', '<', '>', '"', '[', ']', '&', '(', ')', '/', '#', '\n', ':', '-', ' : ', '0x', '@', '\\', '/*', '//', 'address-space: ', '==> '];

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom(...TOKENS) }),
  fc.record({ kind: fc.constant('word' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 0xffffffff }) }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function splice(b: Uint8Array, at: number, remove: number, insert: Uint8Array): Uint8Array {
  const out = new Uint8Array(b.length - Math.min(remove, b.length - at) + insert.length);
  out.set(b.subarray(0, at));
  out.set(insert, at);
  out.set(b.subarray(at + remove), at + insert.length);
  return out;
}

/** Applies mutations near the interesting part: the first 4 KiB (headers, structure, first lines). */
function mutate(bytes: Uint8Array, ms: readonly Mutation[]): Uint8Array {
  let b: Uint8Array = bytes.slice();
  for (const m of ms) {
    const at = m.at % Math.max(1, Math.min(b.length, 4096));
    if (m.kind === 'flip' && b.length > 0) b[at] = m.value;
    else if (m.kind === 'cut') b = b.slice(0, m.at % (b.length + 1));
    else if (m.kind === 'delete') b = splice(b, at, m.length, new Uint8Array(0));
    else if (m.kind === 'insert') b = splice(b, Math.min(at, b.length), 0, new TextEncoder().encode(m.text));
    else if (m.kind === 'word' && b.length >= 4) new DataView(b.buffer).setUint32(Math.min(at & ~3, b.length - 4), m.value);
  }
  return b;
}

describe('fuzz: every parser, any bytes', () => {
  it.each(FORMATS)('%s: arbitrary bytes give a scenario or a located error', (format) => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), (bytes) => checkContract(() => parseAs(format, 'fuzz', bytes), format === 'dtb')),
      { numRuns: 300 },
    );
  });

  it.each(FORMATS)('%s: arbitrary text built from its tokens gives a scenario or a located error', (format) => {
    const text = fc.array(fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 8 }), fc.constantFrom('0x08000000', 'msi', 'prio 0, i/o', 'reg = <1 2>;', '/dts-v1/;')), { maxLength: 80 });
    fc.assert(
      fc.property(text, (parts) => checkContract(() => parseAs(format, 'fuzz', new TextEncoder().encode(parts.join(''))), format === 'dtb')),
      { numRuns: 300 },
    );
  });
});

describe('fuzz: mutations and truncations of the real samples', () => {
  it.each(SAMPLES.map((s) => [s.name, s.bytes] as const))('%s', (name, bytes) => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (ms) => checkContract(() => parseInput(name, mutate(bytes, ms)), name.endsWith('.dtb'))),
      { numRuns: 150 },
    );
  });
});

describe('fuzz: loading several files', () => {
  it('any mix of samples and mutated samples combines or fails with a located error, never throws', () => {
    const file = fc.record({ sample: fc.integer({ min: 0, max: SAMPLES.length - 1 }), ms: fc.array(mutation, { maxLength: 2 }) });
    fc.assert(
      fc.property(fc.array(file, { minLength: 1, maxLength: 3 }), (files) => {
        const inputs = files.map((f, i) => ({ name: `f${i}`, bytes: mutate(SAMPLES[f.sample]!.bytes, f.ms) }));
        const r = loadInputs(inputs);
        if (!r.ok) expect(inputs.map((x) => x.name)).toContain(r.error.source);
        else expect(r.value.reads).toHaveLength(inputs.length);
      }),
      { numRuns: 100 },
    );
  });
});
