/**
 * Every built-in platform file, read three ways: as plain JSON (schema string, hex fields, a
 * source on every fact), through our own reference check, and through the scenario codec.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rangeContains, type Range } from '../engine/u64.ts';
import { scenarioFromJson } from '../model/codec.ts';
import { SCENARIO_SCHEMA } from '../model/scenario.ts';
import { BUILTIN_DIR, loadBuiltin, readBuiltinIndex } from './builtins.ts';
import { badHexFields, citedSources, unsourcedFacts } from './platformJson.ts';

const index = readBuiltinIndex();
if (!index.ok) throw new Error(index.error.message);
const entries = index.value;

interface Item {
  id: string;
  hostBridge?: string;
  iommu?: string;
  msiController?: string;
  memoryRegions?: string[];
  appliesTo?: string[];
  probeRegions?: Item[];
}
type Json = Record<string, Item[]> & { schema: string; id: string; version: number; sources: { file: string; version: string }[] };

const files = entries.map((e) => {
  const text = readFileSync(join(BUILTIN_DIR, e.file), 'utf8');
  return { entry: e, text, json: JSON.parse(text) as Json };
});

describe('public/platforms/index.json', () => {
  it('has the fixed ids', () => {
    expect(entries.map((e) => e.id)).toEqual(expect.arrayContaining(['qemu-virt', 'juno-r0', 'juno-r1', 'juno-r2']));
  });

  it('lists every platform file in the folder', () => {
    const onDisk = readdirSync(BUILTIN_DIR).filter((f) => f.endsWith('.json') && f !== 'index.json');
    expect(entries.map((e) => e.file).sort()).toEqual(onDisk.sort());
  });
});

describe.each(files)('$entry.file', ({ entry, text, json }) => {
  it('is a scenario file with the index\u2019s id and version', () => {
    expect(json.schema).toBe(SCENARIO_SCHEMA);
    expect(json.id).toBe(entry.id);
    expect(json.version).toBe(entry.version);
  });

  it('writes every 64-bit value as a lower-case hex u64', () => {
    expect(badHexFields(json)).toEqual([]);
  });

  it('gives every fact a source, and lists every cited file in `sources`', () => {
    expect(unsourcedFacts(json)).toEqual([]);
    const listed = new Set(json.sources.map((s) => `${s.file} @ ${s.version}`));
    const cited = new Set(citedSources(json).map((s) => `${s.file} @ ${s.version}`));
    for (const c of cited) expect(listed).toContain(c);
  });

  it('names a real version for every source (issue 3): no "6.x"-style range, no "public copies"', () => {
    const versions = [...json.sources, ...citedSources(json)].map((s) => s.version);
    expect(versions.filter((v) => /\b\d+\.x\b|public cop/i.test(v))).toEqual([]);
  });

  it('has unique ids and references that resolve', () => {
    const ids = (key: string) => {
      const list = (json[key] ?? []).map((x) => x.id);
      expect(new Set(list).size, `duplicate id in ${key}`).toBe(list.length);
      return new Set(list);
    };
    const iommus = ids('iommus');
    const bridges = ids('hostBridges');
    const msis = ids('msiControllers');
    const devices = ids('devices');
    const reservations = ids('firmwareReservations');
    const targets = new Set([...devices, ...bridges]);
    for (const b of json.hostBridges ?? []) {
      if (b.iommu) expect(iommus).toContain(b.iommu);
      if (b.msiController) expect(msis).toContain(b.msiController);
      for (const r of b.memoryRegions ?? []) expect(reservations).toContain(r);
    }
    for (const d of json.devices ?? []) {
      if (d.hostBridge) expect(bridges).toContain(d.hostBridge);
      if (d.iommu) expect(iommus).toContain(d.iommu);
      for (const r of d.memoryRegions ?? []) expect(reservations).toContain(r);
    }
    const reservationsAndProbes = [...(json.firmwareReservations ?? []), ...(json.iommus ?? []).flatMap((m) => m.probeRegions ?? [])];
    for (const r of reservationsAndProbes) for (const t of r.appliesTo ?? []) expect(targets).toContain(t);
  });

  it('loads through the scenario codec without warnings', () => {
    const r = scenarioFromJson(text, entry.file);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.warnings).toEqual([]);
    expect(r.value.id).toBe(entry.id);
  });
});

describe.each(entries.map((e) => e.id))('%s is consistent with its own physical map', (id) => {
  const r = loadBuiltin(id);
  if (!r.ok) throw new Error(r.error.message);
  const s = r.value;
  const covered = (kinds: readonly string[], x: Range) => s.physicalMap.some((p) => kinds.includes(p.kind) && rangeContains(p, x));

  it('lists the physical map in ascending order of start', () => {
    const starts = s.physicalMap.map((p) => p.start);
    expect(starts).toEqual([...starts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('shows every outbound window, MSI doorbell and IOMMU register block on the map', () => {
    for (const b of s.hostBridges) {
      for (const w of b.windows) {
        const cpu = { start: w.cpuStart, last: w.cpuStart + w.size - 1n };
        expect(covered(w.kind === 'io' ? ['pcie-io'] : ['pcie-mmio'], cpu), `${b.id} window at ${w.cpuStart.toString(16)}`).toBe(true);
      }
    }
    for (const m of s.msiControllers) expect(covered(['msi-doorbell'], m.doorbell), m.id).toBe(true);
    for (const m of s.iommus) if (m.base !== undefined) expect(s.physicalMap.some((p) => p.kind === 'iommu' && p.start === m.base), m.id).toBe(true);
  });
});
