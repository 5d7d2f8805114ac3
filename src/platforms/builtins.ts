/**
 * Node-side access to the built-in platforms shipped in public/platforms/ (for the CLI and the
 * tests; the browser fetches the same files). Missing or bad files come back as located errors.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scenarioFromJson } from '../model/codec.ts';
import { fail, ok, type Result } from '../model/located.ts';
import type { Scenario } from '../model/scenario.ts';
import { readPlatformIndex, type PlatformIndexEntry } from './platformIndex.ts';

export const BUILTIN_DIR = fileURLToPath(new URL('../../public/platforms/', import.meta.url));

function readText(dir: string, file: string): Result<string> {
  try {
    return ok(readFileSync(join(dir, file), 'utf8'));
  } catch (e) {
    return fail({ source: file, message: `cannot read the built-in platform file: ${(e as Error).message}` });
  }
}

/** The list in index.json. */
export function readBuiltinIndex(dir: string = BUILTIN_DIR): Result<PlatformIndexEntry[]> {
  const text = readText(dir, 'index.json');
  return text.ok ? readPlatformIndex(text.value, 'index.json') : fail(text.error);
}

/** One built-in platform by id ("qemu-virt", "juno-r1", …), validated by the scenario codec. */
export function loadBuiltin(id: string, dir: string = BUILTIN_DIR): Result<Scenario> {
  const index = readBuiltinIndex(dir);
  if (!index.ok) return fail(index.error);
  const entry = index.value.find((e) => e.id === id);
  if (!entry) return fail({ source: id, message: `unknown built-in platform "${id}" (known: ${index.value.map((e) => e.id).join(', ')})` });
  const text = readText(dir, entry.file);
  return text.ok ? scenarioFromJson(text.value, entry.file) : fail(text.error);
}
