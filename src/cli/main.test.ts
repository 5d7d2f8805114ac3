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

  it('reports usage errors with exit status 2', async () => {
    expect((await run()).status).toBe(2);
    expect(await run('frobnicate')).toMatchObject({ status: 2, stderr: expect.stringContaining('unknown command "frobnicate"') });
    expect(await run('help', 'frobnicate')).toMatchObject({ status: 2, stderr: expect.stringContaining('no command "frobnicate"') });
    expect(await run('replay')).toMatchObject({ status: 2, stderr: expect.stringContaining('no FILE given') });
    expect(await run('replay', '--frob', 'x.json')).toMatchObject({ status: 2, stderr: expect.stringContaining('unknown option --frob') });
  });
});
