/**
 * base64url (RFC 4648 §5) without padding: the alphabet that survives a URL fragment, a mail
 * client and a chat window unescaped. Decoding reports the first bad character by position, so a
 * link cut or mangled in transit says where it broke.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const VALUE = new Map<string, number>([...ALPHABET].map((c, i) => [c, i]));

export function encodeBase64url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = i + 2 < bytes.length ? 4 : i + 1 < bytes.length ? 3 : 2;
    for (let k = 0; k < chars; k++) out += ALPHABET[(n >> (18 - 6 * k)) & 63];
  }
  return out;
}

export type Base64Result = { ok: true; bytes: Uint8Array<ArrayBuffer> } | { ok: false; index: number; message: string };

/** Decode base64url (padding "=" tolerated at the end); `index` is 0-based into `text`. */
export function decodeBase64url(text: string): Base64Result {
  const body = text.replace(/={1,2}$/, '');
  if (body.length % 4 === 1) return { ok: false, index: body.length - 1, message: 'its data is cut short (a base64 length of 4n+1 is impossible)' };
  const out = new Uint8Array(Math.floor((body.length * 3) / 4));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < body.length; i++) {
    const v = VALUE.get(body[i]!);
    if (v === undefined) return { ok: false, index: i, message: `character ${JSON.stringify(body[i])} is not base64url` };
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return { ok: true, bytes: out };
}
