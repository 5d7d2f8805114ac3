/**
 * Parser for /sys/kernel/iommu_groups/N/reserved_regions dumps (engine-spec §1.4): one file's
 * lines ("0x%016llx 0x%016llx %s"), or several groups as printed by
 * `grep . /sys/kernel/iommu_groups/* /reserved_regions` (path:line) or `head` (==> path <==).
 * Lines of other files in a `grep -r` over iommu_groups are skipped with a warning.
 */
import { ok, type LocatedError, type Result } from '../../model/located.ts';
import type { Device, ObservedRegion, ResvTypeName, Scenario } from '../../model/scenario.ts';
import { failAt, failLine, runParser } from '../common/failure.ts';
import { finishScenario, newDraft, uploadRef } from '../common/draft.ts';
import { hexSliceOptional0x } from '../common/hex.ts';
import { LineCursor, quote, skipBlanks, wordEnd } from '../common/text.ts';
import { inferMsiKind } from './msiKind.ts';

const TYPE_WORDS: Readonly<Record<string, ResvTypeName>> = {
  direct: 'direct',
  'direct-relaxable': 'direct-relaxable',
  reserved: 'reserved',
  msi: 'msi',
};

const GROUP_PATH = /iommu_groups\/([^/\s]+)\/?/;
const HEAD_HEADER = /^==> (.*) <==$/;

interface GroupAcc {
  readonly name: string;
  readonly line: number;
  readonly regions: ObservedRegion[];
}

/** The group name a path names (".../iommu_groups/12/reserved_regions" → "12"). */
function groupOfPath(path: string): string | undefined {
  return GROUP_PATH.exec(path)?.[1];
}

export function parseReservedRegions(text: string, source: string): Result<Scenario> {
  return runParser(source, () => parseLines(text, source));
}

function parseLines(text: string, source: string): Result<Scenario> {
  const groups = new Map<string, GroupAcc>();
  const warnings: LocatedError[] = [];
  const defaultGroup = groupOfPath(source) ?? source;
  let current: string | undefined;
  // Inside a `head` section of another file (e.g. iommu_groups/N/type): skip its lines.
  let inOtherFile = false;
  let skippedOther = 0;
  const lines = new LineCursor(text);
  const groupFor = (name: string, line: number): GroupAcc => {
    let g = groups.get(name);
    if (g === undefined) {
      g = { name, line, regions: [] };
      groups.set(name, g);
    }
    return g;
  };

  for (let line = lines.next(); line !== undefined; line = lines.next()) {
    const lineNo = lines.lineNo;
    const first = skipBlanks(line, 0);
    if (first === line.length) continue;
    const head = HEAD_HEADER.exec(line);
    if (head) {
      const path = head[1]!;
      current = groupOfPath(path) ?? path;
      inOtherFile = !path.endsWith('reserved_regions');
      if (!inOtherFile) groupFor(current, lineNo);
      continue;
    }
    if (inOtherFile) {
      skippedOther += 1;
      continue;
    }
    // "path:0x…" from grep: the path ends at the last ':' before the first "0x".
    const hexAt = line.indexOf('0x', first);
    const colon = hexAt > 0 ? line.lastIndexOf(':', hexAt) : line.indexOf(':');
    if (colon > first) {
      const path = line.slice(first, colon);
      if (!path.endsWith('reserved_regions')) {
        skippedOther += 1;
        continue;
      }
      const name = groupOfPath(path) ?? path;
      const g = groupFor(name, lineNo);
      g.regions.push(parseRegion(line, colon + 1, lineNo, source));
      continue;
    }
    if (hexAt !== first) {
      // A bare path line (e.g. from `for g in …; do echo $g; cat $g/reserved_regions; done`).
      const name = groupOfPath(line);
      if (name !== undefined && line.indexOf(' ', first) < 0) {
        current = name;
        inOtherFile = false;
        groupFor(name, lineNo);
        continue;
      }
      failAt({
        source,
        line: lineNo,
        column: first + 1,
        message: `expected a reserved_regions line such as '0x0000000008000000 0x00000000080fffff msi', found ${quote(line.slice(first))}`,
      });
    }
    groupFor(current ?? defaultGroup, lineNo).regions.push(parseRegion(line, first, lineNo, source));
  }
  if (skippedOther > 0) {
    warnings.push({ source, message: `skipped ${skippedOther} line(s) of files other than reserved_regions` });
  }
  if (groups.size === 0) {
    failAt({ source, line: 1, column: 1, message: 'expected at least one reserved_regions line or group header, found an empty file' });
  }
  return ok(buildScenario(source, [...groups.values()]), warnings);
}

/** "0x… 0x… type" starting at `from`: start, inclusive last, and the sysfs type word. */
function parseRegion(line: string, from: number, lineNo: number, source: string): ObservedRegion {
  const s0 = skipBlanks(line, from);
  const s1 = wordEnd(line, s0);
  const start = hexSliceOptional0x(line, s0, s1);
  if (start === undefined) failLine(source, lineNo, s0, `expected a start address like 0x0000000008000000, found ${quote(line.slice(s0, s1))}`);
  const l0 = skipBlanks(line, s1);
  const l1 = wordEnd(line, l0);
  const last = hexSliceOptional0x(line, l0, l1);
  if (last === undefined) failLine(source, lineNo, l0, `expected an end address like 0x00000000080fffff, found ${quote(line.slice(l0, l1))}`);
  if (last! < start!) failLine(source, lineNo, l0, `expected the end address to be at least the start ${line.slice(s0, s1)}, found ${line.slice(l0, l1)}`);
  const t0 = skipBlanks(line, l1);
  const t1 = wordEnd(line, t0);
  const word = line.slice(t0, t1);
  const type = Object.hasOwn(TYPE_WORDS, word) ? TYPE_WORDS[word] : undefined;
  if (type === undefined) failLine(source, lineNo, t0, `expected a region type (direct, direct-relaxable, reserved or msi), found ${quote(word)}`);
  const rest = skipBlanks(line, t1);
  if (rest < line.length) failLine(source, lineNo, rest, `expected the end of the line after the type, found ${quote(line.slice(rest))}`);
  if (type !== 'msi') return { start: start!, last: last!, type: type! };
  const verdict = inferMsiKind({ start: start!, last: last! });
  return { start: start!, last: last!, type: verdict.type, inferred: verdict.inferred };
}

function buildScenario(source: string, groups: readonly GroupAcc[]): Scenario {
  const draft = newDraft();
  const inferences = new Map<string, number>();
  for (const g of groups) {
    const device: Device = {
      id: `iommu-group-${g.name}`,
      name: `IOMMU group ${g.name}`,
      bus: 'pci',
      group: g.name,
      hasOfNode: false,
      observedRegions: g.regions,
      source: uploadRef(source, 'sysfs', `line ${g.line}`),
    };
    draft.devices.push(device);
    for (const r of g.regions) {
      if (r.inferred !== undefined) inferences.set(r.inferred, (inferences.get(r.inferred) ?? 0) + 1);
    }
  }
  draft.notes.push(
    'reserved_regions lists a group’s merged regions but not its devices or its IOMMU: each group is modelled as one PCI device (assumed) with an unknown IOMMU; combine with a device tree or QEMU mtree to attach it.',
  );
  for (const [why, n] of inferences) draft.notes.push(`sysfs prints both MSI kinds as "msi"; ${n} line(s) read as ${why}.`);
  return finishScenario(source, 'sysfs', draft, `${groups.length} IOMMU group(s) from a reserved_regions dump`);
}
