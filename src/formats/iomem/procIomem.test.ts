import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseProcIomem } from './procIomem.ts';
import { iomemKind } from './iomemKind.ts';

const FIXTURES = new URL('../../../test/fixtures/', import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, FIXTURES), 'utf8');

describe('parseProcIomem on a real x86 VM dump (test/fixtures/x86-cloud-vm.proc-iomem.txt)', () => {
  const r = parseProcIomem(fixture('x86-cloud-vm.proc-iomem.txt'), 'iomem.txt');
  if (!r.ok) throw new Error(r.error.message);
  const map = r.value.physicalMap;

  it('reads every line, including addresses wider than 32 bits', () => {
    expect(map).toHaveLength(27);
    expect(map.find((p) => p.start === 0x100000000n)).toMatchObject({ last: 0x63fffffffn, name: 'System RAM', kind: 'ram' });
    expect(map.find((p) => p.start === 0x4000000000n && p.parent === undefined)).toMatchObject({
      last: 0x7fffffffffn,
      name: 'PCI Bus 0000:00',
      kind: 'pcie-mmio',
    });
  });

  it('nests by indentation, two levels deep under Reserved', () => {
    const ecam = map.find((p) => p.name === 'PCI ECAM 0000 [bus 00-00]')!;
    expect(ecam).toMatchObject({ start: 0xeec00000n, last: 0xeecfffffn, kind: 'pcie-ecam', parent: 'Reserved' });
    const inner = map.filter((p) => p.name === 'PCI Bus 0000:00' && p.parent === 'PCI ECAM 0000 [bus 00-00]');
    expect(inner).toHaveLength(1);
    expect(map.find((p) => p.name === 'Kernel code')).toMatchObject({ parent: 'System RAM', start: 0x1000000n, last: 0x2209987n });
    expect(map.filter((p) => p.name === 'virtio-pci-modern').every((p) => /^0000:00:0\d\.0$/.test(p.parent!))).toBe(true);
  });

  it('names the kinds it guessed in the notes', () => {
    expect(r.value.notes!.join(' ')).toMatch(/guessed from its name/);
  });
});

describe('parseProcIomem errors', () => {
  it('refuses the all-zero dump an unprivileged reader gets and asks for a root dump', () => {
    const r = parseProcIomem(fixture('x86-cloud-vm.proc-iomem-nonroot.txt'), 'user.txt');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({ source: 'user.txt', line: 1, column: 1 });
    expect(r.error.message).toMatch(/only to root .*sudo cat \/proc\/iomem/);
  });

  it.each([
    ['00000000-00000fff : Reserved\nhello', 2, 1, /resource line .* found 'hello'/],
    ['0000000g-00000fff : Reserved', 1, 1, /hex start address .* found '0000000g'/],
    ['00001000-00000fff : Reserved', 1, 10, /at least the start/],
    ['00000000-100000000000000000 : x', 1, 10, /hex end address/],
    ['  \n', 1, 1, /empty file/],
  ])('reports %j at line %i column %i', (text, line, column, message) => {
    const r = parseProcIomem(text, 'bad');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({ line, column });
    expect(r.error.message).toMatch(message);
  });

  it('warns, at the line, when a resource is indented more than one level deeper than the line before', () => {
    // kernel/resource.c r_show indents by two spaces per level, never skipping one.
    const text = ['00000000-0fffffff : PCI Bus 0000:00', '      00001000-00001fff : deep', '  00002000-00002fff : fine', '    00002000-000020ff : child'].join('\n');
    const r = parseProcIomem(text, 'jump.txt');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.warnings).toEqual([
      { source: 'jump.txt', line: 2, column: 1, message: 'expected at most 2 spaces of indentation (one level below line 1), found 6 spaces; read as a child of the resource above' },
    ]);
    expect(r.value.physicalMap.find((p) => p.name === 'deep')?.parent).toBe('PCI Bus 0000:00');
    const first = parseProcIomem('    00000000-00000fff : Reserved', 'first.txt');
    expect(first.ok && first.warnings.map((w) => w.message)).toEqual(['expected the first resource at the top level (no indentation), found 4 spaces; read as a top-level resource']);
  });

  it('bounds nesting depth', () => {
    const text = Array.from({ length: 70 }, (_, i) => `${' '.repeat(2 * i)}00001000-00001fff : r${i}`).join('\n');
    const r = parseProcIomem(text, 'deep');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ line: 65 });
  });
});

describe('iomemKind', () => {
  it.each([
    ['System RAM', 'ram'],
    ['Kernel bss', 'ram'],
    ['Reserved', 'reserved-memory'],
    ['PCI Bus 0000:00', 'pcie-mmio'],
    ['pcie@10000000', 'pcie-mmio'],
    ['PCI ECAM 0000 [bus 00-ff]', 'pcie-ecam'],
    ['PCI MMCONFIG 0000 [bus 00-ff]', 'pcie-ecam'],
    ['Local APIC', 'msi-doorbell'],
    ['IOAPIC 0', 'interrupt-controller'],
    ['dmar0', 'iommu'],
    ['arm-smmu-v3.0.auto', 'iommu'],
    ['System ROM', 'firmware'],
    ['ACPI Tables', 'firmware'],
    ['9000000.pl011 pl011@9000000', 'mmio'],
  ])('%s → %s', (name, kind) => expect(iomemKind(name)).toBe(kind));
});
