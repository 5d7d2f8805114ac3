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
    expect(r.error.message).toBe('devices[0].iommuu: expected a field of the scenario schema, found unknown property "iommuu" (check its spelling)');
    expect(r.error.line).toBe(13);
  });

  it('rejects a wrong schema tag, saying which one the file has', () => {
    const r = scenarioFromJson(TEXT.replace('scenario@1', 'scenario@9'), 't.json');
    expect(!r.ok && r.error).toMatchObject({ line: 2, column: 13, message: 'schema "iova-atlas/scenario@9" is not supported; expected "iova-atlas/scenario@1"' });
  });

  it('names a missing required field, located at the object that lacks it', () => {
    const top = scenarioFromJson('{\n  "schema": "iova-atlas/scenario@1"\n}\n', 't.json');
    expect(!top.ok && top.error).toEqual({ source: 't.json', line: 1, column: 1, message: 'missing required field "id" (and 1 more problem)' });
    const device = scenarioFromJson(TEXT.replace(', "group": "0"', ''), 't.json');
    expect(!device.ok && device.error).toMatchObject({ line: 13, column: 5, message: 'devices[0]: missing required field "group"' });
  });

  it('says what it found where a value has the wrong type or is not one of the choices', () => {
    const id = scenarioFromJson(TEXT.replace('"id": "test-virt"', '"id": 7'), 't.json');
    expect(!id.ok && id.error.message).toBe('id: expected a string, found 7');
    const kind = scenarioFromJson(TEXT.replace('"kind": "smmu-v3"', '"kind": "smmu-v9"'), 't.json');
    expect(!kind.ok && kind.error.message).toMatch(/^iommus\[0\]\.kind: expected one of "smmu-v3", .*, found "smmu-v9"$/);
    const long = scenarioFromJson(TEXT.replace('"kind": "smmu-v3"', `"kind": "${'x'.repeat(5000)}"`), 't.json');
    expect(!long.ok && long.error.message).toMatch(new RegExp(`found "${'x'.repeat(48)}\\.\\.\\."$`));
  });

  it('checks references, ids and inclusive ranges after the shape', () => {
    const unknownIommu = scenarioFromJson(TEXT.replace('"iommu": "smmu"', '"iommu": "smmu9"'), 't.json');
    expect(!unknownIommu.ok && unknownIommu.error.message).toBe('devices[0].iommu: expected the id of an IOMMU in this scenario, found "smmu9", which names none');
    // Line 13 of TEXT is the device object; column 62 is the opening quote of "smmu9".
    expect(!unknownIommu.ok && unknownIommu.error).toMatchObject({ line: 13, column: 62 });
    const backwards = scenarioFromJson(TEXT.replace('"last": "0x809ffff"', '"last": "0x8000000"'), 't.json');
    expect(!backwards.ok && backwards.error.message).toBe('physicalMap[0].last: expected last at or above start 0x8080000 (ranges are inclusive), found 0x8000000');
    const granule = scenarioFromJson(TEXT.replace('"granule": "0x1000"', '"granule": "0x1800"'), 't.json');
    expect(!granule.ok && granule.error.message).toBe('iommus[0].granule: expected a power of two, found 0x1800');
    const twice = scenarioFromJson(TEXT.replace('"group": "0"', '"group": "0" }, { "id": "nic", "name": "again", "bus": "pci", "group": "1"'), 't.json');
    expect(!twice.ok && twice.error.message).toBe('devices[1].id: expected an id not used before in devices, found "nic", the id of devices[0]');
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
    expect(!r.ok && r.error).toEqual({ source: 'link', message: 'name: expected a string, found 1' });
  });
});
