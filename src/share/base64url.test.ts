import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64url, encodeBase64url } from './base64url.ts';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('base64url', () => {
  it('encodes the RFC 4648 §10 test vectors (unpadded, URL alphabet)', () => {
    expect(encodeBase64url(bytes(''))).toBe('');
    expect(encodeBase64url(bytes('f'))).toBe('Zg');
    expect(encodeBase64url(bytes('fo'))).toBe('Zm8');
    expect(encodeBase64url(bytes('foo'))).toBe('Zm9v');
    expect(encodeBase64url(bytes('foob'))).toBe('Zm9vYg');
    expect(encodeBase64url(bytes('fooba'))).toBe('Zm9vYmE');
    expect(encodeBase64url(bytes('foobar'))).toBe('Zm9vYmFy');
    // 0xfb 0xff: "+/8" in standard base64, "-_8" in base64url.
    expect(encodeBase64url(new Uint8Array([0xfb, 0xff]))).toBe('-_8');
  });

  it('decodes what it encodes, with or without padding', () => {
    expect(decodeBase64url('Zm9vYg==')).toEqual({ ok: true, bytes: bytes('foob') });
    expect(decodeBase64url('-_8')).toEqual({ ok: true, bytes: new Uint8Array([0xfb, 0xff]) });
  });

  it('names the first character outside the alphabet and its position', () => {
    expect(decodeBase64url('Zm9v+mFy')).toMatchObject({ ok: false, index: 4 });
    expect(decodeBase64url('Zm 9')).toMatchObject({ ok: false, index: 2, message: 'character " " is not base64url' });
  });

  it('rejects an impossible length', () => {
    expect(decodeBase64url('Zm9vY')).toMatchObject({ ok: false });
  });

  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (b) => {
        expect(decodeBase64url(encodeBase64url(b))).toEqual({ ok: true, bytes: b });
      }),
    );
  });
});
