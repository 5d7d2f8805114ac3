import { describe, expect, it } from 'vitest';
import { offsetOfLineColumn } from './textPosition.ts';

describe('offsetOfLineColumn', () => {
  const text = 'first\nsecond line\n\nlast';

  it('finds a line and column (both 1-based)', () => {
    expect(text.slice(offsetOfLineColumn(text, 2, 8))).toMatch(/^line/);
    expect(offsetOfLineColumn(text, 1, 1)).toBe(0);
    expect(text.slice(offsetOfLineColumn(text, 4, 1))).toBe('last');
  });

  it('stays on the line when the column is past its end, and in the text when the line is past the last', () => {
    expect(offsetOfLineColumn(text, 1, 99)).toBe(5); // before the newline of line 1
    expect(offsetOfLineColumn(text, 3, 4)).toBe(text.indexOf('\n\n') + 1);
    expect(offsetOfLineColumn(text, 9, 1)).toBe(text.length);
  });
});
