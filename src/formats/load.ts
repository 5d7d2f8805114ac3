/**
 * The entry point the app (in a worker) and the CLI share: detect each file's format from its
 * content, parse it, and combine several files into one scenario with a per-file summary.
 * Every outcome is a Result; nothing throws (parseInput is also what the fuzzer calls).
 */
import { fail, ok, type LocatedError, type Result } from '../model/located.ts';
import type { Scenario } from '../model/scenario.ts';
import { scenarioFromJson } from '../model/codec.ts';
import { runParser } from './common/failure.ts';
import { decodeText, quote } from './common/text.ts';
import { combineScenarios } from './combine.ts';
import { detectFormat, looksBinary, sniffFormat, type FormatId } from './detect.ts';
import { parseDtb } from './dtb/parseDtb.ts';
import { parseDts } from './dts/parseDts.ts';
import { parseProcIomem } from './iomem/procIomem.ts';
import { parseQemuMtree } from './mtree/parseMtree.ts';
import { parseReservedRegions } from './sysfs/reservedRegions.ts';

export { combineScenarios, detectFormat, sniffFormat, type FormatId };

/** Larger than any real dump (the benchmark uses 50 MB); refused before any parsing. */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024;

const TEXT_PARSERS: Readonly<Record<Exclude<FormatId, 'dtb'>, (text: string, source: string) => Result<Scenario>>> = {
  'sysfs-reserved-regions': parseReservedRegions,
  'proc-iomem': parseProcIomem,
  dts: parseDts,
  'qemu-mtree': parseQemuMtree,
  'scenario-json': scenarioFromJson,
};

const EXPECTED = 'a device tree blob or source, /proc/iomem, a reserved_regions dump, QEMU info mtree or a scenario JSON file';

function unrecognised(name: string, bytes: Uint8Array): LocatedError {
  if (bytes.length === 0) return { source: name, line: 1, column: 1, message: `expected ${EXPECTED}, found an empty file` };
  if (looksBinary(bytes)) {
    const head = [...bytes.subarray(0, 4)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
    return { source: name, offset: 0, message: `expected ${EXPECTED}, found binary data starting ${head} (a device tree blob starts d0 0d fe ed)` };
  }
  const text = decodeText(bytes.subarray(0, 4096));
  const lines = text.split('\n');
  const index = lines.findIndex((l) => l.trim() !== '');
  if (index < 0) return { source: name, line: 1, column: 1, message: `expected ${EXPECTED}, found only white space` };
  const line = lines[index] ?? '';
  return { source: name, line: index + 1, column: line.length - line.trimStart().length + 1, message: `expected ${EXPECTED}, found ${quote(line.trim())}` };
}

function tooLarge(name: string, bytes: Uint8Array): Result<Scenario> | undefined {
  return bytes.length > MAX_INPUT_BYTES ? fail({ source: name, offset: 0, message: `expected at most ${MAX_INPUT_BYTES / (1024 * 1024)} MiB, found ${bytes.length} bytes` }) : undefined;
}

/** Parse bytes as the given format, whatever they hold (the fuzzer drives every parser this way). */
export function parseAs(format: FormatId, name: string, bytes: Uint8Array): Result<Scenario> {
  return runParser(name, () => tooLarge(name, bytes) ?? (format === 'dtb' ? parseDtb(bytes, name) : TEXT_PARSERS[format](decodeText(bytes), name)));
}

/** Parse one file in whatever format its content shows. */
export function parseInput(name: string, bytes: Uint8Array): Result<Scenario> {
  return runParser(name, () => {
    const format = sniffFormat(bytes);
    return format === undefined ? (tooLarge(name, bytes) ?? fail(unrecognised(name, bytes))) : parseAs(format, name, bytes);
  });
}

export const FORMAT_NAMES: Readonly<Record<FormatId, string>> = {
  'sysfs-reserved-regions': 'reserved_regions dump',
  'proc-iomem': '/proc/iomem',
  dts: 'device tree source',
  dtb: 'device tree blob',
  'qemu-mtree': 'QEMU info mtree',
  'scenario-json': 'scenario JSON',
};

function count(n: number, one: string, many = `${one}s`): string | undefined {
  return n === 0 ? undefined : `${n} ${n === 1 ? one : many}`;
}

/** "device tree blob: 12 physical ranges, 1 IOMMU (smmu-v3), 1 host bridge, …" */
export function summarize(format: FormatId, s: Scenario): string {
  const reps = s.devices.filter((d) => d.representative).length;
  const parts = [
    count(s.physicalMap.length, 'physical range'),
    s.iommus.length === 0 ? undefined : `${count(s.iommus.length, 'IOMMU')} (${[...new Set(s.iommus.map((m) => m.kind))].join(', ')})`,
    count(s.hostBridges.length, 'PCIe host bridge'),
    count(s.msiControllers.length, 'MSI controller'),
    s.devices.length === 0 ? undefined : `${count(s.devices.length, 'device')}${reps > 0 ? ` (${reps} representative)` : ''}`,
    count(s.firmwareReservations.length, 'firmware reservation'),
    count(s.devices.reduce((a, d) => a + (d.observedRegions?.length ?? 0), 0), 'observed reserved region'),
    s.guest === undefined ? undefined : count(s.guest.regions.length, 'guest RAM/ROM region'),
  ].filter((x) => x !== undefined);
  return `${FORMAT_NAMES[format]}: ${parts.length === 0 ? 'nothing to model' : parts.join(', ')}`;
}

export interface LoadedInputs {
  readonly scenario: Scenario;
  readonly reads: readonly { file: string; format: FormatId; summary: string }[];
}

/**
 * Parse every file and combine them. The first bad file fails the whole load (a bad file never
 * replaces the current scenario); what the other files gave is returned as `partial`.
 */
export function loadInputs(files: readonly { name: string; bytes: Uint8Array }[]): Result<LoadedInputs> {
  if (files.length === 0) return fail({ source: 'upload', message: 'expected at least one file, found none' });
  const parts: Scenario[] = [];
  const reads: { file: string; format: FormatId; summary: string }[] = [];
  const warnings: LocatedError[] = [];
  for (const f of files) {
    const format = detectFormat(f.bytes);
    const r = parseInput(f.name, f.bytes);
    if (!r.ok) {
      const partialParts = r.partial === undefined ? parts : [...parts, r.partial];
      return partialParts.length === 0 ? fail(r.error) : fail(r.error, { scenario: combineScenarios(partialParts), reads });
    }
    parts.push(r.value);
    reads.push({ file: f.name, format, summary: summarize(format, r.value) });
    warnings.push(...r.warnings);
  }
  return ok({ scenario: combineScenarios(parts), reads }, warnings);
}
