/** Inputs the fuzzer once broke a parser with (src/fuzz/regressions/*.bin) keep the contract. */
import { describe, expect, it } from 'vitest';
import { runCases } from './pool.ts';
import { REGRESSIONS_DIR, regressionFiles } from './regressions.ts';
import { targetById } from './targets.ts';

const saved = [...regressionFiles(REGRESSIONS_DIR)];

describe('fuzz regressions', () => {
  it('names a known target in every saved input', () => {
    expect(saved.map(([t]) => t).filter((t) => !targetById(t))).toEqual([]);
  });

  for (const [target, files] of saved) {
    it(`${target}: ${files.length} saved inputs`, async () => {
      const r = await runCases({ target, files, from: 0, to: files.length });
      expect(r.findings.map((f) => `${files[f.index]}: ${f.problem}`)).toEqual([]);
    }, 120_000);
  }
});
