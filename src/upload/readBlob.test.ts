import { describe, expect, it } from 'vitest';
import { readBlob } from './readBlob.ts';

/** A blob whose stream delivers the given chunks, then fails if `failWith` is set. */
function chunkedBlob(chunks: Uint8Array[], failWith?: Error): Blob {
  const size = chunks.reduce((n, c) => n + c.byteLength, 0);
  const stream = () =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        for (const c of chunks) controller.enqueue(c);
        if (failWith) controller.error(failWith);
        else controller.close();
      },
    });
  return { size, stream } as unknown as Blob;
}

describe('readBlob', () => {
  it('returns every byte and reports the running count', async () => {
    const seen: number[] = [];
    const out = await readBlob('a.bin', chunkedBlob([new Uint8Array([1, 2, 3]), new Uint8Array([4, 5])]), (n) => seen.push(n), new AbortController().signal);
    expect(out.kind).toBe('read');
    if (out.kind === 'read') expect([...new Uint8Array(out.bytes)]).toEqual([1, 2, 3, 4, 5]);
    expect(seen).toEqual([3, 5]);
  });

  it('reads a real Blob', async () => {
    const out = await readBlob('t.txt', new Blob(['0x1 0x2 msi\n']), () => undefined, new AbortController().signal);
    expect(out.kind === 'read' && new TextDecoder().decode(out.bytes)).toBe('0x1 0x2 msi\n');
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    const out = await readBlob('big.txt', chunkedBlob([new Uint8Array(10), new Uint8Array(10)]), () => controller.abort(), controller.signal);
    expect(out).toEqual({ kind: 'cancelled' });
  });

  it('turns a read failure into an error naming the file', async () => {
    const out = await readBlob('gone.dtb', chunkedBlob([new Uint8Array(4)], new Error('file removed')), () => undefined, new AbortController().signal);
    expect(out.kind).toBe('unreadable');
    if (out.kind === 'unreadable') {
      expect(out.error.source).toBe('gone.dtb');
      expect(out.error.message).toContain('file removed');
    }
  });

  it('keeps bytes beyond the size announced when the file grew meanwhile', async () => {
    const blob = { size: 2, stream: chunkedBlob([new Uint8Array([7, 8, 9])]).stream } as unknown as Blob;
    const out = await readBlob('grew.txt', blob, () => undefined, new AbortController().signal);
    expect(out.kind === 'read' && [...new Uint8Array(out.bytes)]).toEqual([7, 8, 9]);
  });
});
