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

  it('ignores windows without conflicts or without a window', () => {
    expect(conflictOverlays([guest], [{ window: null, conflicts: [] }, { window: { base: 0n, size: 1n }, conflicts: [] }])).toEqual([]);
  });
});
