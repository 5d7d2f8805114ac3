/**
 * What every input path promises (src/model/located.ts): a scenario, or an error that says where,
 * and nothing else. A message from runParser's catch-all ("found an internal error") is an
 * exception the parser did not mean to throw: a finding, even though it arrives as a Result.
 */
import { scenarioFromJson, scenarioToJsonText } from '../model/codec.ts';
import { SCENARIO_SCHEMA, type Scenario } from '../model/scenario.ts';

/** Longer messages mean input was echoed unquoted into the message. */
const MAX_MESSAGE = 1000;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

const positiveInt = (v: unknown) => v === undefined || (Number.isInteger(v) && (v as number) >= 1);

/** Undefined if `e` is a well-formed located error for this input, else what is wrong. */
export function locatedErrorProblem(e: unknown, source: string, inputLength: number): string | undefined {
  if (!isObject(e)) return 'error is not an object';
  if (e.source !== source) return `error names source ${JSON.stringify(e.source)}, not ${JSON.stringify(source)}`;
  if (typeof e.message !== 'string' || e.message.trim() === '') return 'error has no message';
  if (e.message.length > MAX_MESSAGE) return `error message is ${e.message.length} characters long`;
  if (/internal error/i.test(e.message)) return `unexpected exception inside the parser: ${e.message}`;
  if (!positiveInt(e.line) || !positiveInt(e.column)) return `error has line ${String(e.line)} column ${String(e.column)}`;
  if (e.offset !== undefined && !(Number.isInteger(e.offset) && (e.offset as number) >= 0 && (e.offset as number) <= inputLength)) {
    return `error offset ${String(e.offset)} is outside the ${inputLength}-byte input`;
  }
  return undefined;
}

/** An accepted scenario must survive the JSON codec, or export and links would fail on it. */
export function scenarioProblem(value: unknown): string | undefined {
  if (!isObject(value) || value.schema !== SCENARIO_SCHEMA) return 'ok result without a scenario';
  let text: string;
  try {
    text = scenarioToJsonText(value as unknown as Scenario);
  } catch (e) {
    return `the accepted scenario cannot be written as JSON: ${String(e)}`;
  }
  const back = scenarioFromJson(text, 'round-trip');
  return back.ok ? undefined : `the accepted scenario fails the JSON codec: ${back.error.message}`;
}

/** Undefined if `result` keeps the Result<Scenario> contract for this input, else the problem. */
export function resultProblem(result: unknown, source: string, inputLength: number, checkValue = scenarioProblem): string | undefined {
  if (!isObject(result) || typeof result.ok !== 'boolean') return 'did not return a Result';
  if (!result.ok) return locatedErrorProblem(result.error, source, inputLength);
  if (!Array.isArray(result.warnings)) return 'ok result without a warnings list';
  for (const w of result.warnings) {
    const p = locatedErrorProblem(w, source, inputLength);
    if (p) return `warning: ${p}`;
  }
  return checkValue(result.value);
}
