/**
 * Runs the real `iova-atlas` bin (node bin/iova-atlas.mjs) on conformance traces and on a broken
 * one. Expected outputs are the kernel-produced .expected files.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const traces = join(process.env.IOVA_ATLAS_SHARED ?? resolve(repoRoot, '../shared'), 'conformance', 'traces');

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [join(repoRoot, 'bin', 'iova-atlas.mjs'), ...args], { cwd: repoRoot, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const expected = (name: string) => readFileSync(join(traces, `${name}.expected`), 'utf8');

describe('iova-atlas replay (real bin)', () => {
  it('has the conformance traces to work on', () => {
    expect(existsSync(join(traces, 'qemu-virt-smmuv3.json')), `missing ${traces}`).toBe(true);
  });

  it('prints exactly one file\'s output', () => {
    const r = cli('replay', join(traces, 'qemu-virt-smmuv3.json'));
    expect(r).toEqual({ status: 0, stdout: expected('qemu-virt-smmuv3'), stderr: '' });
  });

  it('prints head-style headers for several files', () => {
    const a = join(traces, 'resv-start-zero.json');
    const b = join(traces, 'vfio-sw-msi-none.json');
    const r = cli('replay', a, b);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`==> ${a} <==\n${expected('resv-start-zero')}\n==> ${b} <==\n${expected('vfio-sw-msi-none')}`);
  });

  it('names the file and the bad op on stderr, exits 2, and still runs the other files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'iova-atlas-'));
    const broken = join(dir, 'broken.json');
    writeFileSync(
      broken,
      JSON.stringify({ format: 'iova-trace/1', name: 'broken', ops: [{ op: 'resv_show' }, { op: 'resv_add', start: '0x1000', length: 'lots', type: 'reserved' }] }),
    );
    const good = join(traces, 'vfio-sw-msi-none.json');
    const r = cli('replay', broken, good, join(dir, 'missing.json'));
    expect(r.status).toBe(2);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(new RegExp(`^iova-atlas replay: ${broken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:1:\\d+: op 1 \\(resv_add\\): "length" must be a "0x\\.\\.\\." hex string`));
    // The engine's message says "0x…"; the CLI spells it in ASCII.
    expect(r.stderr).toMatch(/^[\x20-\x7e\n]*$/);
    expect(lines[1]).toContain('missing.json: cannot read');
    expect(r.stdout).toBe(`==> ${good} <==\n${expected('vfio-sw-msi-none')}`);
  });

  it('prints the output up to an op the kernel would not survive, names the op on stderr and exits 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'iova-atlas-'));
    const oops = join(dir, 'oops.json');
    const alloc = { op: 'iova_alloc', size: '0x1', limit_pfn: '0x100', size_aligned: true };
    writeFileSync(oops, JSON.stringify({ format: 'iova-trace/1', name: 'oops', ops: [{ op: 'iova_init', granule: '0x1000', start_pfn: '0x1' }, { op: 'iova_reserve', pfn_lo: '0x100', pfn_hi: '0x100' }, { op: 'iova_free', pfn: '0x100' }, { op: 'resv_add', start: '0x100000', length: '0x0', type: 'reserved' }, { op: 'dma_reserve_resv' }, alloc, alloc, { op: 'iova_show' }] }));
    const r = cli('replay', oops);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('reserve 0x100 0x100\nfree 0x100 0x100\nalloc 0x100 0x100\n');
    expect(r.stderr).toMatch(/^iova-atlas replay: .*oops\.json: op 6 \(iova_alloc\): the kernel's own code fails here: alloc_iova: .*__rb_insert dereference NULL \(an oops\)\n$/);
  });

  it('stops quietly when the reader closes the pipe early (`| head -1`): no stack, status 141 as for SIGPIPE', async () => {
    // 300 files' output (about 140 KB) is more than a pipe holds (64 KiB on Linux), so the CLI is
    // still writing when the reader goes away.
    const files = readdirSync(traces).filter((f) => f.endsWith('.json')).map((f) => join(traces, f));
    const child = spawn(process.execPath, [join(repoRoot, 'bin', 'iova-atlas.mjs'), 'replay', ...files, ...files, ...files, ...files, ...files], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t));
    const first = await new Promise<string>((done) => child.stdout.once('data', (chunk: Buffer) => done(chunk.toString('utf8'))));
    child.stdout.destroy();
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((done) => child.on('close', (c, s) => done([c, s])));
    expect(first.startsWith(`==> ${files[0]} <==\n`)).toBe(true);
    expect({ code, signal, stderr }).toEqual({ code: 141, signal: null, stderr: '' });
  }, 30_000);

  it('reports invalid JSON with the file name and position', () => {
    const dir = mkdtempSync(join(tmpdir(), 'iova-atlas-'));
    const file = join(dir, 'bad.json');
    writeFileSync(file, '{"format": "iova-trace/1",\n "ops": [}');
    const r = cli('replay', file);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/bad\.json:2:10: invalid JSON/);
  });
});
