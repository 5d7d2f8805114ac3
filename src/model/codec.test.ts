import { describe, expect, it } from 'vitest';
import { scenarioFromJson, scenarioFromValue, scenarioToJson, scenarioToJsonText } from './codec.ts';
import type { Device, Scenario } from './scenario.ts';

// A small QEMU-virt-like scenario written by hand (values from engine-spec §5.1).
const TEXT = `{
  "schema": "iova-atlas/scenario@1",
  "id": "test-virt",
  "name": "test",
  "physicalMap": [
    { "name": "GIC ITS", "kind": "msi-doorbell", "start": "0x8080000", "last": "0x809ffff" }
  ],
  "iommus": [
    { "id": "smmu", "name": "SMMUv3", "kind": "smmu-v3",
      "aperture": { "start": "0x0", "last": "0xffffffffffff" }, "granule": "0x1000" }
  ],
  "devices": [
    { "id": "nic", "name": "00:01.0", "bus": "pci", "iommu": "smmu", "group": "0" }
  ]
}`;

function mustParse(text: string): Scenario {
  const r = scenarioFromJson(text, 'test.json');
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('scenarioFromJson', () => {
  it('turns hex strings into exact BigInts and fills defaults', () => {
    const s = mustParse(TEXT);
    expect(s.iommus[0]!.aperture.last).toBe(0xffff_ffff_ffffn);
    expect(s.iommus[0]!.granule).toBe(0x1000n);
    expect(s.hostBridges).toEqual([]);
    expect(s.behaviour).toEqual({ dtReservationsReachPci: false, forcedac: false, allowUnsafeInterrupts: false });
    expect(s.devices[0]!.hasOfNode).toBe(false);
  });

  it('reports JSON syntax errors with line and column', () => {
    const r = scenarioFromJson('{\n  "schema": "x",\n  "id" "y"\n}', 'bad.json');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({ source: 'bad.json', line: 3, column: 8 });
    expect(r.error.message).toContain("expected ':'");
  });

  it('reports a trailing comma and an unterminated string', () => {
    const trailing = scenarioFromJson('[1,]', 'a.json');
    expect(!trailing.ok && trailing.error.column).toBe(4);
    const open = scenarioFromJson('{"a": "b', 'a.json');
    expect(!open.ok && open.error.message).toContain('unterminated string');
  });

  it('locates a schema error at the offending value, with its field path', () => {
    const bad = TEXT.replace('"granule": "0x1000"', '"granule": 4096');
    const r = scenarioFromJson(bad, 'g.json');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message).toMatch(/^iommus\[0\]\.granule: expected a "0x…" hex string/);
    // Line 10 of TEXT holds `"granule": 4096`; the value starts after `"granule": `.
    const line = bad.split('\n')[r.error.line! - 1]!;
    expect(r.error.line).toBe(10);
    expect(line.slice(r.error.column! - 1)).toMatch(/^4096/);
  });

  it('rejects values of 2^64 and more, and upper-case hex is accepted', () => {
    const big = TEXT.replace('"0xffffffffffff"', '"0x10000000000000000"');
    const r = scenarioFromJson(big, 'big.json');
    expect(!r.ok && r.error.message).toContain('iommus[0].aperture.last');
    expect(mustParse(TEXT.replace('"0x809ffff"', '"0x809FFFF"')).physicalMap[0]!.last).toBe(0x809ffffn);
  });

  it('names an unknown property (a typo) and where it is', () => {
    const r = scenarioFromJson(TEXT.replace('"group": "0"', '"group": "0", "iommuu": "x"'), 't.json');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message).toContain('devices[0].iommuu: unknown property');
    expect(r.error.line).toBe(13);
  });

  it('rejects a wrong schema tag', () => {
    const r = scenarioFromJson(TEXT.replace('scenario@1', 'scenario@9'), 't.json');
    expect(!r.ok && r.error.message).toMatch(/^schema: expected "iova-atlas\/scenario@1"/);
  });

  it('checks references, ids and inclusive ranges after the shape', () => {
    const unknownIommu = scenarioFromJson(TEXT.replace('"iommu": "smmu"', '"iommu": "smmu9"'), 't.json');
    expect(!unknownIommu.ok && unknownIommu.error.message).toBe('devices[0].iommu: unknown IOMMU "smmu9"');
    // Line 13 of TEXT is the device object; column 62 is the opening quote of "smmu9".
    expect(!unknownIommu.ok && unknownIommu.error).toMatchObject({ line: 13, column: 62 });
    const backwards = scenarioFromJson(TEXT.replace('"last": "0x809ffff"', '"last": "0x8000000"'), 't.json');
    expect(!backwards.ok && backwards.error.message).toContain('physicalMap[0].last: last must not be below start');
    const granule = scenarioFromJson(TEXT.replace('"granule": "0x1000"', '"granule": "0x1800"'), 't.json');
    expect(!granule.ok && granule.error.message).toContain('power of two');
  });

  it('never throws on hostile input', () => {
    for (const t of ['', '[', '"\\x"', '['.repeat(10000), '{"__proto__": {"polluted": 1}}', 'nul', '1e999', '\u0000']) {
      const r = scenarioFromJson(t, 'h.json');
      expect(r.ok).toBe(false);
    }
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('rejects duplicate keys instead of keeping the last silently', () => {
    const r = scenarioFromJson('{"id": "a", "id": "b"}', 'd.json');
    expect(!r.ok && r.error.message).toContain('duplicate property "id"');
  });
});

describe('scenarioToJson', () => {
  it('writes lower-case hex strings and round-trips', () => {
    const s = mustParse(TEXT.replace('"0x809ffff"', '"0x809FFFF"'));
    const json = scenarioToJson(s) as { physicalMap: { last: string }[] };
    expect(json.physicalMap[0]!.last).toBe('0x809ffff');
    expect(mustParse(scenarioToJsonText(s))).toEqual(s);
  });

  it('is stable: key order follows the schema, not construction order', () => {
    const s = mustParse(TEXT);
    const shuffled = { ...s, devices: s.devices.map((d) => Object.fromEntries(Object.entries(d).reverse()) as unknown as Device) };
    expect(scenarioToJsonText(shuffled)).toBe(scenarioToJsonText(s));
    expect(Object.keys(scenarioToJson(s) as object).slice(0, 3)).toEqual(['schema', 'id', 'name']);
  });

  it('validates an already-parsed value with field paths', () => {
    const r = scenarioFromValue({ schema: 'iova-atlas/scenario@1', id: 'x', name: 1 }, 'link');
    expect(!r.ok && r.error).toEqual({ source: 'link', message: 'name: expected a string' });
  });
});
