/**
 * A growable byte buffer for property values. One writer is reused for every property; each
 * finished value is copied into a shared arena and the property points into it (DtProp bytes,
 * off, length), so a 10 MB source makes a few dozen buffers, not one per property.
 */
import type { DtProp } from '../devicetree/tree.ts';

const ARENA = 256 * 1024;

export class ByteWriter {
  private buf = new Uint8Array(256);
  length = 0;
  private arena = new Uint8Array(ARENA);
  private used = 0;

  private room(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }

  byte(v: number): void {
    this.room(1);
    this.buf[this.length++] = v & 0xff;
  }

  /** Big-endian unsigned value of `bits` (8, 16, 32 or 64) bits. */
  uint(v: bigint, bits: number): void {
    for (let shift = bits - 8; shift >= 0; shift -= 8) this.byte(Number((v >> BigInt(shift)) & 0xffn));
  }

  u32(v: number): void {
    this.room(4);
    const b = this.buf;
    b[this.length] = v >>> 24;
    b[this.length + 1] = (v >>> 16) & 0xff;
    b[this.length + 2] = (v >>> 8) & 0xff;
    b[this.length + 3] = v & 0xff;
    this.length += 4;
  }

  /**
   * Stores the bytes written so far as property `name` (copied into the shared arena, or into a
   * buffer of their own when large) and empties the writer for the next value.
   */
  finish(name: string, pos: number): DtProp {
    const n = this.length;
    this.length = 0;
    if (n > ARENA / 4) return { name, bytes: this.buf.slice(0, n), off: 0, length: n, pos };
    if (this.used + n > ARENA) {
      this.arena = new Uint8Array(ARENA);
      this.used = 0;
    }
    const arena = this.arena;
    const buf = this.buf;
    const at = this.used;
    for (let i = 0; i < n; i += 1) arena[at + i] = buf[i]!;
    this.used = at + n;
    return { name, bytes: arena, off: at, length: n, pos };
  }
}
