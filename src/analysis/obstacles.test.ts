import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { rangesOverlap } from '../engine/u64.ts';
import { bridgeWindowObstacles, inboundGapObstacles, indexObstacles, overlapping, sortObstacles, type Obstacle } from './obstacles.ts';
import { juno } from './fixtures.ts';

const obstacle = (start: bigint, last: bigint): Obstacle => ({ start, last, kind: 'guest-ram', with: `${start}` });

describe('obstacle index', () => {
  it('finds exactly the obstacles a brute-force scan finds, nested ones included', () => {
    const arb = fc.tuple(fc.bigInt({ min: 0n, max: 1000n }), fc.bigInt({ min: 0n, max: 300n })).map(([s, l]) => obstacle(s, s + l));
    fc.assert(
      fc.property(fc.array(arb, { maxLength: 40 }), fc.array(arb, { maxLength: 5 }), arb, (a, b, q) => {
        const ix = indexObstacles(sortObstacles(a), sortObstacles(b));
        const expected = [...a, ...b].filter((o) => rangesOverlap(o, q));
        const found = overlapping(ix, q);
        expect(new Set(found)).toEqual(new Set(expected));
        expect(found.map((o) => o.start)).toEqual([...found.map((o) => o.start)].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)));
      }),
    );
  });
});

describe('PCI obstacles (engine-spec §5.3, Juno)', () => {
  const bridge = juno().hostBridges[0]!;

  it('gaps around the inbound dma-ranges [0x80000000, 0xffffffff] and [0x800000000, 0x9ffffffff]', () => {
    expect(inboundGapObstacles(bridge).map((o) => [o.start, o.last])).toEqual([
      [0n, 0x7fffffffn],
      [0x100000000n, 0x7ffffffffn],
      [0xa00000000n, 0xffffffffffffffffn],
    ]);
  });

  it('outbound MEM windows only (the I/O window is not memory)', () => {
    expect(bridgeWindowObstacles(bridge).map((o) => [o.start, o.last])).toEqual([
      [0x50000000n, 0x57ffffffn],
      [0x4000000000n, 0x40ffffffffn],
    ]);
  });

  it('no dma-ranges: no gap at all', () => {
    expect(inboundGapObstacles({ ...bridge, dmaRanges: [] })).toEqual([]);
  });
});
