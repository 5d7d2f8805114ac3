/** Text helpers shared by the line-based parsers: decoding, quoting what was found, line walking. */

import { excerpt } from '../../model/excerpt.ts';

export { excerpt, MAX_EXCERPT } from '../../model/excerpt.ts';

// Non-fatal: binary junk becomes U+FFFD and is then reported by the parser as an unexpected
// character, with a line and column, instead of a decoder exception.
const decoder = new TextDecoder('utf-8');

/** UTF-8 to string; a leading byte-order mark is dropped (TextDecoder's default). */
export function decodeText(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

/**
 * How an error message shows what it found: an excerpt in single quotes. The result is plain
 * text for a message, never markup.
 */
export function quote(text: string): string {
  return text.length === 0 ? 'the end of the line' : `'${excerpt(text)}'`;
}

/**
 * Walks a text line by line without splitting it into an array (inputs reach 50 MB).
 * Accepts \n and \r\n endings. `lineNo` is 1-based for the line last returned.
 */
export class LineCursor {
  private pos = 0;
  lineNo = 0;

  constructor(private readonly text: string) {}

  next(): string | undefined {
    const text = this.text;
    if (this.pos >= text.length) return undefined;
    let end = text.indexOf('\n', this.pos);
    if (end < 0) end = text.length;
    const stop = end > this.pos && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    const line = text.slice(this.pos, stop);
    this.pos = end + 1;
    this.lineNo += 1;
    return line;
  }
}

/** Index of the first character at or after `from` that is not a space or tab. */
export function skipBlanks(line: string, from: number): number {
  let i = from;
  while (i < line.length) {
    const c = line.charCodeAt(i);
    if (c !== 32 && c !== 9) break;
    i += 1;
  }
  return i;
}

/** Index just past the run of non-blank characters starting at `from`. */
export function wordEnd(line: string, from: number): number {
  let i = from;
  while (i < line.length) {
    const c = line.charCodeAt(i);
    if (c === 32 || c === 9) break;
    i += 1;
  }
  return i;
}
