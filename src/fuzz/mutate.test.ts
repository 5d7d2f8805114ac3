import { describe, expect, it } from 'vitest';
import { CaseMaker } from './cases.ts';
import { contentLength, MAX_CASE_BYTES } from './mutate.ts';
import { targetById } from './targets.ts';

describe('case generation', () => {
  const dtb = targetById('dtb')!;

  it('is a pure function of target, seed and index', () => {
    const a = new CaseMaker(dtb, 42);
    const b = new CaseMaker(dtb, 42);
    for (const i of [10, 11, 500]) expect(Buffer.from(a.make(i).bytes).equals(Buffer.from(b.make(i).bytes))).toBe(true);
    expect(a.make(12).note).not.toBe(new CaseMaker(dtb, 43).make(12).note);
  });

  it('starts with the seeds unchanged and keeps every case under the size cap', () => {
    const maker = new CaseMaker(dtb, 1);
    const seeds = dtb.seeds();
    expect(Buffer.from(maker.make(0).bytes).equals(Buffer.from(seeds[0]!.bytes))).toBe(true);
    for (let i = seeds.length; i < seeds.length + 200; i++) expect(maker.make(i).bytes.length).toBeLessThanOrEqual(MAX_CASE_BYTES);
  });

  it('mutates where a zero-padded blob has content', () => {
    expect(contentLength(Uint8Array.of(1, 2, 0, 0))).toBe(2);
    expect(contentLength(Uint8Array.of(0, 0))).toBe(1);
    expect(contentLength(new Uint8Array(0))).toBe(0);
  });
});
