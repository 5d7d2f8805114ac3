import { describe, expect, it } from 'vitest';
import { parseReservedRegions } from './reservedRegions.ts';

// Lines in the kernel's "0x%016llx 0x%016llx %s" format (engine-spec §1.4, §5.1, §5.2b).
const SW_MSI_LINE = '0x0000000008000000 0x00000000080fffff msi';

function parsed(text: string, source = 'regions.txt') {
  const r = parseReservedRegions(text, source);
  if (!r.ok) throw new Error(`unexpected error: ${r.error.message}`);
  return r;
}

describe('parseReservedRegions', () => {
  it('reads one file and infers SW_MSI for the Arm 1 MiB window at 0x08000000', () => {
    const { value } = parsed(`${SW_MSI_LINE}\n`, '/sys/kernel/iommu_groups/7/reserved_regions');
    expect(value.devices).toHaveLength(1);
    const d = value.devices[0]!;
    expect(d.group).toBe('7');
    expect(d.observedRegions).toHaveLength(1);
    const r = d.observedRegions![0]!;
    expect(r).toMatchObject({ start: 0x8000000n, last: 0x80fffffn, type: 'sw-msi' });
    expect(r.inferred).toMatch(/SW_MSI/);
    expect(value.notes!.join(' ')).toMatch(/both MSI kinds/);
  });

  it('reads the x86 interrupt range as hardware MSI and keeps other types verbatim', () => {
    const { value } = parsed('0x00000000000a0000 0x00000000000bffff direct\n0x00000000fee00000 0x00000000feefffff msi\n');
    const rs = value.devices[0]!.observedRegions!;
    expect(rs.map((r) => r.type)).toEqual(['direct', 'msi']);
    expect(rs[1]!.inferred).toMatch(/x86/);
    expect(rs[0]!.inferred).toBeUndefined();
  });

  it('keeps overlapping lines of different types (§5.2b)', () => {
    const { value } = parsed(`0x0000000008000000 0x00000000080fffff reserved\n${SW_MSI_LINE}\n`);
    expect(value.devices[0]!.observedRegions!.map((r) => r.type)).toEqual(['reserved', 'sw-msi']);
  });

  it('splits `grep .` output into groups by path', () => {
    const text = [
      `/sys/kernel/iommu_groups/0/reserved_regions:${SW_MSI_LINE}`,
      `/sys/kernel/iommu_groups/1/reserved_regions:${SW_MSI_LINE}`,
      '/sys/kernel/iommu_groups/1/reserved_regions:0x0000000040000000 0x0000000040000fff reserved',
    ].join('\n');
    const { value } = parsed(text);
    expect(value.devices.map((d) => [d.group, d.observedRegions!.length])).toEqual([
      ['0', 1],
      ['1', 2],
    ]);
  });

  it('splits `head` output and keeps empty groups (device without IOMMU)', () => {
    const text = [
      '==> /sys/kernel/iommu_groups/3/reserved_regions <==',
      SW_MSI_LINE,
      '',
      '==> /sys/kernel/iommu_groups/4/reserved_regions <==',
      '',
      '==> /sys/kernel/iommu_groups/4/type <==',
      'DMA',
    ].join('\r\n');
    const r = parsed(text);
    expect(r.value.devices.map((d) => [d.group, d.observedRegions!.length])).toEqual([
      ['3', 1],
      ['4', 0],
    ]);
    expect(r.warnings[0]!.message).toMatch(/skipped 1 line/);
  });

  it('guesses hardware MSI for an unknown window and says it is a guess', () => {
    const r = parsed('0x0000000040080000 0x000000004008ffff msi\n').value.devices[0]!.observedRegions![0]!;
    expect(r.type).toBe('msi');
    expect(r.inferred).toMatch(/assumed/);
  });

  it.each([
    ['0x0000000008000000 0x00000000080fffff sw-msi', 1, 39, /region type .* found 'sw-msi'/],
    ['0x0000000008000000 0x00000000080fffff', 1, 38, /region type .* found the end of the line/],
    ['0x00000000080fffff 0x0000000008000000 msi', 1, 20, /at least the start/],
    [`${SW_MSI_LINE}\n0xZZ 0x1 msi`, 2, 1, /start address .* found '0xZZ'/],
    [`${SW_MSI_LINE} extra`, 1, 43, /end of the line after the type, found 'extra'/],
    ['hello world', 1, 1, /reserved_regions line .* found 'hello world'/],
    ['0x10000000000000000 0x1 msi', 1, 1, /start address/],
    ['', 1, 1, /empty file/],
  ])('reports %j at line %i column %i', (text, line, column, message) => {
    const r = parseReservedRegions(text, 'bad.txt');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({ source: 'bad.txt', line, column });
    expect(r.error.message).toMatch(message);
  });
});
