/**
 * The line grammar of QEMU's monitor `info mtree` (memory.c, mtree_print_mr / mtree_print_flatview):
 * sections ("address-space: NAME", "memory-region: NAME", "FlatView #N" with ` AS "NAME", root: …`
 * lines) holding region lines "START-END (prio P, KIND): NAME", indented two spaces per level.
 * Alias lines read "alias NAME @TARGET OFF-END"; flat views print "TARGET @OFF".
 */
import { failLine } from '../common/failure.ts';
import { hexSlice } from '../common/hex.ts';
import { LineCursor, quote } from '../common/text.ts';

export interface MtreeEntry {
  readonly indent: number;
  readonly start: bigint;
  readonly last: bigint;
  readonly prio: number;
  /** QEMU's region type: i/o, ram, rom, romd, nv-ram, … */
  readonly type: string;
  readonly name: string;
  /** Alias (tree view) or the region a flat-view range comes from. */
  readonly target?: string;
  /** Offset into `target` where this range begins. */
  readonly targetOffset?: bigint;
  readonly disabled: boolean;
  readonly line: number;
}

export interface MtreeSection {
  readonly kind: 'address-space' | 'memory-region' | 'flatview';
  /** Address spaces (several headers can share one body) or the memory region's name. */
  readonly names: string[];
  readonly entries: MtreeEntry[];
  readonly line: number;
}

const REGION = /^( *)([0-9a-fA-F]{1,16})-([0-9a-fA-F]{1,16}) \(prio (-?\d+), ([^)]*)\): (.*)$/;
const ALIAS = /^alias (.+?) @(\S+) ([0-9a-fA-F]{1,16})-[0-9a-fA-F]{1,16}(?: |$)/;
const FLAT_OFFSET = /^(.+?) @([0-9a-fA-F]{1,16})(?: |$)/;
const FLAT_AS = /^ AS "(.*)", root: /;
/** Lines a pasted monitor session adds around the dump. */
const NOISE = /^(\(qemu\)|QEMU \d+\.\d+.* monitor| Root memory region: | {2}No rendered FlatView)/;

function entry(m: RegExpExecArray, line: number, text: string, source: string): MtreeEntry {
  const start = hexSlice(m[2]!, 0, m[2]!.length)!;
  const last = hexSlice(m[3]!, 0, m[3]!.length)!;
  if (last < start) failLine(source, line, m[1]!.length + m[2]!.length + 1, `expected the end address to be at least the start ${m[2]}, found ${m[3]}`);
  let rest = m[6]!;
  const disabled = rest.endsWith(' [disabled]');
  if (disabled) rest = rest.slice(0, -' [disabled]'.length);
  const base = { indent: m[1]!.length, start, last, prio: Number(m[4]), type: m[5]!, disabled, line };
  const alias = ALIAS.exec(rest);
  if (alias) return { ...base, name: alias[1]!, target: alias[2]!, targetOffset: hexSlice(alias[3]!, 0, alias[3]!.length)! };
  const flat = FLAT_OFFSET.exec(rest);
  if (flat) return { ...base, name: flat[1]!, target: flat[1]!, targetOffset: hexSlice(flat[2]!, 0, flat[2]!.length)! };
  if (rest.length === 0) failLine(source, line, text.length, 'expected a region name after the colon, found the end of the line');
  return { ...base, name: rest };
}

export function readMtree(text: string, source: string): { sections: MtreeSection[]; skipped: number } {
  const sections: MtreeSection[] = [];
  const lines = new LineCursor(text);
  let current: MtreeSection | undefined;
  let skipped = 0;
  for (let line = lines.next(); line !== undefined; line = lines.next()) {
    const n = lines.lineNo;
    if (line.trim() === '') continue;
    if (line.startsWith('address-space: ')) {
      // Consecutive headers share the body that follows (QEMU prints them together).
      const name = line.slice('address-space: '.length);
      if (current?.kind === 'address-space' && current.entries.length === 0) current.names.push(name);
      else sections.push((current = { kind: 'address-space', names: [name], entries: [], line: n }));
      continue;
    }
    if (line.startsWith('memory-region: ')) {
      sections.push((current = { kind: 'memory-region', names: [line.slice('memory-region: '.length)], entries: [], line: n }));
      continue;
    }
    if (/^FlatView #\d+$/.test(line)) {
      sections.push((current = { kind: 'flatview', names: [], entries: [], line: n }));
      continue;
    }
    const as = FLAT_AS.exec(line);
    if (as && current?.kind === 'flatview') {
      current.names.push(as[1]!);
      continue;
    }
    if (NOISE.test(line)) {
      skipped += 1;
      continue;
    }
    const m = REGION.exec(line);
    if (m === null || current === undefined) {
      const col = line.length - line.trimStart().length;
      failLine(
        source,
        n,
        col,
        m === null
          ? `expected 'address-space: NAME', 'memory-region: NAME', 'FlatView #N' or a region line like '0000000040000000-00000000bfffffff (prio 0, ram): mach-virt.ram', found ${quote(line.trim())}`
          : `expected a section header ('address-space: NAME') before the first region line, found ${quote(line.trim())}`,
      );
    }
    current.entries.push(entry(m, n, line, source));
  }
  return { sections, skipped };
}
