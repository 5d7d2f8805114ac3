/**
 * Replays every kernel-produced conformance trace and compares the output byte for byte with the
 * kernel's own (shared/conformance/traces/NAME.expected). The shared folder is found through
 * IOVA_ATLAS_SHARED or next to the repository; a missing or empty folder is a failure, not a skip.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseTrace, replayTrace } from './trace.ts';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const shared = process.env.IOVA_ATLAS_SHARED ?? resolve(repoRoot, '../shared');
const dir = join(shared, 'conformance', 'traces');
const traces = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).sort() : [];

describe('conformance: kernel traces replay byte for byte', () => {
  it('finds the conformance traces', () => {
    expect(traces.length, `no *.json traces in ${dir} (set IOVA_ATLAS_SHARED to the shared folder)`).toBeGreaterThan(0);
  });

  for (const file of traces) {
    it(file, () => {
      const expectedFile = join(dir, file.replace(/\.json$/, '.expected'));
      expect(existsSync(expectedFile), `${expectedFile} is missing`).toBe(true);
      const parsed = parseTrace(readFileSync(join(dir, file), 'utf8'), file);
      if (!parsed.ok) expect.fail(`${file} does not parse: ${parsed.error.message}`);
      expect(parsed.warnings).toEqual([]);
      expect(replayTrace(parsed.value)).toBe(readFileSync(expectedFile, 'utf8'));
    });
  }
});
