/** One case, timed and checked; a throw is a finding like any broken promise. */
import { performance } from 'node:perf_hooks';
import { resultProblem } from './check.ts';
import type { FuzzCase } from './cases.ts';
import type { FuzzTarget } from './targets.ts';

export interface CaseOutcome {
  readonly ms: number;
  readonly problem?: string;
}

export function runCase(target: FuzzTarget, c: FuzzCase): CaseOutcome {
  const t0 = performance.now();
  let problem: string | undefined;
  try {
    problem = resultProblem(target.run(c.bytes, c.source), c.source, c.bytes.length);
  } catch (e) {
    problem = `threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;
  }
  const ms = performance.now() - t0;
  return problem === undefined ? { ms } : { ms, problem };
}
