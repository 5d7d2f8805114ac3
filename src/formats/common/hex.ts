/** Fast exact hex parsing of a slice of a line, for multi-megabyte iomem/mtree/sysfs dumps. */

function digit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** Value of the hex digits in text[start, end) as a plain number, or -1 if any is not a digit. */
function smallHex(text: string, start: number, end: number): number {
  let v = 0;
  for (let i = start; i < end; i += 1) {
    const d = digit(text.charCodeAt(i));
    if (d < 0) return -1;
    v = v * 16 + d;
  }
  return v;
}

/**
 * The u64 spelled by 1 to 16 hex digits (no "0x") in text[start, end); undefined when the slice
 * is empty, too long for 64 bits, or holds a non-digit. Up to 13 digits fit a double exactly,
 * longer values are built from two halves, so no BigInt string parsing happens per number.
 */
export function hexSlice(text: string, start: number, end: number): bigint | undefined {
  const n = end - start;
  if (n < 1 || n > 16) return undefined;
  if (n <= 13) {
    const v = smallHex(text, start, end);
    return v < 0 ? undefined : BigInt(v);
  }
  const hi = smallHex(text, start, end - 8);
  const lo = smallHex(text, end - 8, end);
  if (hi < 0 || lo < 0) return undefined;
  return (BigInt(hi) << 32n) | BigInt(lo);
}

/** Like hexSlice, with an optional leading "0x" or "0X". */
export function hexSliceOptional0x(text: string, start: number, end: number): bigint | undefined {
  if (end - start > 2 && text.charCodeAt(start) === 48 && (text.charCodeAt(start + 1) | 32) === 120) {
    return hexSlice(text, start + 2, end);
  }
  return hexSlice(text, start, end);
}
