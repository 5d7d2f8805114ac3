/**
 * Reading an uploaded file's bytes chunk by chunk (Blob.stream), so the page can show bytes read
 * and stop at once on Cancel; the whole file lands in one ArrayBuffer that can be transferred to
 * the parse worker without a copy.
 */
import type { LocatedError } from '../model/located.ts';

export type ReadOutcome =
  | { readonly kind: 'read'; readonly bytes: ArrayBuffer }
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'unreadable'; readonly error: LocatedError };

export async function readBlob(name: string, blob: Blob, onBytes: (done: number) => void, signal: AbortSignal): Promise<ReadOutcome> {
  const reader = blob.stream().getReader();
  let out = new Uint8Array(blob.size);
  let done = 0;
  const stop = () => void reader.cancel().catch(() => undefined);
  signal.addEventListener('abort', stop);
  try {
    for (;;) {
      const chunk = await reader.read();
      if (signal.aborted) return { kind: 'cancelled' };
      if (chunk.done) break;
      if (done + chunk.value.byteLength > out.byteLength) {
        // The file grew while being read: keep everything that arrives.
        const bigger = new Uint8Array(Math.max(out.byteLength * 2, done + chunk.value.byteLength));
        bigger.set(out.subarray(0, done));
        out = bigger;
      }
      out.set(chunk.value, done);
      done += chunk.value.byteLength;
      onBytes(done);
    }
  } catch (e) {
    if (signal.aborted) return { kind: 'cancelled' };
    const why = e instanceof Error ? e.message : String(e);
    return { kind: 'unreadable', error: { source: name, message: `expected a readable file, found that the browser could not read it (${why})` } };
  } finally {
    signal.removeEventListener('abort', stop);
  }
  return { kind: 'read', bytes: done === out.byteLength ? out.buffer : out.slice(0, done).buffer };
}
