/**
 * The valibot schemas of link payloads, one per version. Nothing in a link is used before it has
 * passed its schema: strings are bounded, numbers are checked, hex strings become exact BigInts,
 * and objects are strict (a hand-edited key that means nothing is reported, not ignored).
 */
import * as v from 'valibot';
import { POLICY_IDS } from '../analysis/types.ts';
import { U64_MAX } from '../engine/u64.ts';
import { formatPath } from '../model/jsonText.ts';
import { MAX_CANDIDATES, MAX_TEXT } from './linkLimits.ts';
import { BEHAVIOUR_KEYS } from './linkState.ts';

const HEX_MESSAGE = 'expected a "0x…" hex string below 2^64';

export const hexU64 = () =>
  v.pipe(
    v.string(HEX_MESSAGE),
    v.regex(/^0x[0-9a-f]{1,16}$/i, HEX_MESSAGE),
    // At most 16 hex digits: always below 2^64.
    v.transform((s) => BigInt(s)),
  );

const powerOfTwo = () =>
  v.pipe(
    hexU64(),
    v.check((x) => x > 0n && (x & (x - 1n)) === 0n, 'expected a power of two'),
  );

const text = () => v.pipe(v.string('expected a string'), v.maxLength(MAX_TEXT, `expected at most ${MAX_TEXT} characters`));
const id = () => v.pipe(text(), v.minLength(1, 'expected a non-empty string'));

export const candidateSchema = v.pipe(
  v.strictObject({ id: id(), base: hexU64(), size: powerOfTwo(), alignment: powerOfTwo() }),
  v.check((c) => c.base + c.size - 1n <= U64_MAX, 'the window runs past the end of the 64-bit space'),
);

const behaviourSchema = v.strictObject(Object.fromEntries(BEHAVIOUR_KEYS.map((k) => [k, v.optional(v.boolean('expected true or false'))])) as Record<
  (typeof BEHAVIOUR_KEYS)[number],
  v.OptionalSchema<v.BooleanSchema<string>, undefined>
>);

const scenarioRefSchema = v.variant(
  'kind',
  [
    v.strictObject({
      kind: v.literal('builtin'),
      id: id(),
      version: v.pipe(v.number('expected a number'), v.integer('expected an integer'), v.minValue(0, 'expected a version >= 0')),
    }),
    // The embedded scenario is checked by the scenario codec (src/model/codec.ts), not here.
    v.strictObject({ kind: v.literal('upload'), name: id(), scenario: v.optional(v.unknown()) }),
  ],
  'expected kind "builtin" or "upload"',
);

export const linkV1Schema = v.pipe(
  v.strictObject({
    scenario: scenarioRefSchema,
    policy: v.picklist(POLICY_IDS, `expected one of ${POLICY_IDS.join(', ')}`),
    device: v.nullable(id()),
    behaviour: behaviourSchema,
    guestRam: v.nullable(v.pipe(hexU64(), v.minValue(1n, 'expected a size above zero'))),
    candidates: v.pipe(v.array(candidateSchema, 'expected an array'), v.maxLength(MAX_CANDIDATES, `expected at most ${MAX_CANDIDATES} candidates`)),
    active: v.nullable(id()),
    view: v.nullable(
      v.pipe(
        v.strictObject({ start: hexU64(), last: hexU64() }),
        v.check((r) => r.start <= r.last, 'expected start <= last'),
      ),
    ),
    selection: v.nullable(v.strictObject({ lane: id(), key: id() })),
    compressed: v.boolean('expected true or false'),
  }),
  v.check((s) => new Set(s.candidates.map((c) => c.id)).size === s.candidates.length, 'candidate ids must be unique'),
  v.check((s) => s.active === null || s.candidates.some((c) => c.id === s.active), '"active" names no candidate'),
);

export type LinkV1Output = v.InferOutput<typeof linkV1Schema>;

/**
 * Version 0, the first draft format: one fixed-size MSI window, the platform as "id@version",
 * switches as a list of names and the guest RAM in MiB. Kept so its links still open.
 */
export const linkV0Schema = v.strictObject({
  platform: v.pipe(text(), v.regex(/^[\w.-]+@\d+$/, 'expected "platform-id@version"')),
  policy: v.picklist(POLICY_IDS, `expected one of ${POLICY_IDS.join(', ')}`),
  window: v.optional(v.pipe(text(), v.regex(/^0x[0-9a-f]{1,16}$/i, HEX_MESSAGE))),
  switches: v.optional(v.array(v.picklist(BEHAVIOUR_KEYS, `expected one of ${BEHAVIOUR_KEYS.join(', ')}`), 'expected an array'), []),
  ramMiB: v.optional(v.pipe(v.number('expected a number'), v.integer('expected an integer'), v.minValue(1, 'expected at least 1'), v.maxValue(2 ** 44 - 1, 'expected less than 2^44 MiB'))),
  compressed: v.optional(v.boolean('expected true or false'), true),
});

/** "candidates[0].base: expected …" from the innermost valibot issue. */
export function issueText(issues: readonly v.BaseIssue<unknown>[]): string {
  let issue = issues[0]!;
  while (issue.issues?.[0]) issue = issue.issues[0];
  // Keys are the link's own text: formatPath cuts them as every message cuts input (model/excerpt.ts).
  const path = (issue.path ?? []).map((p) => (typeof p.key === 'number' ? p.key : String(p.key)));
  const where = path.length === 0 ? '' : formatPath(path);
  const message = issue.type === 'strict_object' && issue.expected === 'never' ? 'unknown property' : issue.message;
  return where === '' ? message : `${where}: ${message}`;
}
