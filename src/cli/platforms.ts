/**
 * `iova-atlas platforms`: the built-in platforms (public/platforms/index.json), one per entry with
 * its id (the TARGET for `iova-atlas analyze`), version, name and summary.
 */
import { wrap } from '../analysis/textLayout.ts';
import { formatLocatedError } from '../model/located.ts';
import { readBuiltinIndex } from '../platforms/builtins.ts';
import { EXIT_USAGE, type CliIo, type Command } from './command.ts';

const HELP = `Usage: iova-atlas platforms

List the built-in platforms: id (use it as TARGET of \`iova-atlas analyze\`),
version of its facts, name and a one-line summary.

Exit status: 0, or 2 for bad usage or an unreadable platform index.
`;

async function run(args: readonly string[], io: CliIo): Promise<number> {
  if (args.length > 0) {
    io.stderr(`iova-atlas platforms: unexpected argument ${args[0]}; usage: iova-atlas platforms\n`);
    return EXIT_USAGE;
  }
  const index = readBuiltinIndex();
  if (!index.ok) {
    io.stderr(`iova-atlas platforms: ${formatLocatedError(index.error)}\n`);
    return EXIT_USAGE;
  }
  const width = Math.max(...index.value.map((e) => e.id.length));
  const lines = index.value.flatMap((e) => {
    const head = `${e.id.padEnd(width)}  v${e.version}  `;
    return [...wrap(e.name, head, ' '.repeat(head.length)), ...wrap(e.summary, ' '.repeat(head.length))];
  });
  io.stdout(lines.join('\n') + '\n');
  return 0;
}

export const platformsCommand: Command = {
  name: 'platforms',
  summary: 'List the built-in platforms (ids for `iova-atlas analyze`)',
  help: HELP,
  run,
};
