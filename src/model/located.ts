/**
 * Errors that say where: every parser and loader reports bad input as one of these, never by
 * throwing anything else. `message` is one sentence: what was expected and what was found.
 */
export interface Location {
  /** File name (upload), "link" (URL state), or a built-in platform id. */
  readonly source: string;
  /** 1-based line and column for text inputs. */
  readonly line?: number;
  readonly column?: number;
  /** Byte offset for binary inputs (DTB). */
  readonly offset?: number;
}

export interface LocatedError extends Location {
  readonly message: string;
}

export function formatLocation(loc: Location): string {
  if (loc.offset !== undefined) return `${loc.source}: byte ${loc.offset}`;
  if (loc.line !== undefined) return `${loc.source}:${loc.line}:${loc.column ?? 1}`;
  return loc.source;
}

/** "board.dts:12:5: expected ';' after property value, found '}'" */
export function formatLocatedError(e: LocatedError): string {
  return `${formatLocation(e)}: ${e.message}`;
}

export type Result<T> =
  | { readonly ok: true; readonly value: T; readonly warnings: readonly LocatedError[] }
  | { readonly ok: false; readonly error: LocatedError; readonly partial?: T };

export function ok<T>(value: T, warnings: readonly LocatedError[] = []): Result<T> {
  return { ok: true, value, warnings };
}

export function fail<T>(error: LocatedError, partial?: T): Result<T> {
  return partial === undefined ? { ok: false, error } : { ok: false, error, partial };
}
