import { describe, expect, it } from 'vitest';
import { defineLazy, once } from './lazy.ts';

interface Sample {
  readonly a: number;
  readonly b: string[];
  readonly opt?: number;
}

describe('defineLazy', () => {
  it('computes a field on its first read only, then keeps it as a plain data property', () => {
    let calls = 0;
    const o = defineLazy({} as Sample, { a: () => (calls += 1, 7), b: () => ['x'] });
    expect(calls).toBe(0);
    expect(o.a).toBe(7);
    expect(o.a).toBe(7);
    expect(calls).toBe(1);
    expect(Object.getOwnPropertyDescriptor(o, 'a')).toEqual({ value: 7, enumerable: true, configurable: true, writable: true });
  });

  it('removes an optional field that turns out undefined, as an eagerly built object would lack it', () => {
    const o = defineLazy({} as Sample, { a: () => 1, opt: () => undefined });
    expect(o.opt).toBeUndefined();
    expect('opt' in o).toBe(false);
    expect(Object.keys(o)).toEqual(['a']);
  });

  it('is read in full, in definition order, by spreading and JSON', () => {
    const o = defineLazy({} as Sample, { a: () => 1, b: () => ['y'], opt: () => 3 });
    expect({ ...o }).toEqual({ a: 1, b: ['y'], opt: 3 });
    expect(JSON.stringify(o)).toBe('{"a":1,"b":["y"],"opt":3}');
  });
});

describe('once', () => {
  it('runs its function on the first call and returns the cached value after', () => {
    let calls = 0;
    const f = once(() => (calls += 1, undefined));
    expect(f()).toBeUndefined();
    f();
    expect(calls).toBe(1);
  });
});
