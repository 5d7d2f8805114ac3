/**
 * Fall-through migrations (after Compiler Explorer's static/url.ts): a link of version N is
 * checked against version N's schema, turned into version N+1's JSON, and so on up to
 * LINK_VERSION, whose schema then validates the result like any fresh link. A migration only
 * reshapes data that its own version's schema has already accepted.
 */
import * as v from 'valibot';
import { hex } from '../engine/u64.ts';
import { issueText, linkV0Schema } from './linkSchema.ts';
import { LINK_VERSION } from './linkState.ts';

type Step = (json: unknown) => { ok: true; json: unknown } | { ok: false; message: string };

/** v0 → v1: the single window becomes candidate c1 (1 MiB, 1 MiB aligned, as MSI_IOVA_LENGTH). */
function v0ToV1(json: unknown): ReturnType<Step> {
  const parsed = v.safeParse(linkV0Schema, json);
  if (!parsed.success) return { ok: false, message: issueText(parsed.issues) };
  const old = parsed.output;
  const [id, version] = old.platform.split('@') as [string, string];
  const MiB = 0x100000n;
  return {
    ok: true,
    json: {
      scenario: { kind: 'builtin', id, version: Number(version) },
      policy: old.policy,
      device: null,
      behaviour: Object.fromEntries(old.switches.map((k) => [k, true])),
      guestRam: old.ramMiB === undefined ? null : hex(BigInt(old.ramMiB) * MiB),
      candidates: old.window === undefined ? [] : [{ id: 'c1', base: old.window.toLowerCase(), size: hex(MiB), alignment: hex(MiB) }],
      active: old.window === undefined ? null : 'c1',
      view: null,
      selection: null,
      compressed: old.compressed,
    },
  };
}

/** MIGRATIONS[n] turns version n into version n+1. */
const MIGRATIONS: readonly Step[] = [v0ToV1];

export function migrate(version: number, json: unknown): ReturnType<Step> {
  let current = json;
  for (let n = version; n < LINK_VERSION; n++) {
    const step = MIGRATIONS[n];
    if (!step) return { ok: false, message: `no migration from version ${n}` };
    const r = step(current);
    if (!r.ok) return { ok: false, message: `(version ${n} link) ${r.message}` };
    current = r.json;
  }
  return { ok: true, json: current };
}
