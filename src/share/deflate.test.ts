import { describe, expect, it } from 'vitest';
import { deflateRaw, inflateRaw } from './deflate.ts';

const text = (b: Uint8Array): string => new TextDecoder().decode(b);

describe('deflate-raw', () => {
  it('round-trips and compresses repetitive text', async () => {
    const input = new TextEncoder().encode('0x0000000008000000 '.repeat(100));
    const packed = await deflateRaw(input);
    expect(packed.length).toBeLessThan(input.length / 10);
    const r = await inflateRaw(packed, 1 << 20);
    expect(r.ok && text(r.bytes)).toBe(text(input));
  });

  it('reports corrupt data instead of throwing', async () => {
    // A stored block (BTYPE 00) whose LEN/NLEN are not complements: RFC 1951 §3.2.4 makes it invalid.
    const r = await inflateRaw(new Uint8Array([0x01, 0x05, 0x00, 0x05, 0x00, 0x41]), 1024);
    expect(r).toMatchObject({ ok: false });
    expect(!r.ok && r.message).toMatch(/corrupt/);
  });

  it('reports truncated data', async () => {
    const packed = await deflateRaw(new TextEncoder().encode('hello, world, hello, world'));
    const r = await inflateRaw(packed.slice(0, packed.length - 3), 1024);
    expect(r.ok).toBe(false);
  });

  it('stops at the size cap (a small input that unpacks huge)', async () => {
    const bomb = await deflateRaw(new Uint8Array(4 << 20));
    expect(bomb.length).toBeLessThan(10_000);
    const r = await inflateRaw(bomb, 1 << 20);
    expect(r).toEqual({ ok: false, message: `its data unpacks to more than ${1 << 20} bytes` });
  });
});
