import { describe, expect, it } from 'vitest';
import { badHexFields, citedSources, unsourcedFacts } from './platformJson.ts';

const src = { file: 'hw/arm/virt.c', version: 'QEMU 7.2' };

describe('badHexFields', () => {
  it('accepts lower-case hex u64 values, including 2^64 - 1', () => {
    const json = { physicalMap: [{ start: '0x0', last: '0xffffffffffffffff' }], iommus: [{ granule: '0x1000' }] };
    expect(badHexFields(json)).toEqual([]);
  });

  it('names upper-case, decimal, numeric and oversized values by path', () => {
    const json = {
      physicalMap: [{ start: '0xABC', last: '4096' }],
      hostBridges: [{ windows: [{ size: 4096, cpuStart: '0x10000000000000000', busStart: '0x0' }] }],
    };
    expect(badHexFields(json)).toEqual([
      '$.physicalMap[0].start',
      '$.physicalMap[0].last',
      '$.hostBridges[0].windows[0].size',
      '$.hostBridges[0].windows[0].cpuStart',
    ]);
  });
});

describe('unsourcedFacts', () => {
  it('lists facts without file and version, probe regions and the guest map included', () => {
    const json = {
      physicalMap: [{ name: 'a', source: src }, { name: 'b' }],
      iommus: [{ id: 'v', source: src, probeRegions: [{ id: 'p', source: { file: 'x', version: '' } }] }],
      devices: [{ id: 'd', source: src }],
      guest: { regions: [] },
    };
    expect(unsourcedFacts(json)).toEqual(['$.physicalMap[1]', '$.iommus[0].probeRegions[0]', '$.guest']);
  });
});

describe('citedSources', () => {
  it('collects every nested source but not the scenario-level list', () => {
    const json = { sources: [{ file: 'listed', version: '1' }], physicalMap: [{ source: src }], guest: { source: src } };
    expect(citedSources(json)).toEqual([src, src]);
  });
});
