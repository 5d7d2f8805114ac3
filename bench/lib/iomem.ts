/**
 * A synthetic /proc/iomem of any size in the kernel's r_show format ("%0*llx-%0*llx : %s",
 * two spaces per nesting level): a large server's map, RAM and firmware ranges below 4 GiB, then
 * PCI host bridges above 4 GiB, each with devices and their BARs three levels deep.
 */
const hex = (n: bigint) => n.toString(16).padStart(8, '0');

export function bigIomem(bytes: number): string {
  const lines: string[] = [
    '00000000-00000fff : Reserved',
    '00001000-0009fbff : System RAM',
    '000a0000-000bffff : PCI Bus 0000:00',
    '000f0000-000fffff : System ROM',
    '00100000-bffdffff : System RAM',
    '  01000000-01ffffff : Kernel code',
    '  02000000-0260ffff : Kernel rodata',
    '  02800000-02b3ffff : Kernel data',
    'fec00000-fec003ff : IOAPIC 0',
    'fee00000-fee00fff : Local APIC',
    'fffc0000-ffffffff : Reserved',
  ];
  let size = lines.reduce((n, l) => n + l.length + 1, 0);
  const push = (l: string) => {
    lines.push(l);
    size += l.length + 1;
  };
  let base = 0x1_0000_0000n;
  for (let bus = 0; size < bytes; bus++) {
    const busSize = 0x1_0000_0000n;
    push(`${hex(base)}-${hex(base + busSize - 1n)} : PCI Bus ${(bus >> 8).toString(16).padStart(4, '0')}:${(bus & 0xff).toString(16).padStart(2, '0')}`);
    for (let dev = 0; dev < 32 && size < bytes; dev++) {
      const devBase = base + BigInt(dev) * 0x800_0000n;
      const bdf = `${(bus & 0xff).toString(16).padStart(2, '0')}:${dev.toString(16).padStart(2, '0')}.0`;
      push(`  ${hex(devBase)}-${hex(devBase + 0x7ff_ffffn)} : PCI Bus ${bdf}`);
      for (let bar = 0; bar < 4; bar++) {
        const barBase = devBase + BigInt(bar) * 0x100_0000n;
        push(`    ${hex(barBase)}-${hex(barBase + 0xff_ffffn)} : 0000:${bdf}`);
        push(`      ${hex(barBase)}-${hex(barBase + 0x3fffn)} : nvme`);
      }
    }
    base += busSize;
  }
  return lines.join('\n') + '\n';
}
