import { describe, expect, it } from 'vitest';
import { main } from './main.ts';

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const status = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { status, stdout, stderr };
}

describe('main (command dispatcher)', () => {
  it('lists every command in --help and help', async () => {
    for (const argv of [['--help'], ['-h'], ['help']]) {
      const r = await run(...argv);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/^Usage: iova-atlas COMMAND/);
      expect(r.stdout).toMatch(/\n {2}replay +Replay iova-trace\/1 files/);
    }
  });

  it('shows one command\'s help with `help CMD` and `CMD --help`', async () => {
    const a = await run('help', 'replay');
    const b = await run('replay', '--help');
    expect(a.status).toBe(0);
    expect(a.stdout).toMatch(/^Usage: iova-atlas replay FILE\.\.\./);
    expect(b.stdout).toBe(a.stdout);
  });

  it('every help text is ASCII within 80 columns', async () => {
    const texts = [(await run('--help')).stdout];
    for (const name of ['analyze', 'platforms', 'replay']) texts.push((await run('help', name)).stdout);
    for (const text of texts) {
      expect(text.length).toBeGreaterThan(0);
      for (const line of text.split('\n')) {
        expect(line.length, line).toBeLessThanOrEqual(80);
        expect(line).toMatch(/^[\x20-\x7e]*$/);
      }
    }
  });

  it('analyze help documents --msi-window and the checks the kernel would make', async () => {
    const help = (await run('help', 'analyze')).stdout.replace(/\s+/g, ' ');
    expect(help).toContain('--msi-window BASE[,SIZE]');
    for (const errno of ['-EINVAL', '-EOVERFLOW', '-EADDRINUSE']) expect(help).toContain(errno);
  });

  it('reports usage errors with exit status 2', async () => {
    expect((await run()).status).toBe(2);
    expect(await run('frobnicate')).toMatchObject({ status: 2, stderr: expect.stringContaining('unknown command "frobnicate"') });
    expect(await run('help', 'frobnicate')).toMatchObject({ status: 2, stderr: expect.stringContaining('no command "frobnicate"') });
    expect(await run('replay')).toMatchObject({ status: 2, stderr: expect.stringContaining('no FILE given') });
    expect(await run('replay', '--frob', 'x.json')).toMatchObject({ status: 2, stderr: expect.stringContaining('unknown option --frob') });
  });
});
