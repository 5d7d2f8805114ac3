/**
 * Plain-text layout for reports meant to be pasted into a review mail: ASCII only, no tabs,
 * never wider than 80 columns. Text from files (names) is made safe here.
 */
import { hex16, type Range } from '../engine/u64.ts';

export const WIDTH = 80;

/** Typography the notes and messages use, spelled in ASCII (a mail reader may not show the rest). */
const ASCII_SPELLING: Record<string, string> = {
  '\u2026': '...', // …
  '\u2014': '-', // —
  '\u2013': '-', // –
  '\u2018': "'",
  '\u2019': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u2192': '->', // →
  '\u2248': '~', // ≈
  '\u2264': '<=',
  '\u2265': '>=',
  '\u00d7': 'x', // ×
  '\u00b7': '.', // ·
  '\u00a7': 'section ', // §
  '\u00a0': ' ',
  '\u2229': 'and', // ∩
};

/**
 * Typographic punctuation spelled in ASCII; every other character is left alone (a message that
 * quotes a file name must quote it exactly).
 */
export function asciiPunctuation(text: string): string {
  return text.replace(/[\u00a0-\u2265]/g, (c) => ASCII_SPELLING[c] ?? c);
}

/**
 * Printable ASCII only: punctuation spelled out, accents dropped (e with acute -> e), tabs and
 * line breaks become spaces, anything else (control characters, other scripts) '?'.
 */
export function ascii(text: string): string {
  return asciiPunctuation(text.normalize('NFD').replace(/[\u0300-\u036f]/g, ''))
    .replace(/[\t\r\n]/g, ' ')
    .replace(/[^\x20-\x7e]/g, '?');
}

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'] as const;

/**
 * A size in binary units, exactly: the largest unit in which it is at least 1 and has at most two
 * decimals, with no trailing zeros ("1 GiB", "1.5 GiB", "2030 MiB", "262142 GiB"). Unlike the
 * map's rounded labels, a report never prints "2.0 GiB" for 2030 MiB.
 */
export function exactSize(bytes: bigint): string {
  for (let u = UNITS.length - 1; u > 0; u--) {
    const unit = 1n << BigInt(10 * u);
    if (bytes < unit || (bytes * 100n) % unit !== 0n) continue;
    const hundredths = (bytes * 100n) / unit;
    const fraction = (hundredths % 100n).toString().padStart(2, '0').replace(/0+$/, '');
    return `${hundredths / 100n}${fraction ? `.${fraction}` : ''} ${UNITS[u]}`;
  }
  return `${bytes} B`;
}

/** "[0x%016llx-0x%016llx]" — the kernel's fixed-width hex, inclusive end. */
export function rangeHex(r: Range): string {
  return `[${hex16(r.start)}-${hex16(r.last)}]`;
}

/**
 * Rows of "LABEL TEXT" with the texts aligned in one column. A label too long for the column that
 * still leaves room for the longest text goes on lines of its own (whole, wrapped if it must be),
 * and its text follows on the next line in the column: names are never cut.
 */
export function labelledRows(rows: readonly { label: string; text: string }[], indent: string): string[] {
  const labels = rows.map((r) => ascii(r.label));
  const room = WIDTH - indent.length - 1 - Math.max(0, ...rows.map((r) => r.text.length));
  const column = Math.max(0, ...labels.map((l) => l.length).filter((n) => n <= room));
  return rows.flatMap((r, i) => {
    const label = labels[i]!;
    if (label.length <= column) return [`${indent}${label.padEnd(column)} ${r.text}`];
    return [...wrap(label, indent, `${indent}  `), `${indent}${' '.repeat(column)} ${r.text}`];
  });
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
