/**
 * The real process's CliIo for bin/iova-atlas.mjs. Two things a terminal user expects:
 * - `iova-atlas replay ... | head -1`: when the reader closes the pipe, the CLI stops quietly with
 *   the status a shell reports for coreutils killed by SIGPIPE (128 + 13), not with a stack. Node
 *   ignores SIGPIPE, so the closed pipe arrives as an EPIPE 'error' event on the stream instead.
 * - Messages on stderr are ASCII: typographic punctuation from shared texts ("0x…") is spelled
 *   out; file names are quoted as they are.
 */
import { asciiPunctuation } from '../analysis/textLayout.ts';
import type { CliIo } from './command.ts';

/** What a shell reports for a process killed by SIGPIPE (signal 13). */
export const EXIT_CLOSED_PIPE = 128 + 13;
/** Any other failure to write the output. */
const EXIT_WRITE_ERROR = 1;

interface Stream {
  write(text: string): unknown;
  on(event: 'error', listener: (err: NodeJS.ErrnoException) => void): unknown;
}

interface Process {
  readonly stdout: Stream;
  readonly stderr: Stream;
  exit(code: number): never;
}

export function processIo(proc: Process = process): CliIo {
  let stopped = false;
  const stop = (code: number) => {
    stopped = true;
    proc.exit(code);
  };
  proc.stdout.on('error', (err) => {
    if (err.code === 'EPIPE') return stop(EXIT_CLOSED_PIPE);
    proc.stderr.write(`iova-atlas: cannot write the output: ${err.message}\n`);
    stop(EXIT_WRITE_ERROR);
  });
  // Nowhere left to complain to: end as the closed pipe would.
  proc.stderr.on('error', () => stop(EXIT_CLOSED_PIPE));
  return {
    stdout: (text) => {
      if (!stopped) proc.stdout.write(text);
    },
    stderr: (text) => {
      if (!stopped) proc.stderr.write(asciiPunctuation(text));
    },
  };
}
