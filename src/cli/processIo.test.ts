/**
 * The process side of the CLI with a stand-in process: what a closed or failing stdout does, and
 * ASCII on stderr. The real pipe closed by `head` is tested on the real bin in replay.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { EXIT_CLOSED_PIPE, processIo } from './processIo.ts';

function fakeProcess() {
  const written = { stdout: '', stderr: '' };
  const onError: Partial<Record<'stdout' | 'stderr', (err: NodeJS.ErrnoException) => void>> = {};
  const exits: number[] = [];
  const stream = (name: 'stdout' | 'stderr') => ({
    write: (text: string) => (written[name] += text),
    on: (_event: 'error', listener: (err: NodeJS.ErrnoException) => void) => (onError[name] = listener),
  });
  const proc = {
    stdout: stream('stdout'),
    stderr: stream('stderr'),
    exit: ((code: number) => exits.push(code)) as (code: number) => never,
  };
  const fail = (name: 'stdout' | 'stderr', code: string) => onError[name]!(Object.assign(new Error(`write ${code}`), { code }));
  return { proc, written, exits, fail };
}

describe('processIo', () => {
  it('a closed stdout (EPIPE) ends the run with 128 + SIGPIPE, silently, and nothing more is written', () => {
    const { proc, written, exits, fail } = fakeProcess();
    const io = processIo(proc);
    io.stdout('first line\n');
    fail('stdout', 'EPIPE');
    io.stdout('second line\n');
    io.stderr('late message\n');
    expect(EXIT_CLOSED_PIPE).toBe(141);
    expect(exits).toEqual([141]);
    expect(written).toEqual({ stdout: 'first line\n', stderr: '' });
  });

  it('any other write error: one line on stderr and status 1, no stack', () => {
    const { proc, written, exits, fail } = fakeProcess();
    processIo(proc);
    fail('stdout', 'ENOSPC');
    expect(exits).toEqual([1]);
    expect(written.stderr).toBe('iova-atlas: cannot write the output: write ENOSPC\n');
  });

  it('stderr in ASCII: "0x…" from a shared message becomes "0x...", file names stay as given', () => {
    const { proc, written } = fakeProcess();
    processIo(proc).stderr('iova-atlas analyze: /tmp/données.json:1:2: expected a "0x…" hex string\n');
    expect(written.stderr).toBe('iova-atlas analyze: /tmp/données.json:1:2: expected a "0x..." hex string\n');
  });
});
