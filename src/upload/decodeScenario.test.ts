import { describe, expect, it } from 'vitest';
import { scenarioFromValue, scenarioToJson } from '../model/codec.ts';
import type { PhysRegion } from '../model/scenario.ts';
import { loadBuiltin } from '../platforms/builtins.ts';
import { decodeScenario } from './decodeScenario.ts';
import { PHYSICAL_SLICE } from './protocol.ts';

const loaded = loadBuiltin('qemu-virt');
if (!loaded.ok) throw new Error('qemu-virt must load');
const qemuVirt = loaded.value;

/** n 4 KiB ranges, 8 KiB apart, from 4 GiB up. */
function bigJson(n: number): Record<string, unknown> {
  const physicalMap: PhysRegion[] = Array.from({ length: n }, (_, i) => {
    const start = 0x100000000n + BigInt(i) * 0x2000n;
    return { start, last: start + 0xfffn, name: `Reserved block ${i}`, kind: 'reserved-memory' };
  });
  return scenarioToJson({ ...qemuVirt, physicalMap }) as Record<string, unknown>;
}

const never = new AbortController().signal;

describe('decodeScenario', () => {
  it('gives the same scenario as one codec call, in slices', async () => {
    const n = PHYSICAL_SLICE * 2 + 7;
    const json = bigJson(n);
    const calls: [number, number][] = [];
    const sliced = await decodeScenario(json, 'big.txt', (done, total) => calls.push([done, total]), never);
    expect(sliced).toEqual(scenarioFromValue(json, 'big.txt'));
    expect(calls).toEqual([
      [0, n],
      [PHYSICAL_SLICE, n],
      [2 * PHYSICAL_SLICE, n],
      [n, n],
    ]);
    if (sliced !== 'cancelled' && sliced.ok) expect(sliced.value.physicalMap[n - 1]?.start).toBe(0x100000000n + BigInt(n - 1) * 0x2000n);
  });

  it('reports a bad range with the index in the whole list', async () => {
    const json = bigJson(PHYSICAL_SLICE + 10);
    const phys = json.physicalMap as Record<string, unknown>[];
    phys[PHYSICAL_SLICE + 3] = { ...phys[PHYSICAL_SLICE + 3], start: 'zero' };
    const out = await decodeScenario(json, 'big.txt', () => undefined, never);
    expect(out).toEqual(scenarioFromValue(json, 'big.txt'));
    expect(out !== 'cancelled' && !out.ok && out.error.message).toContain(String(PHYSICAL_SLICE + 3));
  });

  it('stops between slices when cancelled', async () => {
    const controller = new AbortController();
    const out = await decodeScenario(bigJson(PHYSICAL_SLICE * 3), 'big.txt', (done) => done > 0 && controller.abort(), controller.signal);
    expect(out).toBe('cancelled');
  });

  it('decodes a small scenario in one call', async () => {
    const json = scenarioToJson(qemuVirt);
    let calls = 0;
    expect(await decodeScenario(json, 'qemu-virt.json', () => calls++, never)).toEqual(scenarioFromValue(json, 'qemu-virt.json'));
    expect(calls).toBe(0);
  });
});
