/**
 * Links: `#v1.` + base64url(deflate-raw(JSON)) in the URL fragment, which never reaches a server
 * (design-notes example 9). BigInts travel as "0x…" strings. Decoding never throws and never
 * evaluates anything: each stage (version, base64, inflate, JSON, migration, schema, embedded
 * scenario) either passes or returns a located error saying what broke.
 */
import * as v from 'valibot';
import { hex } from '../engine/u64.ts';
import { scenarioFromValue, scenarioToJson } from '../model/codec.ts';
import { fail, ok, type LocatedError, type Result } from '../model/located.ts';
import { decodeBase64url, encodeBase64url } from './base64url.ts';
import { deflateRaw, inflateRaw } from './deflate.ts';
import { issueText, linkV1Schema, type LinkV1Output } from './linkSchema.ts';
import { BEHAVIOUR_KEYS, LINK_VERSION, type LinkState } from './linkState.ts';
import { migrate } from './migrations.ts';

/** An upload is embedded only while the whole fragment stays within this many characters. */
export const LINK_BUDGET = 2000;
/** Longer fragments are refused before any work (real links are a few hundred characters). */
export const MAX_LINK_CHARS = 65536;
/** Inflated JSON above this size is refused (a crafted link cannot fill memory). */
export const MAX_JSON_BYTES = 1 << 20;

const SOURCE = 'link';

/** The JSON value of a link state, keys in a fixed order so equal states give equal links. */
export function linkToJson(s: LinkState, embedUpload = true): unknown {
  const sc = s.scenario;
  return {
    scenario:
      sc.kind === 'builtin'
        ? { kind: 'builtin', id: sc.id, version: sc.version }
        : { kind: 'upload', name: sc.name, ...(embedUpload && sc.scenario ? { scenario: scenarioToJson(sc.scenario) } : {}) },
    policy: s.policy,
    device: s.device,
    behaviour: Object.fromEntries(BEHAVIOUR_KEYS.filter((k) => s.behaviour[k] !== undefined).map((k) => [k, s.behaviour[k]])),
    guestRam: s.guestRamSize === null ? null : hex(s.guestRamSize),
    candidates: s.candidates.map((c) => ({ id: c.id, base: hex(c.base), size: hex(c.size), alignment: hex(c.alignment) })),
    active: s.activeCandidate,
    view: s.view && { start: hex(s.view.start), last: hex(s.view.last) },
    selection: s.selection && { lane: s.selection.lane, key: s.selection.key },
    compressed: s.compressed,
  };
}

function toState(o: LinkV1Output): Result<LinkState> {
  let scenario: LinkState['scenario'];
  if (o.scenario.kind === 'builtin') scenario = o.scenario;
  else if (o.scenario.scenario === undefined) scenario = { kind: 'upload', name: o.scenario.name };
  else {
    const decoded = scenarioFromValue(o.scenario.scenario, SOURCE);
    if (!decoded.ok) return fail({ source: SOURCE, message: `the embedded scenario is invalid: scenario.scenario.${decoded.error.message}` });
    scenario = { kind: 'upload', name: o.scenario.name, scenario: decoded.value };
  }
  return ok({
    scenario,
    policy: o.policy,
    device: o.device,
    behaviour: o.behaviour,
    guestRamSize: o.guestRam,
    candidates: o.candidates,
    activeCandidate: o.active,
    view: o.view,
    selection: o.selection,
    compressed: o.compressed,
  });
}

/** Migrate a payload of `version` to the current one, validate it, and build the state. */
export function linkFromJson(version: number, json: unknown): Result<LinkState> {
  if (version > LINK_VERSION) {
    return fail({ source: SOURCE, message: `it is version ${version}, newer than this IOVA Atlas reads (up to ${LINK_VERSION}); reload to get the latest version` });
  }
  const migrated = migrate(version, json);
  if (!migrated.ok) return fail({ source: SOURCE, message: migrated.message });
  const parsed = v.safeParse(linkV1Schema, migrated.json);
  if (!parsed.success) return fail({ source: SOURCE, message: issueText(parsed.issues) });
  return toState(parsed.output);
}

async function pack(json: unknown, version: number): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify(json));
  return `#v${version}.${encodeBase64url(await deflateRaw(bytes))}`;
}

export interface EncodedLink {
  /** "#v1.…", ready for location.hash. */
  readonly hash: string;
  /** True when the state names an upload that did not fit the budget and travels by name only. */
  readonly uploadOmitted: boolean;
}

export async function encodeLink(s: LinkState): Promise<EncodedLink> {
  const full = await pack(linkToJson(s, true), LINK_VERSION);
  const upload = s.scenario.kind === 'upload' && s.scenario.scenario !== undefined;
  if (!upload || full.length <= LINK_BUDGET) return { hash: full, uploadOmitted: false };
  return { hash: await pack(linkToJson(s, false), LINK_VERSION), uploadOmitted: true };
}

/** Whether a fragment is meant as a link at all (an empty one is not). */
export function hasLink(hash: string): boolean {
  return hash.replace(/^#/, '') !== '';
}

function damaged(message: string, column?: number): Result<LinkState> {
  const e: LocatedError = column === undefined ? { source: SOURCE, message } : { source: SOURCE, line: 1, column, message };
  return fail(e);
}

/** Decode `#v<N>.<data>` (the "#" is optional). Never throws. */
export async function decodeLink(hash: string): Promise<Result<LinkState>> {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  const offset = hash.length - text.length;
  if (text.length > MAX_LINK_CHARS) return damaged(`it is ${text.length} characters long, more than the ${MAX_LINK_CHARS} a link can be`);
  const m = /^v(\d{1,4})\./.exec(text);
  if (!m) return damaged('it does not start with a version such as "#v1." (was it cut or edited?)', offset + 1);
  const b64 = decodeBase64url(text.slice(m[0].length));
  if (!b64.ok) return damaged(b64.message, offset + m[0].length + b64.index + 1);
  const inflated = await inflateRaw(b64.bytes, MAX_JSON_BYTES);
  if (!inflated.ok) return damaged(inflated.message);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(inflated.bytes));
  } catch (e) {
    return damaged(`its contents are not JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  return linkFromJson(Number(m[1]), json);
}

/** "This link is damaged: …" — the one sentence the page shows. */
export function damagedLinkText(e: LocatedError): string {
  const at = e.column !== undefined ? ` (at character ${e.column})` : '';
  return `This link is damaged: ${e.message}${at}.`;
}
