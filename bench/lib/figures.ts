/**
 * The figures that have a goal, for the one table `npm run bench` prints at the end (bench/run.mjs):
 * each benchmark prints its own detailed output and, for each goal, one tagged line that the runner
 * takes out of the stream and gathers. Run alone, a benchmark shows the tagged lines as they are.
 */
export const FIGURE_TAG = '@@bench-figure ';

export interface Figure {
  readonly name: string;
  /** The figure as printed, with its unit. */
  readonly value: string;
  readonly goal: string;
  readonly met: boolean;
}

export function goalFigure(figure: Figure): void {
  process.stdout.write(`${FIGURE_TAG}${JSON.stringify(figure)}\n`);
}
