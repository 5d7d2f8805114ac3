import { describe, expect, it } from 'vitest';
import { NameTable } from './nameTable.ts';

/** Every name of `text` (separated by one blank) through the table. */
function names(table: NameTable, text: string): string[] {
  const out: string[] = [];
  for (let pos = 0; pos < text.length; pos = table.end + 1) {
    table.scan(pos);
    out.push(table.intern(pos));
  }
  return out;
}

describe('NameTable', () => {
  it('scans a name up to the first character a name cannot hold', () => {
    const t = new NameTable('#address-cells = <2>;');
    t.scan(0);
    expect(t.end).toBe('#address-cells'.length);
    t.scan(15);
    expect(t.end).toBe(15); // '=' starts no name
  });

  it('gives one string per distinct name and tells apart names that share a prefix or a hash slot', () => {
    const text = 'reg reg-names reg interrupts re reg';
    const got = names(new NameTable(text), text);
    expect(got).toEqual(['reg', 'reg-names', 'reg', 'interrupts', 're', 'reg']);
    expect(got[0]).toBe(got[2]);
  });

  it('still returns every name exactly once the table is full', () => {
    const text = Array.from({ length: 5000 }, (_, i) => `n${i}`).join(' ') + ' n4999 n0';
    const got = names(new NameTable(text), text);
    expect(got).toEqual(text.split(' '));
  });
});
