import { describe, expect, it } from 'vitest';
import { createAppStore } from '../store/appStore.ts';
import type { Scenario } from '../model/scenario.ts';
import { baseScenario } from '../analysis/fixtures.ts';
import { bindHistory } from './storeHistory.ts';

function scenario(id: string): Scenario {
  return baseScenario({ id, name: id });
}

function setup() {
  const store = createAppStore();
  store.getState().setScenario({ kind: 'builtin', id: 'a', version: 1 }, scenario('a'));
  const history = bindHistory(store);
  return { store, history, s: () => store.getState() };
}

describe('undo/redo bound to the store', () => {
  it('round-trips policy, switches, guest RAM and candidate edits', () => {
    const { history, s } = setup();
    s().setPolicy('dynamic');
    s().setBehaviour({ forcedac: true });
    s().setGuestRamSize(0x80000000n);
    s().addCandidate(0xa0000000n);
    s().removeCandidate('c1');
    expect(s().candidates.map((c) => c.id)).toEqual(['c2']);
    for (let i = 0; i < 5; i++) history.undo();
    expect(s().policy).toBe('mainline');
    expect(s().behaviour).toEqual({});
    expect(s().guestRamSize).toBeNull();
    expect(s().candidates.map((c) => [c.id, c.base])).toEqual([['c1', 0x8000000n]]);
    expect(history.status.getState()).toEqual({ canUndo: false, canRedo: true });
    for (let i = 0; i < 5; i++) history.redo();
    expect(s().policy).toBe('dynamic');
    expect(s().behaviour).toEqual({ forcedac: true });
    expect(s().guestRamSize).toBe(0x80000000n);
    expect(s().candidates.map((c) => [c.id, c.base])).toEqual([['c2', 0xa0000000n]]);
  });

  it('undoes and redoes the choice of device', () => {
    const { history, s } = setup();
    s().setDevice('pci0');
    s().setDevice('pci1');
    history.undo();
    expect(s().device).toBe('pci0');
    history.undo();
    expect(s().device).toBeNull();
    history.redo();
    expect(s().device).toBe('pci0');
  });

  it('a whole drag gesture is one undo step', () => {
    const { history, s } = setup();
    s().setDragging('c1');
    for (const mib of [200n, 300n, 400n, 512n]) s().moveCandidate('c1', mib << 20n);
    s().setDragging(null);
    expect(s().candidates[0]!.base).toBe(512n << 20n);
    history.undo();
    expect(s().candidates[0]!.base).toBe(0x8000000n);
    history.redo();
    expect(s().candidates[0]!.base).toBe(512n << 20n);
  });

  it('view, selection and choosing the active candidate are not edits', () => {
    const { history, s } = setup();
    s().select({ lane: 'resv', key: 'x' });
    s().setCompressed(false);
    s().setActiveCandidate('c1');
    expect(history.status.getState().canUndo).toBe(false);
  });

  it('undoes a platform change back to the previous scenario', () => {
    const { history, s } = setup();
    const before = s().scenario;
    s().setBehaviour({ allowUnsafeInterrupts: true });
    s().setScenario({ kind: 'builtin', id: 'b', version: 1 }, scenario('b'));
    history.undo();
    expect(s().scenario).toBe(before);
    expect(s().source).toEqual({ kind: 'builtin', id: 'a', version: 1 });
    expect(s().behaviour).toEqual({ allowUnsafeInterrupts: true });
  });

  it('an async multi-step change recorded as a gesture is one step', async () => {
    const { history, s } = setup();
    await history.gesture('link', async () => {
      s().setScenario({ kind: 'builtin', id: 'b', version: 1 }, scenario('b'));
      await Promise.resolve();
      s().setPolicy('userspace');
    });
    history.undo();
    expect(s().scenario?.id).toBe('a');
    expect(s().policy).toBe('mainline');
  });
});
