import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { dtOverlap } from '../analysis/fixtures.ts';
import { scenarioToJsonText } from '../model/codec.ts';
import { main } from './main.ts';
import { parseAnalyzeArgs } from './analyzeArgs.ts';

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'iova-atlas-analyze-'));
/** The shared folder: IOVA_ATLAS_SHARED or next to the repository (as the conformance tests find it). */
const shared = process.env.IOVA_ATLAS_SHARED ?? resolve(fileURLToPath(new URL('../../', import.meta.url)), '../shared');

describe('iova-atlas analyze', () => {
  it('reports a built-in platform as text', async () => {
    const r = await run('analyze', 'qemu-virt');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('0x0000000008000000 0x00000000080fffff msi');
    expect(r.stderr).toBe('');
  });

  it('--format json --policy series-v4 --guest-ram 3G: only that policy, RAM resized', async () => {
    const r = await run('analyze', 'qemu-virt', '--format=json', '--policy', 'series-v4', '--guest-ram', '3G');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.platform).toBe('qemu-virt');
    expect(json.policies.map((p: { policy: string }) => p.policy)).toEqual(['series-v4']);
    // 3 GiB at 0x40000000 ends at 0xffffffff: 0x08000000 still clear (§5.1).
    expect(json.policies[0].verdict).toBe('ok');
  });

  it('reads a scenario file; several targets give one report each', async () => {
    const file = join(dir, 'dt.json');
    writeFileSync(file, scenarioToJsonText(dtOverlap('endpoint', 0x80000000n)));
    const r = await run('analyze', file, 'juno-r1', '--format', 'json');
    expect(r.code).toBe(0);
    const [a, b] = JSON.parse(r.stdout);
    expect(b.platform).toBe('test-dt-overlap-endpoint');
    expect(a.platform).toBe('juno-r1');
    // §5.2: > 1.5 GiB of guest RAM covers 0xa0000000 under the series.
    expect(b.policies.find((p: { policy: string }) => p.policy === 'series-v4').conflicts[0].kind).toBe('guest-ram');
  });

  it('reads other formats through the loader: a real QEMU dtb (virt, iommu=smmuv3)', async () => {
    const r = await run('analyze', join(shared, 'samples', 'qemu-virt-gicv2-smmuv3-3g.dtb'), '--format', 'json');
    expect(r.code).toBe(0);
    // engine-spec §5.1: a PCI device behind QEMU's SMMUv3 shows exactly the SW_MSI window.
    expect(JSON.parse(r.stdout).groups[0].reservedRegions).toEqual(['0x0000000008000000 0x00000000080fffff msi']);
  });

  it('unknown target: one clear message, exit 2', async () => {
    const r = await run('analyze', 'no-such-platform');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('no-such-platform: unknown target');
  });

  it('invalid scenario: located message, exit 2', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, '{\n  "schema": "iova-atlas/scenario@1",\n  "id": 7,\n  "name": "x"\n}\n');
    const r = await run('analyze', file);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^iova-atlas analyze: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:9: id: expected a string.*\n$`));
  });

  it('bad usage: exit 2', async () => {
    expect((await run('analyze')).code).toBe(2);
    expect((await run('analyze', 'qemu-virt', '--policy', 'bogus')).stderr).toContain('unknown policy "bogus"');
    expect((await run('analyze', 'qemu-virt', '--guest-ram', 'lots')).code).toBe(2);
    expect((await run('analyze', 'qemu-virt', '--frobnicate')).stderr).toContain('unknown option --frobnicate');
  });
});

describe('iova-atlas analyze --msi-window (the VMM\'s IOMMU_OPTION_SW_MSI_START/SIZE, proposed)', () => {
  type Policy = { policy: string; device: string; window: { base: string; size: string } | null; verdict: string; conflicts: { kind: string; consequence: string }[] };
  async function userspace(target: string, window: string): Promise<Policy[]> {
    const r = await run('analyze', target, '--policy', 'userspace', '--msi-window', window, '--format', 'json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    return JSON.parse(r.stdout).policies;
  }

  it('a window over a reserved region of the device: -EADDRINUSE (engine-spec §3d, §5.2 endpoint reservation)', async () => {
    // dt-faulty-msi-iova: ep-b's own DT node reserves [0x08000000, 0x080fffff]; ep-a's reservation
    // sits on the host bridge, which mainline does not report for it.
    const [a, b] = await userspace('dt-faulty-msi-iova', '0x8000000');
    expect(b).toMatchObject({ device: 'ep-b', window: { base: '0x8000000', size: '0x100000' }, verdict: 'conflict' });
    expect(b!.conflicts.map((c) => c.kind)).toEqual(['reserved-region']);
    expect(b!.conflicts[0]!.consequence).toContain('-EADDRINUSE');
    expect(a).toMatchObject({ device: 'ep-a', verdict: 'conflict' });
    expect(a!.conflicts.map((c) => c.kind)).toEqual(['unreported-reservation']);
  });

  it('a free window is evaluated as given and is ok (0xa0000000 in qemu-virt: clear of PCIe MEM and 1 GiB of RAM at 0x40000000)', async () => {
    const [p] = await userspace('qemu-virt', '0xa0000000,1M');
    expect(p).toEqual({ policy: 'userspace', device: 'ep0', window: { base: '0xa0000000', size: '0x100000' }, conflicts: [], verdict: 'ok' });
    const text = await run('analyze', 'qemu-virt', '--msi-window', '2560M');
    expect(text.stdout).toContain('window given by the VMM');
    expect(text.stdout).toMatch(/\n {4}\[0x00000000a0000000-0x00000000a00fffff\] OK\n/);
  });

  it('a misaligned window is refused as the proposal says: 1 MiB alignment, else -EINVAL', async () => {
    const [p] = await userspace('qemu-virt', '0x8080000');
    expect(p!.window).toEqual({ base: '0x8080000', size: '0x100000' });
    expect(p!.verdict).toBe('conflict');
    expect(p!.conflicts.map((c) => c.kind)).toContain('uapi-validation');
    expect(p!.conflicts.find((c) => c.kind === 'uapi-validation')!.consequence).toContain('-EINVAL: start 0x8080000 is not 1 MiB aligned');
    // IOMMU_OPTION_SW_MSI_SIZE counts MiB: 1.5 MiB cannot be asked for.
    const [q] = await userspace('qemu-virt', '0xa0000000,0x180000');
    expect(q!.conflicts.map((c) => c.kind)).toEqual(['uapi-validation']);
    // start + size past 2^64: -EOVERFLOW.
    const [o] = await userspace('qemu-virt', '0xfffffffffff00000,2M');
    expect(o!.conflicts.find((c) => c.kind === 'uapi-validation')!.consequence).toContain('-EOVERFLOW');
  });

  it('bad values and a policy that would ignore the window: exit 2', async () => {
    for (const [args, message] of [
      [['--msi-window', 'here'], 'cannot read "here" as a base address'],
      [['--msi-window', '0x8000000,lots'], 'cannot read "lots" as a size'],
      [['--msi-window', '0x8000000,0'], 'leave SIZE out'],
      [['--msi-window', '1,2,3'], 'expected BASE[,SIZE]'],
      [['--msi-window', '0x8000000', '--policy', 'mainline'], '--policy mainline would not use it'],
    ] as const) {
      const r = await run('analyze', 'qemu-virt', ...args);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(message);
    }
  });
});

describe('analyze arguments', () => {
  it('parses sizes and defaults', () => {
    const r = parseAnalyzeArgs(['juno-r1', '--guest-ram', '1536M']);
    expect(r).toEqual({ ok: true, value: { targets: ['juno-r1'], policies: ['mainline', 'series-v4', 'dynamic', 'userspace'], guestRamSize: 0x60000000n, format: 'text' } });
  });

  it('--msi-window BASE[,SIZE]: sizes like 1M or hex; SIZE defaults to MSI_IOVA_LENGTH (1 MiB)', () => {
    const r = parseAnalyzeArgs(['qemu-virt', '--msi-window=2560M']);
    expect(r.ok && r.value.msiWindow).toEqual({ base: 0xa0000000n, size: 0x100000n });
    const s = parseAnalyzeArgs(['qemu-virt', '--msi-window', '0x7f00000,2M']);
    expect(s.ok && s.value.msiWindow).toEqual({ base: 0x7f00000n, size: 0x200000n });
  });

  it('takes everything after -- as targets', () => {
    const r = parseAnalyzeArgs(['--', '--weird-file-name']);
    expect(r.ok && r.value.targets).toEqual(['--weird-file-name']);
  });
});

describe('iova-atlas platforms', () => {
  it('lists the fixed ids', async () => {
    const r = await run('platforms');
    expect(r.code).toBe(0);
    for (const id of ['qemu-virt', 'juno-r0', 'juno-r1', 'juno-r2']) expect(r.stdout).toMatch(new RegExp(`^${id} `, 'm'));
  });

  it('rejects arguments', async () => {
    expect((await run('platforms', 'x')).code).toBe(2);
  });
});
