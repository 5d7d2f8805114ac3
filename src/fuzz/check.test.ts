import { describe, expect, it } from 'vitest';
import { fail, ok } from '../model/located.ts';
import { baseScenario } from '../analysis/fixtures.ts';
import { resultProblem } from './check.ts';

const SRC = 'in.dts';
const empty = baseScenario({ id: 'upload:in.dts', name: 'in.dts' });

describe('resultProblem', () => {
  it('accepts a located error and a scenario the codec reads back', () => {
    expect(resultProblem(fail({ source: SRC, line: 3, column: 1, message: "expected ';'" }), SRC, 10)).toBeUndefined();
    expect(resultProblem(fail({ source: SRC, offset: 10, message: 'truncated blob' }), SRC, 10)).toBeUndefined();
    expect(resultProblem(ok(empty), SRC, 10)).toBeUndefined();
  });

  it('flags throws turned into "internal error" by runParser', () => {
    const r = fail({ source: SRC, message: 'expected the parser to finish, found an internal error (TypeError: x)' });
    expect(resultProblem(r, SRC, 1)).toMatch(/unexpected exception/);
  });

  it('flags errors that do not say where, or say it wrongly', () => {
    expect(resultProblem(fail({ source: 'other', message: 'x' }), SRC, 1)).toMatch(/names source/);
    expect(resultProblem(fail({ source: SRC, line: 0, message: 'x' }), SRC, 1)).toMatch(/line 0/);
    expect(resultProblem(fail({ source: SRC, offset: 11, message: 'x' }), SRC, 10)).toMatch(/outside/);
    expect(resultProblem(fail({ source: SRC, message: ' ' }), SRC, 1)).toMatch(/no message/);
    expect(resultProblem(fail({ source: SRC, message: 'x'.repeat(5000) }), SRC, 1)).toMatch(/5000 characters/);
  });

  it('flags values that are not Results and scenarios the codec refuses', () => {
    expect(resultProblem(undefined, SRC, 1)).toMatch(/not return a Result/);
    const backwards = { ...empty, physicalMap: [{ name: 'r', kind: 'ram' as const, start: 2n, last: 1n }] };
    expect(resultProblem(ok(backwards), SRC, 1)).toMatch(/JSON codec/);
  });
});
