/**
 * The shape of one CLI command. main.ts dispatches over a table of these; each command lives in its
 * own module and writes only through `io` (so tests can run it without a process).
 */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

export interface Command {
  /** The word after `iova-atlas`. */
  readonly name: string;
  /** One line for the command list of `iova-atlas --help`. */
  readonly summary: string;
  /** Full text of `iova-atlas help NAME`: usage line, description, options, exit status. */
  readonly help: string;
  /** Runs with the arguments after the command name; resolves to the exit status. */
  run(args: readonly string[], io: CliIo): Promise<number>;
}

/** Exit status for bad usage or bad input (what the replay and analyze commands return). */
export const EXIT_USAGE = 2;
