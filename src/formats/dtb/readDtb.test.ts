import { describe, expect, it } from 'vitest';
import { fixtureBytes } from '../../../test/fixtures/load.ts';
import { parseDtb } from './parseDtb.ts';

/**
 * Broken blobs, each made from a real one by one documented change, or built by hand with the
 * minimal writer below. Every case asserts the byte offset the error names.
 */
const REAL = fixtureBytes('qemu-virt-gicv2-smmuv3-3g.dtb');
const be32 = (b: Uint8Array, o: number) => new DataView(b.buffer, b.byteOffset).getUint32(o);
const OFF_STRUCT = be32(REAL, 8);
const OFF_STRINGS = be32(REAL, 12);
const TOTALSIZE = be32(REAL, 4);

function patched(o: number, v: number, from: Uint8Array = REAL): Uint8Array {
  const b = from.slice();
  new DataView(b.buffer).setUint32(o, v);
  return b;
}

/** A minimal version-17 blob: header, empty reservation map, the given structure words, strings. */
function blob(struct: readonly (number | string)[], strings = ''): Uint8Array {
  const words: number[] = [];
  for (const w of struct) {
    if (typeof w === 'number') words.push(w);
    else {
      const bytes = [...new TextEncoder().encode(w), 0];
      while (bytes.length % 4) bytes.push(0);
      for (let i = 0; i < bytes.length; i += 4) words.push((bytes[i]! << 24) | (bytes[i + 1]! << 16) | (bytes[i + 2]! << 8) | bytes[i + 3]!);
    }
  }
  const str = new TextEncoder().encode(strings);
  const offStruct = 40 + 16;
  const offStrings = offStruct + words.length * 4;
  const total = offStrings + str.length;
  const b = new Uint8Array(total);
  const v = new DataView(b.buffer);
  [0xd00dfeed, total, offStruct, offStrings, 40, 17, 16, 0, str.length, words.length * 4].forEach((x, i) => v.setUint32(i * 4, x));
  words.forEach((w, i) => v.setUint32(offStruct + i * 4, w >>> 0));
  b.set(str, offStrings);
  return b;
}

function errorOf(bytes: Uint8Array) {
  const r = parseDtb(bytes, 'broken.dtb');
  if (r.ok) throw new Error('expected an error');
  return r.error;
}

describe('readDtb header checks', () => {
  it.each([
    ['wrong magic', patched(0, 0x12345678), 0, /magic 0xd00dfeed, found 0x12345678/],
    ['empty file', new Uint8Array(0), 0, /found a file of 0 bytes/],
    ['truncated inside the header', REAL.slice(0, 20), 20, /40-byte header/],
    ['truncated blob (totalsize beyond the file)', REAL.slice(0, 4096), 4, /totalsize at most the file length 4096/],
    ['version 15', patched(20, 15), 20, /version 16 or later, found 15/],
    ['last_comp_version 18', patched(24, 18), 24, /last_comp_version at most 17, found 18/],
    ['structure block outside the blob', patched(8, TOTALSIZE + 8), 8, /structure block .* outside/],
    ['strings block outside the blob', patched(12, 0xfffffff0), 12, /strings block .* outside/],
    ['strings size beyond totalsize', patched(32, 0x7fffffff), 12, /strings block .* outside/],
    ['reservation map offset inside the header', patched(16, 8), 16, /memory reservation block .* outside/],
    ['misaligned structure block', patched(8, OFF_STRUCT + 2), 8, /multiple of 4/],
  ])('rejects %s, naming the byte offset', (_what, bytes, offset, message) => {
    const e = errorOf(bytes);
    expect(e).toMatchObject({ source: 'broken.dtb', offset });
    expect(e.line).toBeUndefined();
    expect(e.message).toMatch(message);
  });

  it('reads QEMU blobs, whose totalsize covers 1 MiB of zero padding after the strings block', () => {
    expect(TOTALSIZE).toBe(REAL.length);
    expect(OFF_STRINGS + be32(REAL, 32)).toBeLessThan(TOTALSIZE);
    expect(parseDtb(REAL, 'padded.dtb').ok).toBe(true);
  });

  it('ignores bytes after totalsize', () => {
    const dtc = fixtureBytes('handwritten-soc.dtb');
    const longer = new Uint8Array(dtc.length + 4096);
    longer.set(dtc);
    longer.fill(0xff, dtc.length);
    expect(parseDtb(longer, 'longer.dtb').ok).toBe(true);
  });
});

describe('readDtb structure and strings checks', () => {
  const firstToken = OFF_STRUCT + 8; // after the root's BEGIN_NODE and its empty name

  it.each([
    ['an unknown token', patched(firstToken, 0x12345678), firstToken, /structure token .* found 0x12345678/],
    ['a property length past the block', patched(firstToken + 4, 0x7fffffff), firstToken + 4, /property of at most/],
    ['a name offset outside the strings block', patched(firstToken + 8, 0x7fffff), firstToken + 8, /name offset inside the .*strings block, found 0x7fffff/],
    ['a first token that is a property', patched(OFF_STRUCT, 3), OFF_STRUCT, /FDT_PROP outside any node/],
  ])('rejects %s, naming the byte offset', (_what, bytes, offset, message) => {
    const e = errorOf(bytes);
    expect(e.offset).toBe(offset);
    expect(e.message).toMatch(message);
  });

  it('an unterminated property name at the end of the strings block', () => {
    const b = blob([1, '', 3, 0, 0, 2, 9], 'model');
    expect(errorOf(b)).toMatchObject({ offset: 56 + 16, message: expect.stringMatching(/NUL-terminated property name/) });
  });

  it('an unterminated node name', () => {
    const b = blob([1, '', 1]);
    const e = errorOf(b.slice(0, b.length)); // the second BEGIN_NODE has no name bytes at all
    expect(e.offset).toBe(56 + 12);
    expect(e.message).toMatch(/NUL-terminated node name/);
  });

  it('a missing FDT_END', () => {
    expect(errorOf(blob([1, '', 2])).message).toMatch(/missing FDT_END/);
  });

  it('an unbalanced FDT_END_NODE', () => {
    expect(errorOf(blob([1, '', 2, 2, 9]))).toMatchObject({ offset: 56 + 12, message: expect.stringMatching(/no open node/) });
  });

  it('FDT_END with nodes still open', () => {
    expect(errorOf(blob([1, '', 1, 'a', 2, 9]))).toMatchObject({ message: expect.stringMatching(/close 1 open node/) });
  });

  it('a second root node', () => {
    expect(errorOf(blob([1, '', 2, 1, '', 2, 9]))).toMatchObject({ offset: 56 + 12, message: expect.stringMatching(/second root/) });
  });

  it('nesting deeper than 64 levels, at the 65th BEGIN_NODE (root + 64)', () => {
    const deep: (number | string)[] = [1, ''];
    for (let i = 0; i < 70; i += 1) deep.push(1, 'n');
    const e = errorOf(blob(deep));
    expect(e.offset).toBe(56 + 8 + 63 * 8);
    expect(e.message).toMatch(/at most 64 deep/);
  });

  it('an unterminated memory reservation block', () => {
    const b = blob([1, '', 2, 9]);
    const v = new DataView(b.buffer);
    v.setUint32(16, b.length - 8); // the map starts 8 bytes before the end: no room for (0, 0)
    v.setUint32(b.length - 4, 1);
    expect(errorOf(b)).toMatchObject({ offset: b.length - 8, message: expect.stringMatching(/all-zero entry/) });
  });

  it('NOPs are skipped and a minimal blob gives an empty scenario', () => {
    const r = parseDtb(blob([4, 1, '', 4, 2, 4, 9]), 'min.dtb');
    expect(r.ok && r.value.physicalMap).toEqual([]);
  });
});

describe('readDtb on many malformed properties', () => {
  it('lists the first 200 warnings and counts the rest', () => {
    const struct: (number | string)[] = [1, ''];
    for (let i = 0; i < 300; i += 1) struct.push(1, `n@${i}`, 3, 3, 0, 0x01020300, 2); // reg of 3 bytes: not whole cells
    struct.push(2, 9);
    const r = parseDtb(blob(struct, 'reg\0'), 'many.dtb');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.warnings).toHaveLength(201);
    expect(r.warnings[0]!.message).toMatch(/\/n@0: reg ignored/);
    expect(r.warnings[0]!.offset).toBeTypeOf('number');
    expect(r.warnings[200]!.message).toMatch(/100 more warning/);
  });
});
