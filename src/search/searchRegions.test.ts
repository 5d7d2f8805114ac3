import { describe, expect, it } from 'vitest';
import type { Lane } from '../view/laneModel.ts';
import { queryAddress, searchableItems, searchRegions } from './searchRegions.ts';

const item = (key: string, name: string, start: bigint, last: bigint) => ({ key, name, start, last, cls: 'x', type: 't', sources: [], row: 0 });

// QEMU virt facts (engine-spec §5.1): RAM from 0x40000000, ITS doorbell page 0x8090000, SW_MSI at 0x8000000.
const LANES: Lane[] = [
  { id: 'phys', title: 'Physical map', subtitle: '', rows: 1, items: [item('p1', 'RAM', 0x40000000n, 0x7fffffffn), item('p2', 'GIC ITS', 0x8080000n, 0x809ffffn)] },
  { id: 'resv', title: 'Reserved regions', subtitle: '', rows: 1, items: [item('r1', 'SW_MSI window (MSI_IOVA_BASE)', 0x8000000n, 0x80fffffn)] },
  { id: 'vfio', title: 'VFIO', subtitle: '', rows: 1, items: [item('v1', 'valid IOVA range', 0x0n, 0x7ffffffn), item('v2', 'hole', 0x8000000n, 0x80fffffn), item('v3', 'valid IOVA range', 0x8100000n, 0xffffffffffffn)] },
];
const WINDOWS = [{ lane: 'windows', laneTitle: 'MSI windows', key: 'candidate:c1', name: 'MSI window candidate 1', start: 0xa0000000n, last: 0xa00fffffn }];
const ITEMS = searchableItems(LANES, WINDOWS);

describe('queryAddress', () => {
  it('reads hex with or without 0x, with _ separators', () => {
    expect(queryAddress('0x8000000')).toBe(0x8000000n);
    expect(queryAddress(' 8000000 ')).toBe(0x8000000n);
    expect(queryAddress('0x0000_0000_0800_0000')).toBe(0x8000000n);
    expect(queryAddress('ffffffffffffffff')).toBe(0xffffffffffffffffn);
  });
  it('is not an address otherwise', () => {
    expect(queryAddress('RAM')).toBeUndefined();
    expect(queryAddress('0x1_0000_0000_0000_0000')).toBeUndefined(); // 2^64
    expect(queryAddress('')).toBeUndefined();
  });
});

describe('searchRegions', () => {
  it('finds every region containing an address, narrowest first, across lanes', () => {
    const hits = searchRegions(ITEMS, '0x8000000');
    expect(hits.map((h) => [h.lane, h.name])).toEqual([
      ['resv', 'SW_MSI window (MSI_IOVA_BASE)'],
      ['vfio', 'hole'],
    ]);
    expect(hits.every((h) => h.match === 'address')).toBe(true);
  });

  it('finds by any part of a name, in any case, including the MSI-window lane', () => {
    expect(searchRegions(ITEMS, 'sw_msi').map((h) => h.key)).toEqual(['r1']);
    expect(searchRegions(ITEMS, 'candidate').map((h) => h.key)).toEqual(['candidate:c1']);
    expect(searchRegions(ITEMS, 'its').map((h) => h.name)).toEqual(['GIC ITS']);
  });

  it('a hex-looking word matches names too, after the addresses', () => {
    // "a" is hex 0xa (inside the first valid range) and a letter in many names.
    const hits = searchRegions(ITEMS, 'a');
    expect(hits[0]).toMatchObject({ key: 'v1', match: 'address' });
    expect(hits.slice(1).every((h) => h.match === 'name' && h.key !== 'v1')).toBe(true);
  });

  it('returns nothing for an empty query and respects the limit', () => {
    expect(searchRegions(ITEMS, '  ')).toEqual([]);
    expect(searchRegions(ITEMS, 'i', 2)).toHaveLength(2);
  });
});
