/**
 * Sorting a few million 64-bit values (the compressed axis's cut points) without holding up the
 * page: an LSD radix sort on the values' 16-bit digits, on plain 32-bit words (no BigInt is made),
 * four passes of O(n) that yield every few thousand values (sliced.ts). A pass whose digit is the
 * same in every value (the top digits of addresses below 2^48, say) is skipped.
 */
import { SLICE_ITEMS, type Sliced } from './sliced.ts';

/** Word order of a 64-bit value in memory: the low half first on little-endian machines. */
const LE = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;
const LO = LE ? 0 : 1;
const HI = 1 - LO;
const DIGITS = 1 << 16;

/** The values in ascending order (in `values`' buffer or a new one). */
export function* sortU64(values: BigUint64Array): Sliced<BigUint64Array> {
  const n = values.length;
  let from: Uint32Array<ArrayBufferLike> = new Uint32Array(values.buffer, values.byteOffset, 2 * n);
  let to: Uint32Array<ArrayBufferLike> = new Uint32Array(2 * n);
  const count = new Uint32Array(DIGITS);
  for (let pass = 0; pass < 4; pass++) {
    const word = pass < 2 ? LO : HI;
    const shift = pass % 2 === 0 ? 0 : 16;
    count.fill(0);
    for (let i = 0; i < n; i++) {
      if (i % SLICE_ITEMS === SLICE_ITEMS - 1) yield;
      count[(from[2 * i + word]! >>> shift) & 0xffff]! += 1;
    }
    if (n === 0 || count[(from[word]! >>> shift) & 0xffff] === n) continue;
    let sum = 0;
    for (let d = 0; d < DIGITS; d++) {
      const c = count[d]!;
      count[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      if (i % SLICE_ITEMS === SLICE_ITEMS - 1) yield;
      const d = (from[2 * i + word]! >>> shift) & 0xffff;
      const j = count[d]!;
      count[d] = j + 1;
      to[2 * j] = from[2 * i]!;
      to[2 * j + 1] = from[2 * i + 1]!;
    }
    [from, to] = [to, from];
  }
  return new BigUint64Array(from.buffer, from.byteOffset, n);
}
