/**
 * Which format a file is, from its content (never its name): the DTB magic, JSON, then the first
 * decisive line of text. Only a prefix is looked at, so detection costs nothing on 50 MB inputs.
 */
import { FDT_MAGIC } from './dtb/readDtb.ts';

export type FormatId = 'sysfs-reserved-regions' | 'proc-iomem' | 'dts' | 'dtb' | 'qemu-mtree' | 'scenario-json';

const PREFIX_BYTES = 64 * 1024;
const PREFIX_LINES = 200;

const RULES: readonly (readonly [RegExp, FormatId])[] = [
  [/^(address-space|memory-region): |^FlatView #\d+$/, 'qemu-mtree'],
  [/^==> .* <==$|^\S*reserved_regions:|^(0x)?[0-9a-fA-F]{1,16} (0x)?[0-9a-fA-F]{1,16} (direct|direct-relaxable|reserved|msi)\s*$/, 'sysfs-reserved-regions'],
  [/^ *[0-9a-fA-F]{1,16}-[0-9a-fA-F]{1,16} : /, 'proc-iomem'],
  [/^\s*(\/dts-v1\/|\/plugin\/|\/memreserve\/|\/include\/|\/\s*\{|&[A-Za-z_][\w]*\s*\{|#include\b|[A-Za-z_][\w,.+-]*(@[\w,.+-]+)?\s*\{)/, 'dts'],
];

export function isDtb(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0 === FDT_MAGIC;
}

/** True when the prefix holds NUL bytes: not a text format. */
export function looksBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, 4096).includes(0);
}

/** The format the content shows, or undefined when nothing matches. */
export function sniffFormat(bytes: Uint8Array): FormatId | undefined {
  if (isDtb(bytes)) return 'dtb';
  if (looksBinary(bytes)) return undefined;
  const text = new TextDecoder().decode(bytes.subarray(0, PREFIX_BYTES));
  const body = text.trimStart();
  if (body.startsWith('{')) return 'scenario-json';
  let seen = 0;
  for (const line of body.split('\n')) {
    if (seen++ >= PREFIX_LINES) break;
    const l = line.replace(/\r$/, '');
    if (l.trim() === '' || l.trimStart().startsWith('//') || l.trimStart().startsWith('/*')) continue;
    for (const [re, id] of RULES) if (re.test(l)) return id;
  }
  return undefined;
}

/**
 * The format of a file, for labels and progress. Content that matches nothing is reported as
 * device tree source, the one free-form text format; parseInput then explains what it expected.
 */
export function detectFormat(bytes: Uint8Array): FormatId {
  return sniffFormat(bytes) ?? 'dts';
}
