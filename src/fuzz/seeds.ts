/**
 * Real inputs the mutations start from: the repository's parser fixtures (QEMU and dtc output,
 * a real /proc/iomem) and the built-in platform files. Read from the repository, never from
 * /work/shared, so the fuzzer runs on a clean clone.
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface Seed {
  readonly name: string;
  readonly bytes: Uint8Array;
}

const ROOT = new URL('../../', import.meta.url);
const FIXTURES = new URL('test/fixtures/', ROOT);
const PLATFORMS = new URL('public/platforms/', ROOT);

function filesIn(dir: URL, pattern: RegExp): Seed[] {
  return readdirSync(dir)
    .filter((f) => pattern.test(f))
    .sort()
    .map((name) => ({ name, bytes: new Uint8Array(readFileSync(new URL(name, dir))) }));
}

export const fixtureSeeds = (pattern: RegExp): Seed[] => filesIn(FIXTURES, pattern);
export const platformSeeds = (): Seed[] => filesIn(PLATFORMS, /^(?!index\.json$).*\.json$/);

const encoder = new TextEncoder();

/**
 * sysfs reserved_regions has no fixture file: these are the kernel's "0x%016llx 0x%016llx %s"
 * lines for the cases engine-spec §1.4 and §5 work through (SW_MSI on Arm, the x86 interrupt range
 * and RMRR, a DT reservation), in the three shapes users paste: one file, `grep .`, and `head`.
 */
export const sysfsSeeds = (): Seed[] =>
  [
    ['one-file.txt', '0x0000000008000000 0x00000000080fffff msi\n'],
    ['x86.txt', '0x00000000000a0000 0x00000000000bffff direct\n0x00000000fee00000 0x00000000feefffff msi\n'],
    [
      'grep.txt',
      '/sys/kernel/iommu_groups/0/reserved_regions:0x0000000008000000 0x00000000080fffff msi\n' +
        '/sys/kernel/iommu_groups/1/reserved_regions:0x0000000040000000 0x0000000040000fff reserved\n',
    ],
    [
      'head.txt',
      '==> /sys/kernel/iommu_groups/3/reserved_regions <==\n0x0000000008000000 0x00000000080fffff msi\n\n' +
        '==> /sys/kernel/iommu_groups/4/reserved_regions <==\n\n' +
        '==> /sys/kernel/iommu_groups/5/reserved_regions <==\n0x0000000090000000 0x00000000900fffff direct-relaxable\n',
    ],
  ].map(([name, text]) => ({ name: name!, bytes: encoder.encode(text) }));
