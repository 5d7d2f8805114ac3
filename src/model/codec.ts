/**
 * Scenario JSON on disk <-> the in-memory Scenario.
 *
 * On disk every address and size is a lower-case "0x…" hex string (JSON numbers lose precision
 * above 2^53); field names are those of scenario.ts; `schema` is "iova-atlas/scenario@1".
 * Reading reports the first problem with the field path and the line/column of the offending
 * value; writing is stable (fixed key order, two-space indent) so files diff well.
 */
import * as v from 'valibot';
import { hex } from '../engine/u64.ts';
import { checkScenario, type Problem } from './codecChecks.ts';
import { decodeSchema, encodeSchema } from './codecSchema.ts';
import { formatPath, lineColumn, offsetOf, readJson, type JsonDocument, type JsonPath } from './jsonText.ts';
import { fail, ok, type LocatedError, type Result } from './located.ts';
import { describeValue } from './excerpt.ts';
import { SCENARIO_SCHEMA, type Scenario } from './scenario.ts';

/** BigInts → hex strings, recursively; everything else unchanged. */
function hexify(x: unknown): unknown {
  if (typeof x === 'bigint') return hex(x);
  if (Array.isArray(x)) return x.map(hexify);
  if (x !== null && typeof x === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, val] of Object.entries(x)) if (val !== undefined) out[k] = hexify(val);
    return out;
  }
  return x;
}

/** The JSON value of a scenario: hex strings for BigInts, keys in schema order. */
export function scenarioToJson(s: Scenario): unknown {
  const plain = hexify(s);
  const canonical = v.safeParse(encodeSchema, plain);
  return canonical.success ? canonical.output : plain;
}

/** Pretty, stable text of a scenario file (ends with a newline). */
export function scenarioToJsonText(s: Scenario): string {
  return JSON.stringify(scenarioToJson(s), null, 2) + '\n';
}

function issuePath(issue: v.BaseIssue<unknown>): JsonPath {
  return (issue.path ?? []).map((p) => (typeof p.key === 'number' ? p.key : String(p.key)));
}

/** The innermost issue of a union/variant, which names the actual offending value. */
function deepest(issue: v.BaseIssue<unknown>): v.BaseIssue<unknown> {
  return issue.issues?.[0] ? deepest(issue.issues[0]) : issue;
}

/**
 * One sentence per problem: what was expected and what the file holds. valibot's own words
 * ("Invalid key: Expected "id" but received undefined") are replaced where it reports a key.
 */
function schemaProblem(issue: v.BaseIssue<unknown>): Problem {
  const inner = deepest(issue);
  const path = issuePath(inner);
  const key = path[path.length - 1];
  if (inner.type === 'strict_object') {
    // strictObject reports both a missing and an unknown key with the key as the last path item.
    const parent = path.slice(0, -1);
    if (inner.expected === 'never') return { path, message: `expected a field of the scenario schema, found unknown property ${describeValue(key)} (check its spelling)` };
    return { path: parent, message: `missing required field ${describeValue(key)}` };
  }
  if (path.length === 1 && key === 'schema') {
    return { path, selfNamed: true, message: `schema ${describeValue(inner.input)} is not supported; expected "${SCENARIO_SCHEMA}"` };
  }
  return { path, message: `${inner.message}, found ${describeValue(inner.input)}` };
}

function located(p: Problem, source: string, doc: JsonDocument | undefined, more: number): LocatedError {
  const tail = more > 0 ? ` (and ${more} more problem${more === 1 ? '' : 's'})` : '';
  const message = `${p.selfNamed || p.path.length === 0 ? '' : `${formatPath(p.path)}: `}${p.message}${tail}`;
  if (!doc) return { source, message };
  return { source, ...lineColumn(doc.text, offsetOf(doc, p.path)), message };
}

function validate(value: unknown, source: string, doc: JsonDocument | undefined): Result<Scenario> {
  const parsed = v.safeParse(decodeSchema, value, { abortEarly: false });
  if (!parsed.success) {
    const [first, ...rest] = parsed.issues;
    return fail(located(schemaProblem(first), source, doc, rest.length));
  }
  const scenario: Scenario = parsed.output;
  const problems = checkScenario(scenario);
  if (problems.length > 0) return fail(located(problems[0]!, source, doc, problems.length - 1), scenario);
  return ok(scenario);
}

/** Parse and validate scenario JSON text. Errors carry line/column of the offending value. */
export function scenarioFromJson(text: string, source: string): Result<Scenario> {
  const read = readJson(text, source);
  if (!read.ok) return fail(read.error);
  return validate(read.doc.value, source, read.doc);
}

/** Validate an already-parsed JSON value (e.g. from a link); errors give the field path only. */
export function scenarioFromValue(value: unknown, source: string): Result<Scenario> {
  return validate(value, source, undefined);
}
