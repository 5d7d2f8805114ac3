/**
 * The mail-ready text layout: exact sizes, names never cut, ASCII spelling of the notes'
 * typography. Expected sizes are worked out from the byte counts, not taken from the code.
 */
import { describe, expect, it } from 'vitest';
import { ascii, asciiPunctuation, exactSize, labelledRows, WIDTH } from './textLayout.ts';

describe('exactSize', () => {
  it('whole binary units print without a decimal', () => {
    expect(exactSize(0x100000n)).toBe('1 MiB');
    expect(exactSize(0x80000000n)).toBe('2 GiB');
    expect(exactSize(1n << 48n)).toBe('256 TiB');
    expect(exactSize(512n)).toBe('512 B');
    expect(exactSize(0n)).toBe('0 B');
  });

  it('halves and quarters are exact, so they keep the larger unit', () => {
    expect(exactSize(1536n << 20n)).toBe('1.5 GiB');
    expect(exactSize(1280n << 20n)).toBe('1.25 GiB');
  });

  it('an inexact fraction falls back to the unit in which the size is exact, never "2.0 GiB"', () => {
    // x86 valid window [0x80000000, 0xfedfffff]: 0xfee00000 - 0x80000000 = 0x7ee00000 = 2030 MiB.
    expect(exactSize(0x7ee00000n)).toBe('2030 MiB');
    // [0x80000000, 0xffffffffffff]: 2^48 - 2^31 = 256 TiB - 2 GiB = 262142 GiB.
    expect(exactSize((1n << 48n) - (1n << 31n))).toBe('262142 GiB');
    // QEMU virt's PCIe MMIO window 0x2eff0000 = 12031 x 64 KiB = 769984 KiB.
    expect(exactSize(0x2eff0000n)).toBe('769984 KiB');
    expect(exactSize(0xffffffffffffffffn)).toBe('18446744073709551615 B');
  });
});

describe('labelledRows', () => {
  const range = '[0x0000000040000000-0x000000007fffffff] 1 GiB';

  it('aligns short labels in one column', () => {
    expect(labelledRows([{ label: 'guest RAM', text: range }, { label: 'virt.flash0', text: range }], '  ')).toEqual([
      `  guest RAM   ${range}`,
      `  virt.flash0 ${range}`,
    ]);
  });

  it('keeps a QEMU-style name whole when it fits beside the range', () => {
    const [line] = labelledRows([{ label: 'guest RAM (mach-virt.ram)', text: range }], '  ');
    expect(line).toBe(`  guest RAM (mach-virt.ram) ${range}`);
  });

  it('puts a name too long for the column on its own lines and the range below it', () => {
    const name = 'guest RAM (a very long memory region name from QEMU info mtree, pc.ram)';
    const lines = labelledRows([{ label: 'ram', text: range }, { label: name, text: range }], '  ');
    expect(lines[0]).toBe(`  ram ${range}`);
    expect(lines.slice(1, -1).join(' ').replace(/\s+/g, ' ').trim()).toBe(name);
    expect(lines[lines.length - 1]).toBe(`      ${range}`);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(WIDTH);
  });
});

describe('ASCII spelling', () => {
  it('spells the typography of parser notes and shared messages in ASCII', () => {
    // Texts as src/formats and src/model write them (a DT note, sysfs note, codec message).
    expect(ascii('mainline v6.17 — DT reservations')).toBe('mainline v6.17 - DT reservations');
    expect(ascii('a group’s merged regions')).toBe("a group's merged regions");
    expect(ascii('expected a "0x…" hex string')).toBe('expected a "0x..." hex string');
    expect(ascii('engine-spec §5.3, A → B')).toBe('engine-spec section 5.3, A -> B');
    expect(ascii('Déjà vu\tok')).toBe('Deja vu ok');
    expect(ascii('名前')).toBe('??');
  });

  it('punctuation only for messages: other characters (file names) stay as they are', () => {
    expect(asciiPunctuation('/tmp/données/名前.dtb: expected "0x…"')).toBe('/tmp/données/名前.dtb: expected "0x..."');
  });
});
