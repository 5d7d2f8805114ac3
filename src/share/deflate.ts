/**
 * Raw DEFLATE (RFC 1951) through the platform's CompressionStream / DecompressionStream: the
 * browser and Node 20 ship the same API, so links cost no library. Inflating is capped, so a
 * crafted link (a "zip bomb") stops at the cap instead of filling memory; any stream error comes
 * back as a message, never as an exception.
 */
async function readAll(stream: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array<ArrayBuffer> | 'too-large'> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return 'too-large';
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

function streamOf(bytes: Uint8Array<ArrayBuffer>): ReadableStream<BufferSource> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}

export async function deflateRaw(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  const out = await readAll(streamOf(bytes).pipeThrough(new CompressionStream('deflate-raw')), Number.MAX_SAFE_INTEGER);
  return out === 'too-large' ? new Uint8Array() : out;
}

export type InflateResult = { ok: true; bytes: Uint8Array<ArrayBuffer> } | { ok: false; message: string };

export async function inflateRaw(bytes: Uint8Array<ArrayBuffer>, maxBytes: number): Promise<InflateResult> {
  try {
    const out = await readAll(streamOf(bytes).pipeThrough(new DecompressionStream('deflate-raw')), maxBytes);
    if (out === 'too-large') return { ok: false, message: `its data unpacks to more than ${maxBytes} bytes` };
    return { ok: true, bytes: out };
  } catch (e) {
    // Truncated or corrupt DEFLATE data: the stream errors (zlib's message, e.g. "invalid stored block lengths").
    return { ok: false, message: `its compressed data is corrupt (${e instanceof Error ? e.message : String(e)})` };
  }
}
