import { describe, expect, it } from 'vitest';
import { readMtree } from './mtreeLines.ts';
import { Q35_SYSTEM_LINES } from './q35Lines.testdata.ts';
import { visiblePieces } from './visibility.ts';

function visible(dump: string): Record<string, [bigint, bigint][]> {
  const entries = readMtree(dump, 't').sections[0]!.entries;
  const out: Record<string, [bigint, bigint][]> = {};
  for (const [e, pieces] of visiblePieces(entries)) out[e.name] = pieces.map((p) => [p.start, p.last]);
  return out;
}

describe('visiblePieces: QEMU rendering of overlapping subregions', () => {
  it('reproduces the example of docs/devel/memory.rst: C shows through the holes of the higher-priority container B', () => {
    // A (0x8000) holds C (MMIO at 0, 0x6000, prio 1) and B (container at 0x2000, 0x4000, prio 2)
    // with D at B+0 and E at B+0x2000; the doc's rendering is [C][D][C][E][C].
    const dump = [
      'address-space: memory',
      '  0000000000000000-0000000000007fff (prio 0, i/o): A',
      '    0000000000000000-0000000000005fff (prio 1, i/o): C',
      '    0000000000002000-0000000000005fff (prio 2, i/o): B',
      '      0000000000002000-0000000000002fff (prio 0, i/o): D',
      '      0000000000004000-0000000000004fff (prio 0, i/o): E',
    ].join('\n');
    expect(visible(dump)).toEqual({
      C: [[0x0n, 0x1fffn], [0x3000n, 0x3fffn], [0x5000n, 0x5fffn]],
      D: [[0x2000n, 0x2fffn]],
      E: [[0x4000n, 0x4fffn]],
    });
  });

  it('compares priorities only among siblings: a prio 1 region inside a prio -1 container loses to prio 0 RAM', () => {
    // The PC layout of memory.rst: RAM at prio 0 over the pci container at prio -1, and an alias at prio 1 over the RAM.
    const dump = Q35_SYSTEM_LINES.join('\n');
    expect(visible(dump)).toEqual({
      'ram-below-4g': [[0x0n, 0x9ffffn], [0xc0000n, 0x7fffffffn]],
      'vga-lowmem': [],
      'pc.bios': [[0xfffc0000n, 0xffffffffn]],
      'smram-region': [[0xa0000n, 0xbffffn]],
    });
  });

  it('of two equal-priority regions at one address, the one listed first (added later) wins; disabled ones never show', () => {
    const dump = [
      'address-space: memory',
      '  0000000000000000-0000000000000fff (prio 0, i/o): later',
      '  0000000000000000-0000000000001fff (prio 0, i/o): earlier',
      '  0000000000000000-000000000000ffff (prio 9, i/o): off [disabled]',
    ].join('\n');
    expect(visible(dump)).toEqual({ later: [[0x0n, 0xfffn]], earlier: [[0x1000n, 0x1fffn]] });
  });

  it('stays fast on many overlapping regions', () => {
    const lines = ['address-space: memory'];
    for (let i = 0; i < 20_000; i++) lines.push(`  ${(i * 0x1000).toString(16).padStart(16, '0')}-00000000ffffffff (prio ${i % 7}, i/o): r${i}`);
    const t0 = performance.now();
    const v = visible(lines.join('\n'));
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(Object.keys(v)).toHaveLength(20_000);
  });
});
