import { describe, expect, it } from 'vitest';
import { loadBuiltin } from '../platforms/builtins.ts';
import { scenarioToJson } from '../model/codec.ts';
import type { ParseRequest, WorkerReply } from './protocol.ts';
import { runUpload, uploadName, type ParseWorker, type UploadProgress } from './uploadClient.ts';

const builtin = loadBuiltin('qemu-virt');
if (!builtin.ok) throw new Error('the qemu-virt built-in platform must load');
const qemuVirt = builtin.value;

/** A stand-in worker: records what it was sent and answers with `replies` (or never). */
function fakeWorker(replies: (req: ParseRequest) => WorkerReply[]) {
  const sent: { message: ParseRequest; transfer: Transferable[] }[] = [];
  let terminated = false;
  const worker: ParseWorker = {
    onmessage: null,
    onerror: null,
    postMessage(message, transfer) {
      sent.push({ message, transfer });
      queueMicrotask(() => {
        for (const data of replies(message)) worker.onmessage?.({ data } as MessageEvent<WorkerReply>);
      });
    },
    terminate: () => void (terminated = true),
  };
  return { worker, sent, isTerminated: () => terminated };
}

const file = (name: string, text: string) => ({ name, blob: new Blob([text]) });

describe('runUpload', () => {
  it('reads the files, transfers their bytes and decodes the returned scenario', async () => {
    const fake = fakeWorker(() => [
      { type: 'progress', progress: { phase: 'parsing', file: 'a.txt', format: 'proc-iomem', index: 0, total: 2 } },
      { type: 'done', scenario: scenarioToJson(qemuVirt), reads: [] },
    ]);
    const progress: UploadProgress[] = [];
    const out = await runUpload([file('a.txt', 'abc'), file('b.txt', 'de')], (p) => progress.push(p), new AbortController().signal, () => fake.worker);
    expect(out.kind).toBe('done');
    // The decoded scenario has BigInts again: QEMU virt's RAM starts at 1 GiB.
    if (out.kind === 'done') expect(out.scenario.physicalMap.find((r) => r.kind === 'ram')?.start).toBe(0x40000000n);
    const [{ message, transfer }] = fake.sent as [(typeof fake.sent)[0]];
    expect(message.files.map((f) => [f.name, f.bytes.byteLength])).toEqual([
      ['a.txt', 3],
      ['b.txt', 2],
    ]);
    expect(transfer).toEqual(message.files.map((f) => f.bytes));
    const reading = progress.filter((p) => p.phase === 'reading');
    expect(reading.at(-1)).toEqual({ phase: 'reading', file: 'b.txt', index: 1, total: 2, bytesDone: 5, bytesTotal: 5 });
    expect(progress.map((p) => p.phase).at(-1)).toBe('parsing');
    expect(fake.isTerminated()).toBe(true);
  });

  it('puts the physical map sent ahead in slices back in order', async () => {
    const json = scenarioToJson(qemuVirt) as { physicalMap: unknown[] };
    const cut = 2;
    const fake = fakeWorker(() => [
      { type: 'physical', regions: json.physicalMap.slice(0, cut) },
      { type: 'physical', regions: json.physicalMap.slice(cut) },
      { type: 'done', scenario: { ...json, physicalMap: [] }, reads: [] },
    ]);
    const out = await runUpload([file('a.txt', 'abc')], () => undefined, new AbortController().signal, () => fake.worker);
    expect(out.kind === 'done' && out.scenario.physicalMap).toEqual(qemuVirt.physicalMap);
  });

  it('passes a located error on, with a partial scenario only when the worker offers one', async () => {
    const error = { source: 'bad.dts', line: 4, column: 2, message: "expected '{', found ';'" };
    const withPartial = fakeWorker(() => [{ type: 'failed', error, partial: scenarioToJson(qemuVirt) }]);
    const a = await runUpload([file('bad.dts', 'x')], () => undefined, new AbortController().signal, () => withPartial.worker);
    expect(a.kind === 'failed' && a.error).toEqual(error);
    expect(a.kind === 'failed' && a.partial?.id).toBe(qemuVirt.id);
    const without = fakeWorker(() => [{ type: 'failed', error }]);
    const b = await runUpload([file('bad.dts', 'x')], () => undefined, new AbortController().signal, () => without.worker);
    expect(b).toEqual({ kind: 'failed', error });
  });

  it('rejects a returned scenario the codec does not accept', async () => {
    const fake = fakeWorker(() => [{ type: 'done', scenario: { schema: 'nope' }, reads: [] }]);
    const out = await runUpload([file('x.json', '{}')], () => undefined, new AbortController().signal, () => fake.worker);
    expect(out.kind === 'failed' && out.error.source).toBe('x.json');
  });

  it('terminates the worker on cancel', async () => {
    const controller = new AbortController();
    const fake = fakeWorker(() => {
      controller.abort();
      return [];
    });
    const out = await runUpload([file('big.txt', 'x'.repeat(100))], () => undefined, controller.signal, () => fake.worker);
    expect(out).toEqual({ kind: 'cancelled' });
    expect(fake.isTerminated()).toBe(true);
  });

  it('reports a worker that dies as an error naming the upload', async () => {
    const fake = fakeWorker(() => []);
    fake.worker.postMessage = () => queueMicrotask(() => fake.worker.onerror?.({ message: 'out of memory', preventDefault: () => undefined } as ErrorEvent));
    const out = await runUpload([file('a.dtb', 'x'), file('b.txt', 'y')], () => undefined, new AbortController().signal, () => fake.worker);
    expect(out.kind).toBe('failed');
    if (out.kind === 'failed') {
      expect(out.error.source).toBe('a.dtb + b.txt');
      expect(out.error.message).toContain('out of memory');
    }
  });
});

describe('uploadName', () => {
  it('joins several file names', () => {
    expect(uploadName([file('virt.dtb', ''), file('reserved_regions', '')])).toBe('virt.dtb + reserved_regions');
  });
});
