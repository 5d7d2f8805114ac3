/**
 * Plain-text layout for reports meant to be pasted into a review mail: ASCII only, no tabs,
 * never wider than 80 columns. Text from files (names) is made safe here.
 */
import { hex16, type Range } from '../engine/u64.ts';

export const WIDTH = 80;

/** Printable ASCII only: anything else (control characters, tabs, non-ASCII) becomes '?' or ' '. */
export function ascii(text: string): string {
  return text.replace(/[\t\r\n]/g, ' ').replace(/[^\x20-\x7e]/g, '?');
}

/** "[0x%016llx-0x%016llx]" — the kernel's fixed-width hex, inclusive end. */
export function rangeHex(r: Range): string {
  return `[${hex16(r.start)}-${hex16(r.last)}]`;
}

/**
 * Word-wrap `text` to WIDTH columns: the first line starts with `first`, the following ones
 * with `rest` (indentation). Words longer than a line are cut.
 */
export function wrap(text: string, first: string, rest: string = ' '.repeat(first.length)): string[] {
  const lines: string[] = [];
  let line = first;
  let fresh = true; // nothing but the prefix on this line yet
  for (const word of ascii(text).split(' ').filter((w) => w !== '')) {
    let w = word;
    if (!fresh && line.length + 1 + w.length > WIDTH) {
      lines.push(line);
      line = rest;
      fresh = true;
    }
    while (line.length + (fresh ? 0 : 1) + w.length > WIDTH) {
      const room = Math.max(1, WIDTH - line.length - (fresh ? 0 : 1));
      lines.push(line + (fresh ? '' : ' ') + w.slice(0, room));
      w = w.slice(room);
      line = rest;
      fresh = true;
    }
    line += (fresh ? '' : ' ') + w;
    fresh = false;
  }
  lines.push(line);
  return lines;
}
