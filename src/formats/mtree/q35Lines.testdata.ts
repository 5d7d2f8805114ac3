/**
 * The system memory of an x86 q35 guest as `info mtree` prints it, shared by the mtree tests: the
 * PC layout of QEMU's docs/devel/memory.rst (RAM at prio 0 over the pci container at prio -1, the
 * SMRAM alias at prio 1 over the RAM). Region names from hw/i386/pc.c (ram-below-4g, pc.bios) and
 * q35.c (smram-region).
 */
export const Q35_SYSTEM_LINES: readonly string[] = [
  'address-space: memory',
  '  0000000000000000-ffffffffffffffff (prio 0, i/o): system',
  '    0000000000000000-000000007fffffff (prio 0, ram): alias ram-below-4g @pc.ram 0000000000000000-000000007fffffff',
  '    0000000000000000-ffffffffffffffff (prio -1, i/o): pci',
  '      00000000000a0000-00000000000bffff (prio 1, i/o): vga-lowmem',
  '      00000000fffc0000-00000000ffffffff (prio 0, rom): pc.bios',
  '    00000000000a0000-00000000000bffff (prio 1, i/o): alias smram-region @pci 00000000000a0000-00000000000bffff',
];
