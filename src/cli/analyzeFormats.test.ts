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

describe('iova-atlas analyze with several files', () => {
  it('a DTB and a reserved_regions dump make one report', async () => {
    const report = await json(DTB, RESV);
    expect(Array.isArray(report)).toBe(false);
    expect(report.platform).toBe(`upload:${DTB}+${RESV}`);
    expect(report.groups.length).toBe(2);
    for (const g of report.groups) expect(g.reservedRegions).toEqual([SW_MSI]);
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
