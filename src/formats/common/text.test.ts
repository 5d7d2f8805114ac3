import { describe, expect, it } from 'vitest';
import { excerpt, MAX_EXCERPT, quote } from './text.ts';

describe('quoting input in messages', () => {
  it('keeps short text whole and quoted', () => {
    expect(quote('pcie@10000000')).toBe("'pcie@10000000'");
    expect(quote('')).toBe('the end of the line');
  });

  it('cuts long text to an excerpt with an ASCII marker', () => {
    const long = 'a'.repeat(MAX_EXCERPT) + 'b'.repeat(10_000);
    expect(quote(long)).toBe(`'${'a'.repeat(MAX_EXCERPT)}...'`);
    expect(excerpt(long, 'end')).toBe(`...${'b'.repeat(MAX_EXCERPT)}`);
  });

  it('escapes control characters so a message stays on one line', () => {
    expect(quote('a\nb\u0000')).toBe("'a\\x0ab\\x00'");
  });
});
