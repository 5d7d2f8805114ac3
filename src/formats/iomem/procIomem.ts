/**
 * Parser for /proc/iomem (kernel/resource.c, r_show): one resource per line,
 * "<indent><start>-<end> : <name>", addresses in hex without 0x, the end inclusive, two spaces of
 * indentation per nesting level, names with spaces and colons ("PCI Bus 0000:00").
 * Readers without CAP_SYS_ADMIN get every address printed as 0: that dump is refused with an
 * explanation, since it holds no addresses at all.
 */
import { ok, type LocatedError, type Result } from '../../model/located.ts';
import type { PhysKind, PhysRegion, Scenario } from '../../model/scenario.ts';
import { failAt, failLine, runParser } from '../common/failure.ts';
import { finishScenario, newDraft } from '../common/draft.ts';
import { hexSlice } from '../common/hex.ts';
import { LineCursor, quote } from '../common/text.ts';
import { iomemKind } from './iomemKind.ts';

/** Deeper than any real resource tree (a handful of levels); bounds the parent stack. */
export const MAX_IOMEM_DEPTH = 64;
const KIND_CACHE_LIMIT = 10_000;
/** r_show indents each nesting level by two spaces ("%*s", depth * 2). */
const INDENT_STEP = 2;
/** A damaged dump could jump on every line; past this many, jumps are only counted. */
const MAX_WARNINGS = 100;

interface Open {
  readonly indent: number;
  readonly name: string;
}

export function parseProcIomem(text: string, source: string): Result<Scenario> {
  return runParser(source, () => parse(text, source));
}

function parse(text: string, source: string): Result<Scenario> {
  const draft = newDraft();
  const stack: Open[] = [];
  const kinds = new Map<string, PhysKind>();
  const lines = new LineCursor(text);
  let allZero = true;
  let firstLine = 0;
  const warnings: LocatedError[] = [];
  let unlisted = 0;
  /** Indentation of the previous resource line; the first line sits at the top level. */
  let previousIndent = -INDENT_STEP;
  let previousLine = 0;
  for (let line = lines.next(); line !== undefined; line = lines.next()) {
    const lineNo = lines.lineNo;
    let indent = 0;
    while (indent < line.length && line.charCodeAt(indent) === 32) indent += 1;
    if (indent === line.length) continue;
    const dash = line.indexOf('-', indent);
    const sep = line.indexOf(' : ', indent);
    if (dash < 0 || sep < 0 || dash > sep) {
      failLine(source, lineNo, indent, `expected a resource line such as '40000000-bfffffff : System RAM', found ${quote(line.slice(indent))}`);
    }
    const start = hexSlice(line, indent, dash);
    if (start === undefined) failLine(source, lineNo, indent, `expected a hex start address (1 to 16 digits, no 0x), found ${quote(line.slice(indent, dash))}`);
    const last = hexSlice(line, dash + 1, sep);
    if (last === undefined) failLine(source, lineNo, dash + 1, `expected a hex end address (1 to 16 digits, no 0x), found ${quote(line.slice(dash + 1, sep))}`);
    if (last! < start!) failLine(source, lineNo, dash + 1, `expected the end address to be at least the start ${line.slice(indent, dash)}, found ${line.slice(dash + 1, sep)}`);
    const name = line.slice(sep + 3);
    if (firstLine === 0) firstLine = lineNo;
    if (start !== 0n || last !== 0n) allZero = false;

    if (indent > previousIndent + INDENT_STEP) {
      // r_show never skips a level: text lost or added between these lines (a cut paste, an editor).
      const expected = previousLine === 0 ? 'the first resource at the top level (no indentation)' : `at most ${previousIndent + INDENT_STEP} spaces of indentation (one level below line ${previousLine})`;
      const message = `expected ${expected}, found ${indent} spaces; read as ${previousLine === 0 ? 'a top-level resource' : 'a child of the resource above'}`;
      if (warnings.length < MAX_WARNINGS) warnings.push({ source, line: lineNo, column: 1, message });
      else unlisted += 1;
    }
    previousIndent = indent;
    previousLine = lineNo;
    while (stack.length > 0 && stack[stack.length - 1]!.indent >= indent) stack.pop();
    if (stack.length >= MAX_IOMEM_DEPTH) failLine(source, lineNo, 0, `expected at most ${MAX_IOMEM_DEPTH} levels of nesting, found a deeper one`);
    const parent = stack[stack.length - 1];
    stack.push({ indent, name });

    let kind = kinds.get(name);
    if (kind === undefined) {
      kind = iomemKind(name);
      if (kinds.size < KIND_CACHE_LIMIT) kinds.set(name, kind);
    }
    const region: PhysRegion = parent === undefined ? { start: start!, last: last!, name, kind } : { start: start!, last: last!, name, kind, parent: parent.name };
    draft.physicalMap.push(region);
  }
  if (firstLine === 0) failAt({ source, line: 1, column: 1, message: "expected /proc/iomem lines such as '40000000-bfffffff : System RAM', found an empty file" });
  if (allZero) {
    failAt({
      source,
      line: firstLine,
      column: 1,
      message:
        'expected real addresses, found 00000000-00000000 on every line: the kernel shows /proc/iomem addresses only to root (CAP_SYS_ADMIN), so run `sudo cat /proc/iomem` and upload that',
    });
  }
  draft.notes.push(
    `Physical map from /proc/iomem (${draft.physicalMap.length} resources); the kind of each resource is guessed from its name. /proc/iomem says nothing about IOMMUs, PCIe windows as bus addresses, or devices.`,
  );
  if (unlisted > 0) warnings.push({ source, message: `${unlisted} more line(s) indented more than one level deeper than the line before were not listed` });
  return ok(finishScenario(source, 'iomem', draft, 'physical memory map from /proc/iomem'), warnings);
}
