import { describe, expect, it } from 'vitest';
import { baseScenario } from '../analysis/fixtures.ts';
import type { PhysRegion, Scenario } from '../model/scenario.ts';
import { selectAnalysis } from './analysisSlice.ts';
import { createAppStore } from './appStore.ts';
import { selectAxis, selectLanes } from './axisSelectors.ts';
import { selectPreparedMap } from './mapPrepSlice.ts';

/** A physical map of `n` 4 KiB MMIO frames 64 KiB apart: several slices of preparation work. */
function manyRegions(n: number, name: string): Scenario {
  const physicalMap: PhysRegion[] = [];
  for (let i = 0; i < n; i++) {
    const start = 0x1_0000_0000n + BigInt(i) * 0x10000n;
    physicalMap.push({ name: `${name}${i}`, kind: 'mmio', start, last: start + 0xfffn });
  }
  return baseScenario({ id: name, name, physicalMap });
}

/** A store whose later slices wait in a queue the test runs, each slice doing one step of work. */
function steppedStore() {
  const queue: (() => void)[] = [];
  const store = createAppStore({ later: (run) => queue.push(run), sliceMs: -1 });
  const runAll = (): number => {
    let tasks = 0;
    while (queue.length) {
      queue.shift()!();
      tasks += 1;
    }
    return tasks;
  };
  return { store, queue, runAll };
}

const upload = (name: string) => ({ kind: 'upload', name }) as const;

describe('map preparation', () => {
  it('prepares a small scenario in the same update, with the default budget', () => {
    const store = createAppStore();
    store.getState().setScenario(upload('small.txt'), manyRegions(10, 'small'));
    expect(selectPreparedMap(store.getState())).not.toBeNull();
    expect(selectLanes(store.getState())[0]!.items).toHaveLength(10);
    expect(store.getState().preparing).toBeNull();
  });

  it('spreads a big scenario over later tasks, saying so, then commits it whole', () => {
    const { store, queue, runAll } = steppedStore();
    store.getState().setScenario(upload('big.txt'), manyRegions(30_000, 'big'));
    expect(store.getState().preparing).toEqual({ regions: 30_000 });
    expect(selectLanes(store.getState())).toEqual([]);
    expect(queue).toHaveLength(1);
    expect(runAll()).toBeGreaterThan(3);
    const s = store.getState();
    expect(s.preparing).toBeNull();
    const phys = selectLanes(s).find((l) => l.id === 'phys')!;
    expect(phys.items).toHaveLength(30_000);
    // The compressed axis is cut at every edge of every lane's items (the frames and the guest
    // lane's RAM, none shared): n distinct cuts inside (0, 2^64) make n + 1 pieces.
    const edges = new Set(selectLanes(s).flatMap((l) => l.items.flatMap((it) => [it.start, it.last + 1n])));
    expect(edges.size).toBeGreaterThanOrEqual(60_000);
    expect(selectAxis(s).segmentCount).toBe(edges.size + 1);
  });

  it('drops a preparation overtaken by a newer scenario', () => {
    const { store, runAll, queue } = steppedStore();
    store.getState().setScenario(upload('first.txt'), manyRegions(30_000, 'first'));
    const first = selectAnalysis(store.getState());
    queue.shift()!();
    store.getState().setScenario(upload('second.txt'), manyRegions(20_000, 'second'));
    const committed: unknown[] = [];
    store.subscribe((s) => committed.push(s.prepared?.analysis));
    runAll();
    expect(committed).not.toContain(first);
    const phys = selectLanes(store.getState()).find((l) => l.id === 'phys')!;
    expect(phys.items).toHaveLength(20_000);
    expect(phys.items[0]!.name).toBe('second0');
  });

  it('carries a view chosen during preparation over to the real compressed axis', () => {
    const { store, runAll } = steppedStore();
    store.getState().setScenario(upload('big.txt'), manyRegions(30_000, 'big'));
    store.getState().fitRange(0x1_0000_0000n, 0x1_0000_ffffn);
    runAll();
    const s = store.getState();
    expect(s.compressed).toBe(true);
    // The same addresses are in view on the real axis: the first frame's start is at the left edge.
    const axis = selectAxis(s);
    const left = axis.fromAxis(s.view!.start);
    const right = axis.fromAxis(s.view!.start + BigInt(Math.round(s.view!.bytesPerPx * s.width)));
    expect(left <= 0x1_0000_0000n).toBe(true);
    expect(right >= 0x1_0000_ffffn).toBe(true);
    expect(right - left < 0x100000n).toBe(true);
  });
});
