/**
 * `iova-atlas analyze FILE...` takes every upload format the app takes, alone and combined, and
 * reports bad input with its location (the CLI side of the uploads issue).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from './main.ts';

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

async function json(...files: string[]) {
  const r = await run('analyze', ...files, '--format', 'json');
  expect(r.stderr).not.toMatch(/iova-atlas analyze: (?!warning)/);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}

const repo = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const DTB = repo('test/fixtures/qemu-virt-gicv2-smmuv3-3g.dtb');
const DTS = repo('test/fixtures/qemu-virt-gicv2-smmuv3-3g.dts');
const MTREE = repo('test/fixtures/qemu-virt-gicv2-smmuv3-3g.info-mtree.txt');
const IOMEM = repo('test/fixtures/x86-cloud-vm.proc-iomem.txt');
const IOMEM_NONROOT = repo('test/fixtures/x86-cloud-vm.proc-iomem-nonroot.txt');
const RESV = repo('e2e/fixtures/qemu-virt-smmuv3.reserved_regions.txt');
const JUNO = repo('public/platforms/juno-r1.json');
/** engine-spec §5.1: what a PCI device behind an SMMUv3 lists, MSI_IOVA_BASE 0x08000000, 1 MiB. */
const SW_MSI = '0x0000000008000000 0x00000000080fffff msi';

describe('iova-atlas analyze FILE... in every upload format', () => {
  it.each([
    ['device tree blob', DTB],
    ['device tree source', DTS],
  ])('%s: the representative endpoint gets the SW_MSI window', async (_format, file) => {
    const report = await json(file);
    expect(report.platform).toBe(`upload:${file}`);
    expect(report.groups[0].reservedRegions).toEqual([SW_MSI]);
  });

  it('reserved_regions dump: the group lists what the dump says', async () => {
    const report = await json(RESV);
    expect(report.groups.map((g: { reservedRegions: string[] }) => g.reservedRegions)).toEqual([[readFileSync(RESV, 'utf8').trim().split(':')[1]]]);
  });

  it('/proc/iomem: the ranges as dumped (the fixture\'s second line is System RAM 00001000-0009fbff)', async () => {
    const report = await json(IOMEM);
    expect(report.regions).toContainEqual({ name: 'System RAM', kind: 'ram', start: '0x1000', last: '0x9fbff' });
  });

  it('QEMU info mtree: the guest RAM of the -m 3G machine', async () => {
    const r = await run('analyze', MTREE);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/mach-virt\.ram +\[0x0000000040000000-0x00000000ffffffff\] 3 GiB/);
  });

  it('scenario JSON', async () => {
    expect((await json(JUNO)).platform).toBe('juno-r1');
  });
});

describe('iova-atlas analyze says what the parsers read, modelled and assumed (issue 5)', () => {
  const flat = (text: string) => text.replace(/\s+/g, ' ');

  it.each([
    ['device tree source', DTS],
    ['device tree blob', DTB],
  ])('%s: the representative endpoint and the mainline behaviour, in text and JSON', async (_format, file) => {
    // QEMU's virt DT has one pcie@10000000 whose iommu-map routes to the SMMUv3 and no endpoint nodes.
    const endpoint = 'A device tree has no nodes for ordinary PCI endpoints: 1 representative endpoint(s) were modelled';
    const behaviour = 'Kernel behaviour: DT reservations on a host bridge do not reach its PCI endpoints (mainline: they have no DT node)';
    const text = await run('analyze', file);
    expect(text.code).toBe(0);
    expect(flat(text.stdout)).toContain(endpoint);
    // Said once, as the behaviour in effect (the parser does not know it, so it does not say it).
    expect(flat(text.stdout).split(behaviour)).toHaveLength(2);
    const report = await json(file);
    expect(report.notes.some((n: string) => n.startsWith(endpoint))).toBe(true);
    expect(report.assumptions.some((n: string) => n.startsWith(behaviour))).toBe(true);
  });

  it('reserved_regions dump: the msi line read as SW_MSI (0x08000000, 1 MiB is MSI_IOVA_BASE), per region in JSON', async () => {
    const report = await json(RESV);
    expect(report.inferredRegions).toEqual([
      { device: 'iommu-group-0', start: '0x8000000', last: '0x80fffff', type: 'sw-msi', inferred: expect.stringContaining('MSI_IOVA_BASE') },
    ]);
    const text = await run('analyze', RESV);
    expect(flat(text.stdout)).toContain('sysfs prints both MSI kinds as "msi"; 1 line(s) read as SW_MSI: 1 MiB at 0x08000000');
  });

  it('reserved_regions dump of an x86 group: 0xfee00000-0xfeefffff read as hardware MSI', async () => {
    // IOAPIC_RANGE_START..END, what intel_iommu_get_resv_regions reports as IOMMU_RESV_MSI.
    const file = join(mkdtempSync(join(tmpdir(), 'iova-atlas-notes-')), 'x86.reserved_regions');
    writeFileSync(file, '/sys/kernel/iommu_groups/7/reserved_regions:0x00000000fee00000 0x00000000feefffff msi\n');
    const report = await json(file);
    expect(report.inferredRegions).toEqual([
      { device: 'iommu-group-7', start: '0xfee00000', last: '0xfeefffff', type: 'msi', inferred: expect.stringContaining('hardware MSI') },
    ]);
    expect(report.notes.join(' ')).toContain('1 line(s) read as hardware MSI');
  });
});

describe('iova-atlas analyze with several files', () => {
  it('a DTB and a reserved_regions dump make one report', async () => {
    const report = await json(DTB, RESV);
    expect(Array.isArray(report)).toBe(false);
    expect(report.platform).toBe(`upload:${DTB}+${RESV}`);
    // The dump's group is the real PCI device behind the blob's only SMMU: it replaces the DT's
    // representative endpoint, and the report says so.
    expect(report.groups.map((g: { devices: string[]; reservedRegions: string[] }) => [g.devices, g.reservedRegions])).toEqual([[['iommu-group-0'], [SW_MSI]]]);
    expect(report.notes.join(' ')).toMatch(/representative endpoint\(s\) of the device tree dropped/);
  });

  it('a DTB and info mtree: the SMMU from the blob, the guest RAM from QEMU', async () => {
    const r = await run('analyze', DTB, MTREE, '--policy', 'mainline');
    expect(r.code).toBe(0);
    expect(r.stdout.match(/MSI-window analysis/g)).toHaveLength(1);
    expect(r.stdout).toMatch(/mach-virt\.ram +\[0x0000000040000000-0x00000000ffffffff\] 3 GiB/);
    expect(r.stdout).toContain(SW_MSI);
  });

  it('a built-in id is reported on its own, the files together', async () => {
    const reports = await json('juno-r1', DTB, RESV);
    expect(reports.map((x: { platform: string }) => x.platform)).toEqual(['juno-r1', `upload:${DTB}+${RESV}`]);
  });
});

describe('iova-atlas analyze with bad files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'iova-atlas-formats-'));

  it('an unprivileged /proc/iomem: located message, exit 2', async () => {
    const r = await run('analyze', IOMEM_NONROOT);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${IOMEM_NONROOT}:1:1: `);
    expect(r.stdout).toBe('');
  });

  it('one truncated blob among good files fails the whole run with its byte offset', async () => {
    const truncated = join(dir, 'truncated.dtb');
    writeFileSync(truncated, readFileSync(DTB).subarray(0, 100));
    const r = await run('analyze', RESV, truncated);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`${truncated.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: byte \\d+: expected`));
    expect(r.stdout).toBe('');
  });
});
