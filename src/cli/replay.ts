/**
 * `iova-atlas replay FILE...`: replays iova-trace/1 files on the engine and prints exactly what the
 * kernel's functions print (the format of shared/conformance/traces/*.expected).
 */
import { readFile } from 'node:fs/promises';
import { formatLocatedError } from '../model/located.ts';
import { parseTrace, replayTrace } from '../engine/trace.ts';
import { TraceOops } from '../engine/traceReplay.ts';
import { EXIT_USAGE, type CliIo, type Command } from './command.ts';

/** A trace the kernel's code would not survive: its output up to that op was printed. */
const EXIT_OOPS = 1;

const HELP = `Usage: iova-atlas replay FILE...

Replay iova-trace/1 files (the format of shared/conformance/traces) on IOVA
Atlas's engine and print what the Linux kernel's own functions print for them:
reserved-region listings in the sysfs reserved_regions format,
alloc/reserve/free results of the IOVA allocator, dma-iommu reservations and
VFIO type1 iova ranges. The output of a kernel-produced trace equals its
.expected file byte for byte.

With one FILE the output is exactly that file's output. With several, each
output is preceded by a "==> FILE <==" header, with a blank line between them
(as head(1) does).

A file that cannot be read, is not JSON, or is not a valid iova-trace/1 gets one
line on stderr naming the file, the position and, for a bad operation, its
index and what is wrong; the other files still run. A trace the kernel's own
code would not survive (an oops or a lockup, e.g. after a zero-length reserved
region) prints its output up to that op, then one stderr line naming the op and
why.

Exit status: 0 if every file replayed, 1 if the kernel would fail on a trace,
2 if any file could not be read or was invalid (or no FILE was given); 141 (as
for SIGPIPE) when the reader of the output closes it early, e.g.
\`iova-atlas replay FILE | head -1\`.
`;

type Replayed = { ok: true; text: string; warnings: string[]; oops?: string } | { ok: false; error: string };

/** Read and replay one file; the output text (and the oops that ended it), or the one-line error. */
async function replayFile(file: string): Promise<Replayed> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    return { ok: false, error: `${file}: cannot read: ${e instanceof Error ? e.message : String(e)}` };
  }
  const parsed = parseTrace(text.replace(/^\uFEFF/, ''), file);
  if (!parsed.ok) return { ok: false, error: formatLocatedError(parsed.error) };
  const warnings = parsed.warnings.map(formatLocatedError);
  try {
    return { ok: true, text: replayTrace(parsed.value), warnings };
  } catch (e) {
    if (!(e instanceof TraceOops)) throw e;
    return { ok: true, text: e.printed, warnings, oops: `${file}: ${e.message}` };
  }
}

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const end = args.indexOf('--');
  const options = (end < 0 ? args : args.slice(0, end)).filter((a) => a.startsWith('-') && a !== '-');
  if (options.length > 0) {
    io.stderr(`iova-atlas replay: unknown option ${options[0]}; usage: iova-atlas replay FILE...\n`);
    return EXIT_USAGE;
  }
  const files = end < 0 ? args : [...args.slice(0, end), ...args.slice(end + 1)];
  if (files.length === 0) {
    io.stderr('iova-atlas replay: no FILE given; usage: iova-atlas replay FILE...\n');
    return EXIT_USAGE;
  }
  let status = 0;
  let headers = 0;
  for (const file of files) {
    const result = await replayFile(file);
    if (!result.ok) {
      io.stderr(`iova-atlas replay: ${result.error}\n`);
      status = EXIT_USAGE;
      continue;
    }
    for (const w of result.warnings) io.stderr(`iova-atlas replay: warning: ${w}\n`);
    if (files.length > 1) io.stdout(`${headers++ > 0 ? '\n' : ''}==> ${file} <==\n`);
    io.stdout(result.text);
    if (result.oops !== undefined) {
      io.stderr(`iova-atlas replay: ${result.oops}\n`);
      status = Math.max(status, EXIT_OOPS);
    }
  }
  return status;
}

export const replayCommand: Command = {
  name: 'replay',
  summary: 'Replay iova-trace/1 files and print what the kernel prints for them',
  help: HELP,
  run,
};
