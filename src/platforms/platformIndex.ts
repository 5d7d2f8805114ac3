/**
 * public/platforms/index.json: the list of built-in platforms, one entry per scenario file
 * (`{ "platforms": [ { "id", "name", "file", "version", "summary" } ] }`). Bad text is reported
 * as a located error, never thrown.
 */
import { fail, ok, type Result } from '../model/located.ts';

export interface PlatformIndexEntry {
  /** Stable id, also the scenario's `id` ("qemu-virt", "juno-r1", …). */
  readonly id: string;
  readonly name: string;
  /** Scenario file name, relative to public/platforms/. */
  readonly file: string;
  /** The scenario file's `version`, bumped when its facts change. */
  readonly version: number;
  readonly summary: string;
}

const STRING_KEYS = ['id', 'name', 'file', 'summary'] as const;

function entryProblem(e: unknown): string | undefined {
  if (e === null || typeof e !== 'object' || Array.isArray(e)) return 'expected an object';
  const rec = e as Record<string, unknown>;
  for (const k of STRING_KEYS) if (typeof rec[k] !== 'string' || rec[k] === '') return `"${k}" must be a non-empty string`;
  if (!Number.isInteger(rec.version) || (rec.version as number) < 0) return '"version" must be an integer >= 0';
  if (!/^[a-z0-9][a-z0-9.-]*\.json$/.test(rec.file as string)) return '"file" must be a plain *.json name';
  return undefined;
}

/** Parses index.json text; the first problem is reported with the entry's position. */
export function readPlatformIndex(text: string, source: string): Result<PlatformIndexEntry[]> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return fail({ source, message: `not JSON: ${(e as Error).message}` });
  }
  const list = (json as { platforms?: unknown } | null)?.platforms;
  if (!Array.isArray(list)) return fail({ source, message: 'expected an object with a "platforms" array' });
  const seen = new Set<string>();
  for (const [i, e] of list.entries()) {
    const problem = entryProblem(e);
    if (problem) return fail({ source, message: `platforms[${i}]: ${problem}` });
    const id = (e as PlatformIndexEntry).id;
    if (seen.has(id)) return fail({ source, message: `platforms[${i}]: duplicate id "${id}"` });
    seen.add(id);
  }
  return ok(list as PlatformIndexEntry[]);
}
