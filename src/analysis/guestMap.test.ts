import { describe, expect, it } from 'vitest';
import { baseScenario, qemuVirt, SMMUV3 } from './fixtures.ts';
import { guestMapFor } from './guestMap.ts';

describe('guest map', () => {
  it('takes the scenario guest map and resizes its RAM (QEMU virt RAM at 0x40000000)', () => {
    const { regions } = guestMapFor(qemuVirt(), 0xc0000000n);
    expect(regions).toEqual([{ name: 'guest RAM', kind: 'ram', start: 0x40000000n, size: 0xc0000000n }]);
  });

  it('without a guest map assumes QEMU virt with 1 GiB and says so', () => {
    const g = guestMapFor(baseScenario({ iommus: [SMMUV3] }));
    expect(g.regions).toEqual([{ name: 'guest RAM', kind: 'ram', start: 0x40000000n, size: 0x40000000n }]);
    expect(g.assumptions[0]).toContain('assumed a QEMU virt guest');
  });

  it('x86 without a guest map: 2 GiB below 4 GiB, the rest from 4 GiB', () => {
    const s = baseScenario({ iommus: [{ ...SMMUV3, kind: 'intel-vtd' }] });
    expect(guestMapFor(s, 0x100000000n).regions.map((r) => [r.start, r.size])).toEqual([
      [0n, 0x80000000n],
      [0x100000000n, 0x80000000n],
    ]);
  });

  it('resizing a split map fills the low block first and drops empty blocks', () => {
    const s = baseScenario({
      guest: {
        layout: 'x86-pc',
        regions: [
          { name: 'high', kind: 'ram', start: 0x100000000n, size: 0x40000000n },
          { name: 'low', kind: 'ram', start: 0n, size: 0x80000000n },
          { name: 'bar', kind: 'bar', start: 0xfe000000n, size: 0x1000n },
        ],
      },
    });
    expect(guestMapFor(s, 0x40000000n).regions.map((r) => [r.name, r.size])).toEqual([
      ['low', 0x40000000n],
      ['bar', 0x1000n],
    ]);
    expect(guestMapFor(s, 0x180000000n).regions.map((r) => [r.name, r.size])).toEqual([
      ['high', 0x100000000n],
      ['low', 0x80000000n],
      ['bar', 0x1000n],
    ]);
  });
});
