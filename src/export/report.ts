/**
 * The plain-text report of what is on screen: exactly `iova-atlas analyze` for the same scenario
 * (with the user's switches applied) and guest RAM, from the one report writer in src/analysis.
 */
import { textReport } from '../analysis/report.ts';
import { selectAnalysis } from '../store/analysisSlice.ts';
import type { AppState } from '../store/appState.ts';

export function currentReport(s: AppState): string | null {
  const a = selectAnalysis(s);
  return a ? textReport(a) : null;
}

/** The CLI command that prints the same report (for a built-in platform without switched behaviour). */
export function equivalentCommand(s: AppState): string | null {
  if (s.source?.kind !== 'builtin' || Object.keys(s.behaviour).length > 0) return null;
  const ram = s.guestRamSize === null ? '' : ` --guest-ram 0x${s.guestRamSize.toString(16)}`;
  return `iova-atlas analyze ${s.source.id}${ram}`;
}
