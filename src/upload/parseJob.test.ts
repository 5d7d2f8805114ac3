import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioFromValue } from '../model/codec.ts';
import { PHYSICAL_SLICE, type UploadFile, type WorkerReply } from './protocol.ts';
import { runParseJob } from './parseJob.ts';

const FIXTURES = new URL('../../e2e/fixtures/', import.meta.url);

function upload(name: string, bytes?: Uint8Array): UploadFile {
  const b = bytes ?? new Uint8Array(readFileSync(new URL(name, FIXTURES)));
  return { name, bytes: b.slice().buffer };
}

function run(files: UploadFile[]): WorkerReply[] {
  const replies: WorkerReply[] = [];
  runParseJob(files, (r) => replies.push(r));
  return replies;
}

const DTB = 'qemu-virt-gicv2-smmuv3-3g.dtb';
const RESV = 'qemu-virt-smmuv3.reserved_regions.txt';

describe('runParseJob', () => {
  it('parses a QEMU DTB and returns the scenario in its JSON form', () => {
    const replies = run([upload(DTB)]);
    expect(replies[0]).toEqual({ type: 'progress', progress: { phase: 'parsing', file: DTB, format: 'dtb', index: 0, total: 1 } });
    const done = replies.at(-1)!;
    expect(done.type).toBe('done');
    if (done.type !== 'done') return;
    // Hex strings, not BigInts: the JSON form survives structured clone as is.
    expect(JSON.stringify(done.scenario)).toContain('"0x10000000"');
    const decoded = scenarioFromValue(done.scenario, DTB);
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    // hw/arm/virt.c base_memmap: VIRT_PCIE_MMIO at 0x10000000, 0x2eff0000 bytes.
    const mem = decoded.value.hostBridges[0]?.windows.find((w) => w.kind === 'mem');
    expect(mem).toMatchObject({ cpuStart: 0x10000000n, size: 0x2eff0000n });
    expect(done.reads).toEqual([{ file: DTB, format: 'dtb', summary: expect.stringContaining('device tree blob'), warnings: expect.any(Array) }]);
  });

  it('combines a DTB and a reserved_regions dump, reporting each file and the combining step', () => {
    const replies = run([upload(DTB), upload(RESV)]);
    const phases = replies.flatMap((r) => (r.type === 'progress' ? [r.progress.phase === 'parsing' ? `${r.progress.phase} ${r.progress.index + 1}/${r.progress.total} ${r.progress.format}` : r.progress.phase] : []));
    expect(phases).toEqual(['parsing 1/2 dtb', 'parsing 2/2 sysfs-reserved-regions', 'combining']);
    const done = replies.at(-1)!;
    expect(done.type === 'done' && done.reads.map((r) => [r.file, r.format])).toEqual([
      [DTB, 'dtb'],
      [RESV, 'sysfs-reserved-regions'],
    ]);
    const decoded = done.type === 'done' ? scenarioFromValue(done.scenario, 'x') : undefined;
    const observed = decoded?.ok ? decoded.value.devices.flatMap((d) => d.observedRegions ?? []) : [];
    // The dump's one line: the SW_MSI window MSI_IOVA_BASE..+MSI_IOVA_LENGTH-1.
    expect(observed.map((r) => [r.start, r.last])).toEqual([[0x8000000n, 0x80fffffn]]);
  });

  it('reports a located error for a broken file', () => {
    const replies = run([upload('broken-missing-semicolon.dts')]);
    expect(replies.at(-1)).toEqual({
      type: 'failed',
      error: { source: 'broken-missing-semicolon.dts', line: 10, column: 2, message: expect.stringMatching(/^expected ';'.*found '\}'$/) },
    });
  });

  it('offers what the good files gave as a partial result when a later file is bad', () => {
    const replies = run([upload(RESV), upload('truncated.dtb', new Uint8Array(readFileSync(new URL(DTB, FIXTURES))).subarray(0, 100))]);
    const failed = replies.at(-1)!;
    expect(failed.type).toBe('failed');
    if (failed.type !== 'failed') return;
    expect(failed.error).toMatchObject({ source: 'truncated.dtb', offset: expect.any(Number) });
    const partial = scenarioFromValue(failed.partial, 'partial');
    expect(partial.ok && partial.value.devices.flatMap((d) => d.observedRegions ?? []).length).toBe(1);
  });

  it('an empty file is an error, not an empty scenario', () => {
    const replies = run([upload('empty.txt', new Uint8Array())]);
    expect(replies.at(-1)).toMatchObject({ type: 'failed', error: { source: 'empty.txt' } });
  });

  it('sends a large physical map ahead in slices, in order', () => {
    const n = PHYSICAL_SLICE + 5;
    // /proc/iomem lines: n top-level 4 KiB ranges from 4 GiB up, 8 KiB apart.
    const lines = Array.from({ length: n }, (_, i) => {
      const a = 0x100000000 + i * 0x2000;
      return `${a.toString(16)}-${(a + 0xfff).toString(16)} : Reserved block ${i}`;
    });
    const replies = run([upload('big.txt', new TextEncoder().encode(lines.join('\n') + '\n'))]);
    const slices = replies.flatMap((r) => (r.type === 'physical' ? [r.regions] : []));
    expect(slices.map((s) => s.length)).toEqual([PHYSICAL_SLICE, 5]);
    expect(slices[1]![4]).toMatchObject({ name: `Reserved block ${n - 1}`, start: `0x${(0x100000000 + (n - 1) * 0x2000).toString(16)}` });
    const done = replies.at(-1)!;
    expect(done.type === 'done' && (done.scenario as { physicalMap: unknown[] }).physicalMap).toEqual([]);
  });
});
