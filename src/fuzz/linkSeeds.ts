/**
 * Link payloads for the URL-state fuzz targets, written by hand after src/share/linkSchema.ts:
 * a built-in platform with candidates, view and selection; an upload with its scenario embedded;
 * and a version-0 link, which goes through the migration. `packLink` makes the `#v<N>.` fragment
 * the app reads (base64url of raw DEFLATE), with Node's zlib so seeds are made synchronously.
 */
import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { encodeBase64url } from '../share/base64url.ts';

const encoder = new TextEncoder();

function uploadScenario(): unknown {
  return JSON.parse(readFileSync(new URL('../../public/platforms/juno-r1.json', import.meta.url), 'utf8'));
}

/** [version, JSON value] of each seed link. */
export function linkPayloads(): readonly (readonly [number, unknown])[] {
  return [
    [
      1,
      {
        scenario: { kind: 'builtin', id: 'qemu-virt', version: 1 },
        policy: 'series-v4',
        device: null,
        behaviour: { dtReservationsReachPci: true },
        guestRam: '0x80000000',
        candidates: [
          { id: 'c1', base: '0x8000000', size: '0x100000', alignment: '0x100000' },
          { id: 'c2', base: '0xa0000000', size: '0x100000', alignment: '0x100000' },
        ],
        active: 'c1',
        view: { start: '0x0', last: '0xffffffff' },
        selection: { lane: 'reserved', key: 'sw-msi' },
        compressed: true,
      },
    ],
    [
      1,
      {
        scenario: { kind: 'upload', name: 'juno.dtb', scenario: uploadScenario() },
        policy: 'mainline',
        device: null,
        behaviour: {},
        guestRam: null,
        candidates: [],
        active: null,
        view: null,
        selection: null,
        compressed: false,
      },
    ],
    [0, { platform: 'juno-r1@1', policy: 'userspace', window: '0x8000000', switches: ['forcedac'], ramMiB: 2048, compressed: true }],
  ];
}

/** `v<N>.` followed by the JSON text: the uncompressed form the link-json target mutates. */
export function plainLink(version: number, json: unknown): Uint8Array {
  return encoder.encode(`v${version}.${JSON.stringify(json)}`);
}

const PLAIN = /^v(\d{1,4})\./;

/**
 * The fragment for a plain link, compressed as the app does it. Text whose version prefix was
 * mutated away is compressed whole, so the loader sees (and must report) a missing version.
 */
export function packLink(plain: string): string {
  const m = PLAIN.exec(plain);
  const body = m ? plain.slice(m[0].length) : plain;
  return `#${m ? m[0] : ''}${encodeBase64url(deflateRawSync(encoder.encode(body)))}`;
}
