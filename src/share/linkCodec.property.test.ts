import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { POLICY_IDS } from '../analysis/types.ts';
import { U64_MAX } from '../engine/u64.ts';
import { decodeLink, encodeLink } from './linkCodec.ts';
import type { LinkCandidate, LinkState } from './linkState.ts';

const u64 = fc.bigInt({ min: 0n, max: U64_MAX });
const pow2 = fc.integer({ min: 0, max: 63 }).map((k) => 1n << BigInt(k));
const text = fc.string({ minLength: 1, maxLength: 40 });

const candidate = (id: string): fc.Arbitrary<LinkCandidate> =>
  fc.tuple(pow2, pow2, u64).map(([size, alignment, r]) => ({ id, size, alignment, base: r % (U64_MAX - size + 2n) }));

const range = fc.tuple(u64, u64).map(([a, b]) => (a <= b ? { start: a, last: b } : { start: b, last: a }));

const state: fc.Arbitrary<LinkState> = fc
  .record({
    scenario: fc.record({ kind: fc.constant('builtin' as const), id: text, version: fc.nat() }),
    policy: fc.constantFrom(...POLICY_IDS),
    device: fc.option(text),
    behaviour: fc.record({ dtReservationsReachPci: fc.boolean(), forcedac: fc.boolean(), allowUnsafeInterrupts: fc.boolean() }, { requiredKeys: [] }),
    guestRamSize: fc.option(fc.bigInt({ min: 1n, max: U64_MAX })),
    count: fc.nat({ max: 5 }),
    view: fc.option(range),
    selection: fc.option(fc.record({ lane: text, key: text })),
    compressed: fc.boolean(),
  })
  .chain(({ count, ...rest }) =>
    fc.tuple(...Array.from({ length: count }, (_, i) => candidate(`c${i + 1}`))).chain((candidates) =>
      (candidates.length ? fc.option(fc.constantFrom(...candidates.map((c) => c.id)), { nil: null }) : fc.constant(null)).map((activeCandidate) => ({
        ...rest,
        candidates,
        activeCandidate,
      })),
    ),
  );

describe('link codec properties', () => {
  it('random states round-trip exactly', async () => {
    await fc.assert(
      fc.asyncProperty(state, async (s) => {
        expect(await decodeLink((await encodeLink(s)).hash)).toEqual({ ok: true, value: s, warnings: [] });
      }),
      { numRuns: 200 },
    );
  });

  it('random strings never throw and give a message', async () => {
    const hashes = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'), maxLength: 300 }).map((b) => `#v1.${b}`),
      fc.string({ unit: 'binary', maxLength: 100 }).map((b) => `#v0.${b}`),
    );
    await fc.assert(
      fc.asyncProperty(hashes, async (h) => {
        const r = await decodeLink(h);
        if (!r.ok) expect(r.error.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });

  it('flipping one character of a real link never throws', async () => {
    const { hash } = await encodeLink(await fc.sample(state, { numRuns: 1, seed: 7 })[0]!);
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: hash.length - 1 }), fc.constantFrom(...'AZaz09-_+/=.#%'), async (i, ch) => {
        const r = await decodeLink(hash.slice(0, i) + ch + hash.slice(i + 1));
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  });
});
