import { describe, expect, it } from 'vitest';
import { U64_MAX } from '../engine/u64.ts';
import { scenarioFromJson } from '../model/codec.ts';
import { baseScenario } from '../analysis/fixtures.ts';
import { encodeBase64url } from './base64url.ts';
import { deflateRaw } from './deflate.ts';
import { LINK_BUDGET, MAX_LINK_CHARS, damagedLinkText, decodeLink, encodeLink, hasLink } from './linkCodec.ts';
import type { LinkState } from './linkState.ts';

/** A hand-made link payload: `#v<version>.` + base64url(deflate-raw(text)). */
async function rawLink(text: string, version = 1): Promise<string> {
  return `#v${version}.${encodeBase64url(await deflateRaw(new TextEncoder().encode(text)))}`;
}

const FULL: LinkState = {
  scenario: { kind: 'builtin', id: 'qemu-virt', version: 3 },
  policy: 'series-v4',
  device: 'pci-0000:00:02.0',
  behaviour: { dtReservationsReachPci: true, forcedac: false, allowUnsafeInterrupts: true },
  guestRamSize: U64_MAX,
  candidates: [
    { id: 'c1', base: 0x8000000n, size: 0x100000n, alignment: 0x100000n },
    // Ends exactly at the last byte of the 64-bit space.
    { id: 'c7', base: U64_MAX - 0xfffffn, size: 0x100000n, alignment: 0x1000n },
  ],
  activeCandidate: 'c7',
  view: { start: 0n, last: U64_MAX },
  selection: { lane: 'resv', key: 'resv:0x8000000-0x80fffff:sw-msi:SW_MSI' },
  compressed: false,
};

const BASE_JSON = {
  scenario: { kind: 'builtin', id: 'qemu-virt', version: 1 },
  policy: 'mainline',
  device: null,
  behaviour: {},
  guestRam: null,
  candidates: [{ id: 'c1', base: '0x8000000', size: '0x100000', alignment: '0x100000' }],
  active: 'c1',
  view: null,
  selection: null,
  compressed: true,
};

async function damagedBy(hash: string): Promise<string> {
  const r = await decodeLink(hash);
  if (r.ok) throw new Error(`expected ${hash.slice(0, 40)} to be refused`);
  return damagedLinkText(r.error);
}

async function jsonLinkError(patch: Record<string, unknown>): Promise<string> {
  return damagedBy(await rawLink(JSON.stringify({ ...BASE_JSON, ...patch })));
}

describe('link codec: round trips', () => {
  it('carries every field exactly, including 2^64-1', async () => {
    const { hash, uploadOmitted } = await encodeLink(FULL);
    expect(hash).toMatch(/^#v1\.[A-Za-z0-9_-]+$/);
    expect(uploadOmitted).toBe(false);
    expect(await decodeLink(hash)).toEqual({ ok: true, value: FULL, warnings: [] });
  });

  it('carries null and empty choices', async () => {
    const bare: LinkState = { ...FULL, device: null, behaviour: {}, guestRamSize: null, candidates: [], activeCandidate: null, view: null, selection: null, compressed: true };
    expect(await decodeLink((await encodeLink(bare)).hash)).toEqual({ ok: true, value: bare, warnings: [] });
  });

  it('reads a link written by hand in the documented JSON form', async () => {
    const r = await decodeLink(await rawLink(JSON.stringify(BASE_JSON)));
    expect(r.ok && r.value.candidates).toEqual([{ id: 'c1', base: 0x8000000n, size: 0x100000n, alignment: 0x100000n }]);
    expect(r.ok && r.value.scenario).toEqual({ kind: 'builtin', id: 'qemu-virt', version: 1 });
  });

  it('embeds a small upload whole and reads it back through the scenario codec', async () => {
    const parsed = scenarioFromJson(
      JSON.stringify({
        schema: 'iova-atlas/scenario@1',
        id: 'upload:board.json',
        name: 'board',
        physicalMap: [{ name: 'RAM', kind: 'ram', start: '0x40000000', last: '0x7fffffff' }],
        iommus: [{ id: 'smmu', name: 'SMMUv3', kind: 'smmu-v3', aperture: { start: '0x0', last: '0xffffffffffff' }, granule: '0x1000' }],
        devices: [{ id: 'nic', name: '00:01.0', bus: 'pci', iommu: 'smmu', group: '0' }],
      }),
      'board.json',
    );
    if (!parsed.ok) throw new Error(parsed.error.message);
    const state: LinkState = { ...FULL, scenario: { kind: 'upload', name: 'board.json', scenario: parsed.value } };
    const { hash, uploadOmitted } = await encodeLink(state);
    expect(uploadOmitted).toBe(false);
    expect(hash.length).toBeLessThanOrEqual(LINK_BUDGET);
    expect(await decodeLink(hash)).toEqual({ ok: true, value: state, warnings: [] });
  });

  it('leaves out an upload that would exceed the budget and says so', async () => {
    // 300 regions with incompressible names: far more than 2,000 characters once packed.
    const names = Array.from({ length: 300 }, (_, i) => `region ${((i * 2654435761) >>> 0).toString(36)}`);
    const big = baseScenario({
      id: 'upload:big.dtb',
      name: 'big',
      physicalMap: names.map((name, i) => ({ name, kind: 'mmio' as const, start: BigInt(i) << 24n, last: (BigInt(i) << 24n) + 0xfffn })),
    });
    const state: LinkState = { ...FULL, scenario: { kind: 'upload', name: 'big.dtb', scenario: big } };
    const { hash, uploadOmitted } = await encodeLink(state);
    expect(uploadOmitted).toBe(true);
    const r = await decodeLink(hash);
    expect(r.ok && r.value.scenario).toEqual({ kind: 'upload', name: 'big.dtb' });
  });
});

describe('link codec: migrations', () => {
  it('opens a version-0 link (one window, "id@version", switch names, RAM in MiB)', async () => {
    const v0 = await rawLink(JSON.stringify({ platform: 'juno-r1@2', policy: 'dynamic', window: '0xA0000000', switches: ['forcedac'], ramMiB: 2048, compressed: false }), 0);
    const r = await decodeLink(v0);
    expect(r).toEqual({
      ok: true,
      warnings: [],
      value: {
        scenario: { kind: 'builtin', id: 'juno-r1', version: 2 },
        policy: 'dynamic',
        device: null,
        behaviour: { forcedac: true },
        guestRamSize: 0x80000000n, // 2048 MiB
        candidates: [{ id: 'c1', base: 0xa0000000n, size: 0x100000n, alignment: 0x100000n }],
        activeCandidate: 'c1',
        view: null,
        selection: null,
        compressed: false,
      },
    });
  });

  it('fills version-0 defaults (no window, no switches, no RAM)', async () => {
    const r = await decodeLink(await rawLink(JSON.stringify({ platform: 'qemu-virt@1', policy: 'mainline' }), 0));
    expect(r.ok && r.value).toMatchObject({ candidates: [], activeCandidate: null, behaviour: {}, guestRamSize: null, compressed: true });
  });

  it('checks a version-0 link against the version-0 schema', async () => {
    const text = await damagedBy(await rawLink(JSON.stringify({ platform: 'qemu-virt', policy: 'mainline' }), 0));
    expect(text).toBe('This link is damaged: (version 0 link) platform: expected "platform-id@version".');
  });

  it('refuses a version from the future', async () => {
    expect(await damagedBy(await rawLink(JSON.stringify(BASE_JSON), 9))).toMatch(/version 9, newer than this IOVA Atlas reads \(up to 1\)/);
  });
});

describe('link codec: damaged links give a located message, never a throw', () => {
  it('no version prefix', async () => {
    expect(await damagedBy('#hello')).toBe('This link is damaged: it does not start with a version such as "#v1." (was it cut or edited?) (at character 2).');
  });

  it('bad base64: names the character and where it is', async () => {
    // "#v1.abc+def": the "+" is the 8th character.
    expect(await damagedBy('#v1.abc+def')).toBe('This link is damaged: character "+" is not base64url (at character 8).');
  });

  it('bad deflate data', async () => {
    expect(await damagedBy(`#v1.${encodeBase64url(new Uint8Array([0x01, 0x05, 0x00, 0x05, 0x00, 0x41]))}`)).toMatch(/compressed data is corrupt/);
  });

  it('a link cut short in transit', async () => {
    const { hash } = await encodeLink(FULL);
    expect(await damagedBy(hash.slice(0, hash.length - 12))).toMatch(/^This link is damaged: /);
  });

  it('bad JSON and bytes that are not UTF-8', async () => {
    expect(await damagedBy(await rawLink('{"policy": mainline}'))).toMatch(/its contents are not JSON/);
    const notUtf8 = `#v1.${encodeBase64url(await deflateRaw(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])))}`;
    expect(await damagedBy(notUtf8)).toMatch(/its contents are not JSON/);
  });

  it('schema violations name the field', async () => {
    expect(await jsonLinkError({ policy: 'lucky' })).toBe('This link is damaged: policy: expected one of mainline, series-v4, dynamic, userspace.');
    expect(await jsonLinkError({ candidates: [{ id: 'c1', base: '0x10000000000000000', size: '0x100000', alignment: '0x100000' }] })).toBe(
      'This link is damaged: candidates[0].base: expected a "0x…" hex string below 2^64.',
    );
    expect(await jsonLinkError({ candidates: [{ id: 'c1', base: '0xffffffffffff0000', size: '0x100000', alignment: '0x100000' }] })).toBe(
      'This link is damaged: candidates[0]: the window runs past the end of the 64-bit space.',
    );
    expect(await jsonLinkError({ candidates: [{ id: 'c1', base: '0x0', size: '0x3000', alignment: '0x1000' }] })).toBe(
      'This link is damaged: candidates[0].size: expected a power of two.',
    );
    expect(await jsonLinkError({ active: 'c9' })).toBe('This link is damaged: "active" names no candidate.');
    expect(await jsonLinkError({ script: 'alert(1)' })).toBe('This link is damaged: script: unknown property.');
    expect(await jsonLinkError({ view: { start: '0x2000', last: '0x1000' } })).toBe('This link is damaged: view: expected start <= last.');
    expect(await jsonLinkError({ behaviour: { forcedac: 'yes' } })).toBe('This link is damaged: behaviour.forcedac: expected true or false.');
    expect(await jsonLinkError({ scenario: { kind: 'remote', url: 'https://example.com' } })).toMatch(/scenario.kind: expected kind "builtin" or "upload"/);
    expect(await damagedBy(await rawLink('[1, 2, 3]'))).toMatch(/^This link is damaged: /);
  });

  it('an embedded scenario that fails the scenario codec', async () => {
    const text = await jsonLinkError({ scenario: { kind: 'upload', name: 'x.json', scenario: { schema: 'iova-atlas/scenario@1', id: 'x', name: 'x', iommus: 7 } } });
    expect(text).toMatch(/^This link is damaged: the embedded scenario is invalid: scenario\.scenario\.iommus: /);
  });

  it('huge inputs: too long, and a small link that unpacks huge', async () => {
    expect(await damagedBy('#v1.' + 'A'.repeat(MAX_LINK_CHARS))).toMatch(/more than the 65536 a link can be/);
    const bomb = `#v1.${encodeBase64url(await deflateRaw(new TextEncoder().encode(' '.repeat(3 << 20))))}`;
    expect(bomb.length).toBeLessThan(MAX_LINK_CHARS);
    expect(await damagedBy(bomb)).toMatch(/unpacks to more than 1048576 bytes/);
  });

  it('tells an empty fragment from a link', () => {
    expect(hasLink('')).toBe(false);
    expect(hasLink('#')).toBe(false);
    expect(hasLink('#v1.x')).toBe(true);
  });
});
