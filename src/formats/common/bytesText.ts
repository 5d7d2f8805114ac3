/** Bytes → string for the names and values of device trees. */

const utf8 = new TextDecoder('utf-8');

/**
 * Decodes bytes[start, end) as UTF-8. One decoder call per string on purpose: building short
 * strings with += makes ropes that V8 flattens (and reallocates) on every later search.
 */
export function decodeSpan(bytes: Uint8Array, start: number, end: number): string {
  return start === end ? '' : utf8.decode(bytes.subarray(start, end));
}
