/**
 * Checks on a built-in platform file read as plain JSON, independent of the scenario codec:
 * every 64-bit field is a lower-case "0x…" string below 2^64, and every fact (region, IOMMU,
 * bridge, MSI controller, device, reservation) names the public file and version it comes from.
 */
import { U64_MAX } from '../engine/u64.ts';

/** Field names that hold a u64 on disk (scenario.ts: Range, granule, base, windows, guest regions). */
const HEX_KEYS = new Set(['start', 'last', 'granule', 'base', 'cpuStart', 'busStart', 'size']);
const LOWER_HEX = /^0x[0-9a-f]+$/;

/** Collections whose every item must carry a `source`. */
const SOURCED = ['physicalMap', 'iommus', 'hostBridges', 'msiControllers', 'devices', 'firmwareReservations'] as const;

export interface SourceRefJson {
  readonly file: string;
  readonly version: string;
  readonly where?: string;
}

function isObject(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

function children(x: unknown, path: string): [string, unknown][] {
  if (Array.isArray(x)) return x.map((v, i) => [`${path}[${i}]`, v]);
  if (isObject(x)) return Object.entries(x).map(([k, v]) => [`${path}.${k}`, v]);
  return [];
}

/** Paths of u64 fields that are not lower-case hex strings below 2^64. */
export function badHexFields(json: unknown, path = '$'): string[] {
  const out: string[] = [];
  for (const [p, v] of children(json, path)) {
    const key = p.slice(p.lastIndexOf('.') + 1);
    if (HEX_KEYS.has(key)) {
      if (typeof v !== 'string' || !LOWER_HEX.test(v) || BigInt(v) > U64_MAX) out.push(p);
    } else {
      out.push(...badHexFields(v, p));
    }
  }
  return out;
}

function isSourceRef(x: unknown): x is SourceRefJson {
  return isObject(x) && typeof x.file === 'string' && x.file !== '' && typeof x.version === 'string' && x.version !== '';
}

/** Paths of facts without a usable `source` (file and version), including virtio PROBE regions. */
export function unsourcedFacts(json: unknown): string[] {
  if (!isObject(json)) return ['$'];
  const out: string[] = [];
  const need = (item: unknown, p: string) => {
    if (!isObject(item) || !isSourceRef(item.source)) out.push(p);
  };
  for (const key of SOURCED) {
    const list = json[key];
    if (!Array.isArray(list)) continue;
    list.forEach((item, i) => {
      need(item, `$.${key}[${i}]`);
      const probes = isObject(item) ? item.probeRegions : undefined;
      if (Array.isArray(probes)) probes.forEach((r, j) => need(r, `$.${key}[${i}].probeRegions[${j}]`));
    });
  }
  if (json.guest !== undefined) need(json.guest, '$.guest');
  return out;
}

/** Every SourceRef cited by a fact (the top-level `sources` list excluded). */
export function citedSources(json: unknown): SourceRefJson[] {
  const out: SourceRefJson[] = [];
  const walk = (x: unknown, key: string) => {
    if (key === 'source' && isSourceRef(x)) out.push(x);
    else for (const [p, v] of children(x, '')) walk(v, p.slice(p.lastIndexOf('.') + 1));
  };
  if (isObject(json)) for (const [k, v] of Object.entries(json)) if (k !== 'sources') walk(v, k);
  return out;
}
