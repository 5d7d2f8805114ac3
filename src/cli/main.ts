/**
 * `iova-atlas` command line: a small dispatcher over COMMANDS. To add a command, write a module
 * exporting a Command (see command.ts) and add it to the table below — one line.
 */
import { EXIT_USAGE, type CliIo, type Command } from './command.ts';
import { analyzeCommand } from './analyze.ts';
import { platformsCommand } from './platforms.ts';
import { replayCommand } from './replay.ts';

export type { CliIo, Command };

const COMMANDS: readonly Command[] = [
  analyzeCommand,
  platformsCommand,
  replayCommand,
];

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'Usage: iova-atlas COMMAND [ARGS...]',
    '',
    'IOVA Atlas: Linux IOMMU address spaces (reserved regions, dma-iommu IOVA',
    'domains, VFIO and iommufd ranges, the Arm SMMU SW_MSI window), computed with',
    'the kernel\'s own rules.',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    `  ${'help'.padEnd(width)}  Show this text, or one command's full help (help COMMAND)`,
    '',
    'Run `iova-atlas help COMMAND` or `iova-atlas COMMAND --help` for details.',
    '',
  ].join('\n');
}

const find = (name: string | undefined) => COMMANDS.find((c) => c.name === name);

/** Runs the CLI with the arguments after the program name; resolves to the exit status. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.stderr(overview());
    return EXIT_USAGE;
  }
  if (first === '--help' || first === '-h' || (first === 'help' && rest.length === 0)) {
    io.stdout(overview());
    return 0;
  }
  if (first === 'help') {
    const cmd = find(rest[0]);
    if (!cmd) {
      io.stderr(`iova-atlas: no command "${rest[0]}"; commands: ${COMMANDS.map((c) => c.name).join(', ')}\n`);
      return EXIT_USAGE;
    }
    io.stdout(cmd.help);
    return 0;
  }
  const cmd = find(first);
  if (!cmd) {
    io.stderr(`iova-atlas: unknown command "${first}"; run \`iova-atlas --help\` for the list\n`);
    return EXIT_USAGE;
  }
  const end = rest.indexOf('--');
  const options = end < 0 ? rest : rest.slice(0, end);
  if (options.includes('--help') || options.includes('-h')) {
    io.stdout(cmd.help);
    return 0;
  }
  return cmd.run(rest, io);
}
