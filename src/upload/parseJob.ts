/**
 * The parse worker's job, free of worker plumbing so it runs in tests too: each file is parsed on
 * its own (progress names the file and the format detected from its content), then the parts are
 * combined into one scenario. The reply carries the scenario in its on-disk JSON form.
 */
import { combineScenarios, detectFormat, loadInputs } from '../formats/load.ts';
import { scenarioToJson } from '../model/codec.ts';
import type { LocatedError } from '../model/located.ts';
import type { Scenario } from '../model/scenario.ts';
import { PHYSICAL_SLICE, type FileRead, type UploadFile, type WorkerReply } from './protocol.ts';

type Parsed = { ok: true; scenario: Scenario; read: FileRead } | { ok: false; error: LocatedError; partial?: Scenario };

function parseOne(name: string, bytes: Uint8Array): Parsed {
  try {
    const loaded = loadInputs([{ name, bytes }]);
    if (!loaded.ok) return loaded.partial ? { ok: false, error: loaded.error, partial: loaded.partial.scenario } : { ok: false, error: loaded.error };
    const read = loaded.value.reads[0];
    const summary = read?.summary ?? '';
    const format = read?.format ?? detectFormat(bytes);
    return { ok: true, scenario: loaded.value.scenario, read: { file: name, format, summary, warnings: loaded.warnings } };
  } catch (e) {
    // Parsers report bad input as located errors; anything thrown is a parser bug, still shown as text.
    return { ok: false, error: { source: name, message: `expected the parser to finish, found an internal error (${e instanceof Error ? e.message : String(e)})` } };
  }
}

/** The scenario's JSON form for the final reply, its physical map posted ahead in slices. */
function sendAhead(scenario: Scenario, post: (reply: WorkerReply) => void): unknown {
  const json = scenarioToJson(scenario) as { physicalMap: unknown[] };
  for (let i = 0; i < json.physicalMap.length; i += PHYSICAL_SLICE) post({ type: 'physical', regions: json.physicalMap.slice(i, i + PHYSICAL_SLICE) });
  return { ...json, physicalMap: [] };
}

export function runParseJob(files: readonly UploadFile[], post: (reply: WorkerReply) => void): void {
  const parts: Scenario[] = [];
  const reads: FileRead[] = [];
  for (const [index, file] of files.entries()) {
    const bytes = new Uint8Array(file.bytes);
    post({ type: 'progress', progress: { phase: 'parsing', file: file.name, format: detectFormat(bytes), index, total: files.length } });
    const parsed = parseOne(file.name, bytes);
    if (!parsed.ok) {
      // As loadInputs does: the files read so far (and the bad file's own partial result).
      const partialParts = parsed.partial ? [...parts, parsed.partial] : parts;
      const partial = partialParts.length > 0 ? sendAhead(combineScenarios(partialParts), post) : undefined;
      post(partial === undefined ? { type: 'failed', error: parsed.error } : { type: 'failed', error: parsed.error, partial });
      return;
    }
    parts.push(parsed.scenario);
    reads.push(parsed.read);
  }
  if (parts.length > 1) post({ type: 'progress', progress: { phase: 'combining', total: parts.length } });
  const scenario = parts.length === 1 ? parts[0]! : combineScenarios(parts);
  post({ type: 'done', scenario: sendAhead(scenario, post), reads });
}
