/**
 * Character scanner for device tree source: position, whitespace and comments, C preprocessor
 * lines, and 1-based line/column for any position. Line numbers are found lazily: the parser
 * asks for positions in increasing order, so a cursor that only moves forward keeps the total
 * cost linear in the input (a rewind, e.g. for an error, rescans once).
 */
import type { Location } from '../../model/located.ts';
import { failAt } from '../common/failure.ts';
import { MAX_EXCERPT, quote } from '../common/text.ts';

const CPP_DIRECTIVES = new Set(['include', 'define', 'undef', 'if', 'ifdef', 'ifndef', 'elif', 'else', 'endif', 'error', 'pragma', 'line', 'warning']);

export const PREPROCESS_HINT =
  'upload the preprocessed source (cpp -nostdinc -undef -x assembler-with-cpp -I include board.dts) or the decompiled blob (dtc -I dtb -O dts board.dtb)';

export class Scanner {
  pos = 0;
  private locPos = 0;
  private locLine = 1;
  private locLineStart = 0;
  private lineStarts: Int32Array | undefined;

  constructor(
    readonly text: string,
    readonly source: string,
  ) {}

  at(pos: number = this.pos): Location {
    if (pos < this.locPos) {
      this.locPos = 0;
      this.locLine = 1;
      this.locLineStart = 0;
    }
    const text = this.text;
    for (let nl = text.indexOf('\n', this.locPos); nl >= 0 && nl < pos; nl = text.indexOf('\n', nl + 1)) {
      this.locLine += 1;
      this.locLineStart = nl + 1;
    }
    this.locPos = pos;
    return { source: this.source, line: this.locLine, column: pos - this.locLineStart + 1 };
  }

  /**
   * Location of any position, in any order (warnings after parsing): binary search in a table
   * of line starts built once on first use.
   */
  locate(pos: number): Location {
    if (this.lineStarts === undefined) {
      const starts = [0];
      for (let nl = this.text.indexOf('\n'); nl >= 0; nl = this.text.indexOf('\n', nl + 1)) starts.push(nl + 1);
      this.lineStarts = Int32Array.from(starts);
    }
    const t = this.lineStarts;
    let lo = 0;
    let hi = t.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (t[mid]! <= pos) lo = mid;
      else hi = mid - 1;
    }
    return { source: this.source, line: lo + 1, column: pos - t[lo]! + 1 };
  }

  fail(message: string, pos: number = this.pos): never {
    return failAt({ ...this.at(pos), message });
  }

  /** What is at `pos`, quoted for a message: the token-ish text up to a delimiter. */
  found(pos: number = this.pos): string {
    if (pos >= this.text.length) return 'the end of the file';
    const m = /^(?:[A-Za-z0-9,._+*#?@\-/]+|\S)/.exec(this.text.slice(pos, pos + MAX_EXCERPT + 1));
    return quote(m ? m[0] : this.text.slice(pos, pos + 1));
  }

  peek(): number {
    return this.pos < this.text.length ? this.text.charCodeAt(this.pos) : -1;
  }

  startsWith(s: string): boolean {
    return this.text.startsWith(s, this.pos);
  }

  /** Skips blanks, newlines, comments and cpp line markers; refuses other preprocessor lines. */
  skip(): void {
    const text = this.text;
    for (;;) {
      const c = this.peek();
      if (c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11) {
        this.pos += 1;
      } else if (c === 47 && text.charCodeAt(this.pos + 1) === 47) {
        const nl = text.indexOf('\n', this.pos);
        this.pos = nl < 0 ? text.length : nl + 1;
      } else if (c === 47 && text.charCodeAt(this.pos + 1) === 42) {
        const end = text.indexOf('*/', this.pos + 2);
        if (end < 0) this.fail('expected the end of the comment (*/), found the end of the file');
        this.pos = end + 2;
      } else if (c === 35 && this.atLineStart()) {
        if (!this.skipPreprocessorLine()) return;
      } else {
        return;
      }
    }
  }

  private atLineStart(): boolean {
    for (let i = this.pos - 1; i >= 0; i -= 1) {
      const c = this.text.charCodeAt(i);
      if (c === 10) return true;
      if (c !== 32 && c !== 9) return false;
    }
    return true;
  }

  /**
   * A '#' at the start of a line: cpp line markers ("# 12 \"board.dts\"") are skipped; directives
   * (#include, #define, …) mean the file was not preprocessed. Anything else (#address-cells)
   * is a property name: returns false so the parser reads it.
   */
  private skipPreprocessorLine(): boolean {
    const m = /^#[ \t]*([A-Za-z_]+|\d+)/.exec(this.text.slice(this.pos, this.pos + 40));
    if (m === null) return false;
    const word = m[1]!;
    if (/^\d/.test(word)) {
      const nl = this.text.indexOf('\n', this.pos);
      this.pos = nl < 0 ? this.text.length : nl + 1;
      return true;
    }
    const after = this.text.charCodeAt(this.pos + m[0].length);
    const wordEnds = Number.isNaN(after) || !/[A-Za-z0-9,._+*#?@-]/.test(String.fromCharCode(after));
    if (!CPP_DIRECTIVES.has(word) || !wordEnds) return false;
    return this.fail(`expected device tree source without C preprocessor directives, found #${word}: ${PREPROCESS_HINT}`);
  }
}
