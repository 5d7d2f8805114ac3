/**
 * Saved inputs that once broke a parser, kept as regression tests: files named
 * `<target>--<what it shows>.bin` in src/fuzz/regressions/. Those in regressions/known/ still fail
 * and wait for a fix in their parser; the default test run leaves them out, `npm run fuzz --
 * --known` runs them.
 */
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const REGRESSIONS_DIR = fileURLToPath(new URL('./regressions/', import.meta.url));
export const KNOWN_DIR = fileURLToPath(new URL('./regressions/known/', import.meta.url));

/** Files per target id, in name order (none when the folder is absent: git keeps no empty known/). */
export function regressionFiles(dir: string): Map<string, string[]> {
  const byTarget = new Map<string, string[]>();
  if (!existsSync(dir)) return byTarget;
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.bin')).sort()) {
    const target = f.slice(0, f.indexOf('--'));
    byTarget.set(target, [...(byTarget.get(target) ?? []), dir + f]);
  }
  return byTarget;
}
