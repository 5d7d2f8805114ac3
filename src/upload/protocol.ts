/**
 * Messages between the page and the parse worker. Files travel as transferred ArrayBuffers; the
 * scenario comes back in its on-disk JSON form (src/model/codec.ts: hex strings for every BigInt),
 * so the page decodes it with the same codec as any scenario file. Its physical map, which can hold
 * a million ranges, travels ahead in slices: receiving one huge message would stall the page.
 */
import type { FormatId } from '../formats/load.ts';
import type { LocatedError } from '../model/located.ts';

/** Physical ranges per 'physical' message, and per decoding step on the page (20-80 ms of work). */
export const PHYSICAL_SLICE = 20_000;

export interface UploadFile {
  readonly name: string;
  readonly bytes: ArrayBuffer;
}

export interface ParseRequest {
  readonly files: readonly UploadFile[];
}

/** What was read from one file: its format (detected from content), a summary, its warnings. */
export interface FileRead {
  readonly file: string;
  readonly format: FormatId;
  readonly summary: string;
  readonly warnings: readonly LocatedError[];
}

/** Where the worker is: about to parse file `index` (0-based) of `total`, or combining them. */
export type ParsePhase =
  | { readonly phase: 'parsing'; readonly file: string; readonly format: FormatId; readonly index: number; readonly total: number }
  | { readonly phase: 'combining'; readonly total: number };

export type WorkerReply =
  | { readonly type: 'progress'; readonly progress: ParsePhase }
  /** A slice of the final scenario's physicalMap (JSON form); the final reply's own list is empty. */
  | { readonly type: 'physical'; readonly regions: readonly unknown[] }
  | { readonly type: 'done'; readonly scenario: unknown; readonly reads: readonly FileRead[] }
  | { readonly type: 'failed'; readonly error: LocatedError; readonly partial?: unknown };
