/**
 * Parsers report bad input as a located error (src/model/located.ts). Inside a parser it is
 * convenient to abort from deep in a loop, so they throw a FormatFailure, and runParser turns it
 * back into a Result at the boundary. Nothing else may escape: any other exception (a bug, an
 * exhausted resource) also becomes a located error, so the app and the CLI never see a throw.
 */
import { fail, type LocatedError, type Result } from '../../model/located.ts';

export class FormatFailure extends Error {
  constructor(readonly located: LocatedError) {
    super(located.message);
  }
}

/** Abort the current parse with a located error. */
export function failAt(located: LocatedError): never {
  throw new FormatFailure(located);
}

/**
 * Abort at a 0-based column of a 1-based line. A plain function on purpose: line parsers call it
 * from hot loops, where a per-line closure would cost more than the parsing itself.
 */
export function failLine(source: string, line: number, column: number, message: string): never {
  return failAt({ source, line, column: column + 1, message });
}

export function runParser<T>(source: string, parse: () => Result<T>): Result<T> {
  try {
    return parse();
  } catch (e) {
    if (e instanceof FormatFailure) return fail(e.located);
    const what = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return fail({
      source,
      message: `expected the parser to finish, found an internal error (${what.slice(0, 200)}); please report this file`,
    });
  }
}
