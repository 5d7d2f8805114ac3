/** One case, timed and checked; a throw is a finding like any broken promise. */
import { performance } from 'node:perf_hooks';
import { resultProblem } from './check.ts';
import type { FuzzCase } from './cases.ts';
import type { FuzzTarget } from './targets.ts';

export interface CaseOutcome {
  readonly ms: number;
  readonly problem?: string;
}

export async function runCase(target: FuzzTarget, c: FuzzCase): Promise<CaseOutcome> {
  const t0 = performance.now();
  let problem: string | undefined;
  try {
    const result = await target.run(c.bytes, c.source);
    problem = resultProblem(result, target.errorSource ?? c.source, c.bytes.length, target.checkValue);
  } catch (e) {
    problem = `threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;
  }
  const ms = performance.now() - t0;
  return problem === undefined ? { ms } : { ms, problem };
}
