import { describe, expect, it } from 'vitest';
import { packRows, type Lane } from './laneModel.ts';
import { conflictOverlays } from './conflictOverlays.ts';

function lane(id: string, items: { name: string; start: bigint; last: bigint }[]): Lane {
  const p = packRows(items.map((i) => ({ ...i, key: i.name, cls: 'x', type: 't', sources: [] })));
  return { id, title: id, subtitle: '', items: p.items, rows: p.rows };
}

describe('conflictOverlays', () => {
  const guest = lane('guest', [{ name: 'guest RAM', start: 0x40000000n, last: 0x13fffffffn }]);
  const vfio = lane('vfio', [{ name: 'valid IOVA range', start: 0x8100000n, last: 0xffffffffffffn }]);

  it('hatches the overlap of a window on guest RAM, in the guest lane only', () => {
    const o = conflictOverlays([guest, vfio], [
      { window: { base: 0x40000000n, size: 0x100000n }, conflicts: [{ with: 'guest RAM', withRange: { start: 0x40000000n, last: 0x13fffffffn } }] },
    ]);
    expect(o).toEqual([{ lane: 'guest', row: 0, start: 0x40000000n, last: 0x400fffffn, label: 'conflict: guest RAM' }]);
  });

  it('falls back to the lane of the conflict kind when no item is the obstacle', () => {
    const dma = lane('dma', [{ name: 'dma-ranges gap', start: 0n, last: 0x80000fffn }]);
    // Juno: the window at 0x8000000 is below the inbound dma-range that starts at 0x80000000.
    const o = conflictOverlays([guest, dma], [
      {
        window: { base: 0x8000000n, size: 0x100000n },
        conflicts: [{ with: 'outside the inbound dma-ranges of pcie', withRange: { start: 0n, last: 0x7fffffffn }, kind: 'outside-inbound-window' }],
      },
    ]);
    expect(o).toEqual([{ lane: 'dma', row: 0, start: 0x8000000n, last: 0x80fffffn, label: 'conflict: outside the inbound dma-ranges of pcie' }]);
  });

  it('ignores windows without conflicts or without a window', () => {
    expect(conflictOverlays([guest], [{ window: null, conflicts: [] }, { window: { base: 0n, size: 1n }, conflicts: [] }])).toEqual([]);
  });
});
