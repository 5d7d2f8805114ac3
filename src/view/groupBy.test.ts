import { describe, expect, it } from 'vitest';
import { groupBy } from './groupBy.ts';

describe('groupBy', () => {
  it('keeps groups in order of first appearance and items in order within each', () => {
    const g = groupBy(['b1', 'a1', 'b2', 'c1', 'a2'], (s) => s[0]);
    expect([...g]).toEqual([
      ['b', ['b1', 'b2']],
      ['a', ['a1', 'a2']],
      ['c', ['c1']],
    ]);
  });
});
