/**
 * Every parser under seeded fuzzing in the normal test run: the real samples as they are, then
 * mutations, truncations and noise. Each case runs in a worker under a deadline and must return a
 * scenario (that survives the JSON codec) or a located error, never throw, never hang.
 * `npm run fuzz` runs the same cases for longer.
 */
import { describe, expect, it } from 'vitest';
import { runCases } from './pool.ts';
import { TARGETS } from './targets.ts';

/** Fixed, so a failure here is reproduced with `npm run fuzz -- --seed 20261124 --format F --case I`. */
const SEED = 20261124;
const CASES = 200;

describe('fuzz: every input path keeps the Result contract', () => {
  it.each(TARGETS.map((t) => [t.id, t.calls]))(`%s (%s): ${CASES} seeded cases`, async (id) => {
    const r = await runCases({ target: id, seed: SEED, from: 0, to: CASES });
    expect(r.findings.map((f) => `case ${f.index}: ${f.problem}`)).toEqual([]);
    expect(r.cases).toBe(CASES);
  }, 120_000);
});
