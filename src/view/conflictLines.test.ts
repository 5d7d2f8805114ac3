import { describe, expect, it } from 'vitest';
import { conflictLines } from './conflictLines.ts';

const isolation = { with: 'v2m_0', withRange: { start: 0x2c1c0000n, last: 0x2c1c0fffn }, kind: 'msi-isolation', consequence: 'VFIO refuses the group (-EPERM)' };
const ram = { with: 'guest RAM', withRange: { start: 0x40000000n, last: 0x7fffffffn }, kind: 'guest-ram', consequence: 'MAP_DMA fails with -EINVAL' };

describe('conflictLines', () => {
  it('says a device-wide conflict once, naming every window that has it', () => {
    const lines = conflictLines([
      { key: 'policy:mainline', label: 'Mainline policy window', window: { base: 0x8000000n, size: 0x100000n }, conflicts: [isolation] },
      { key: 'candidate:c1', label: 'MSI window candidate 1', window: { base: 0x40000000n, size: 0x100000n }, conflicts: [ram, isolation] },
    ]);
    expect(lines.map((l) => [l.kind, l.owners])).toEqual([
      ['msi-isolation', ['Mainline policy window', 'MSI window candidate 1']],
      ['guest-ram', ['MSI window candidate 1']],
    ]);
  });

  it('zooms to the window when the obstacle overlaps it, else to both', () => {
    const [iso, r] = conflictLines([{ key: 'c', label: 'c', window: { base: 0x40000000n, size: 0x100000n }, conflicts: [isolation, ram] }]);
    expect(r!.zoom).toEqual({ start: 0x40000000n, last: 0x400fffffn });
    expect(iso!.zoom).toEqual({ start: 0x2c1c0000n, last: 0x400fffffn });
  });
});

describe('conflictRelation', () => {
  it('says "collides" only of an overlap', () => {
    const lines = conflictLines([{ key: 'c', label: 'c', window: { base: 0x40000000n, size: 0x100000n }, conflicts: [isolation, ram, { ...ram, kind: 'outside-inbound-window', with: 'outside the inbound dma-ranges of pcie' }] }]);
    expect(lines.map((l) => `${l.relation} ${l.with}`)).toEqual(['Caused by v2m_0', 'Collides with guest RAM', 'Lies outside the inbound dma-ranges of pcie']);
  });
});
