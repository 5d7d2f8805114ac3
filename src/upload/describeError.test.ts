import { describe, expect, it } from 'vitest';
import { describeError } from './describeError.ts';

describe('describeError', () => {
  it('names the file, line and column of a text input', () => {
    expect(describeError({ source: 'board.dts', line: 12, column: 5, message: "expected ';' after a property value, found '}'" })).toBe(
      "board.dts, line 12, column 5: expected ';' after a property value, found '}'.",
    );
  });

  it('names the byte offset of a binary input', () => {
    expect(describeError({ source: 'virt.dtb', offset: 0, message: 'expected the device tree magic 0xd00dfeed, found 0x7f454c46' })).toBe(
      'virt.dtb, at byte offset 0: expected the device tree magic 0xd00dfeed, found 0x7f454c46.',
    );
  });

  it('defaults the column to 1 and does not double the full stop', () => {
    expect(describeError({ source: 'iomem', line: 3, message: 'expected a range, found "abc".' })).toBe('iomem, line 3, column 1: expected a range, found "abc".');
  });

  it('says only the file when the error has no position', () => {
    expect(describeError({ source: 'empty.txt', message: 'expected some text, found an empty file' })).toBe('empty.txt: expected some text, found an empty file.');
  });
});
