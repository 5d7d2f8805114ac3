import { describe, expect, it } from 'vitest';
import { runCases } from './pool.ts';

describe('runCases', () => {
  it('runs every case of a target in a worker and reports none failing on its seeds', async () => {
    // Cases 0..3 are the four sysfs seeds as they are: kernel-format text every parser run accepts.
    const r = await runCases({ target: 'sysfs-reserved-regions', seed: 7, from: 0, to: 4 });
    expect(r).toMatchObject({ findings: [], cases: 4 });
  }, 60_000);

  it('times a case out past its deadline, records it and goes on with a fresh worker', async () => {
    const r = await runCases({ target: 'sysfs-reserved-regions', seed: 7, from: 0, to: 2 }, () => 0);
    expect(r.findings.map((f) => [f.index, f.problem])).toEqual([
      [0, expect.stringMatching(/no answer within 0 ms/)],
      [1, expect.stringMatching(/no answer within 0 ms/)],
    ]);
  }, 60_000);

  it('reports an unknown target instead of hanging', async () => {
    const r = await runCases({ target: 'no-such-format', seed: 1, from: 0, to: 3 });
    expect(r.findings).toEqual([{ target: 'no-such-format', index: 0, problem: 'harness: unknown fuzz target no-such-format' }]);
  }, 60_000);
});
