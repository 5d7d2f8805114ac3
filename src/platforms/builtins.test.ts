import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBuiltin, readBuiltinIndex } from './builtins.ts';

describe('loadBuiltin', () => {
  it('loads a fixed-id platform through the scenario codec', () => {
    const r = loadBuiltin('juno-r1');
    expect(r.ok && r.value.id).toBe('juno-r1');
  });

  it('names the known ids when the id is unknown', () => {
    const r = loadBuiltin('no-such-board');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/unknown built-in platform "no-such-board" \(known: .*qemu-virt/);
  });

  it('reports a missing index or file as a located error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'platforms-'));
    expect(readBuiltinIndex(dir).ok).toBe(false);
    writeFileSync(join(dir, 'index.json'), JSON.stringify({ platforms: [{ id: 'x', name: 'X', file: 'x.json', version: 1, summary: 's' }] }));
    const r = loadBuiltin('x', dir);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.source).toBe('x.json');
  });
});
