/**
 * A located error as one sentence for people: which file, where (line and column for text, byte
 * offset for binary), then the parser's "expected …, found …" message.
 */
import type { LocatedError } from '../model/located.ts';

export function describeError(e: LocatedError): string {
  const where =
    e.offset !== undefined
      ? `, at byte offset ${e.offset}`
      : e.line !== undefined
        ? `, line ${e.line}, column ${e.column ?? 1}`
        : '';
  const message = e.message.trim();
  const end = /[.!?]$/.test(message) ? '' : '.';
  return `${e.source}${where}: ${message}${end}`;
}
