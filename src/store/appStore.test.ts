import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hex16 } from '../engine/u64.ts';
import { scenarioFromJson } from '../model/codec.ts';
import type { Scenario } from '../model/scenario.ts';
import { spanOf, makeScale } from '../view/addressScale.ts';
import { selectAnalysis, selectCandidateResult, selectDevice } from './analysisSlice.ts';
import { createAppStore } from './appStore.ts';
import { selectAxis, selectHomeRange, selectLanes } from './axisSelectors.ts';
import { currentView } from './viewSlice.ts';
import { selectActivePolicyEntry, selectConflictOverlays, selectWindowEntries } from './windowSelectors.ts';

function platform(id: string): Scenario {
  const r = scenarioFromJson(readFileSync(new URL(`../../public/platforms/${id}.json`, import.meta.url), 'utf8'), `${id}.json`);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

function storeWith(id: string) {
  const store = createAppStore();
  store.getState().setScenario({ kind: 'builtin', id, version: 1 }, platform(id));
  return store;
}

const MiB = 0x100000n;

describe('scenario and analysis', () => {
  it('derives the analysis once and keeps it while unrelated state changes', () => {
    const store = storeWith('qemu-virt');
    const a = selectAnalysis(store.getState());
    expect(a).not.toBeNull();
    store.getState().zoomBy(2);
    store.getState().setPolicy('dynamic');
    expect(selectAnalysis(store.getState())).toBe(a);
    store.getState().setGuestRamSize(4n * 0x40000000n);
    expect(selectAnalysis(store.getState())).not.toBe(a);
  });

  it('shows the mainline SW_MSI window at 0x08000000 for QEMU virt (engine-spec §5.1)', () => {
    const store = storeWith('qemu-virt');
    const w = selectActivePolicyEntry(store.getState())!.result;
    expect(w.window).toEqual({ base: 0x8000000n, size: MiB });
    expect(w.verdict).toBe('ok');
    const resv = selectLanes(store.getState()).find((l) => l.id === 'resv')!;
    expect(resv.items.map((i) => `${hex16(i.start)} ${hex16(i.last)} ${i.cls}`)).toContain('0x0000000008000000 0x00000000080fffff resv-sw-msi');
  });

  it('reports the Juno conflict of the fixed window (engine-spec §5.3)', () => {
    const store = storeWith('juno-r1');
    const w = selectActivePolicyEntry(store.getState())!.result;
    expect(w.verdict).toBe('conflict');
    expect(w.conflicts.some((c) => c.kind === 'outside-inbound-window')).toBe(true);
  });

  it('applies behaviour switches on top of the loaded scenario and resets them on load', () => {
    const store = storeWith('qemu-virt');
    store.getState().setBehaviour({ forcedac: true });
    expect(selectAnalysis(store.getState())!.scenario.behaviour.forcedac).toBe(true);
    store.getState().setScenario({ kind: 'builtin', id: 'juno-r1', version: 1 }, platform('juno-r1'));
    expect(store.getState().behaviour).toEqual({});
  });
});

describe('candidates', () => {
  it('snaps moves to 1 MiB and judges each position', () => {
    const store = storeWith('qemu-virt');
    const { moveCandidate } = store.getState();
    moveCandidate('c1', 0x40012345n);
    const c = store.getState().candidates[0]!;
    expect(c.base).toBe(0x40000000n);
    // QEMU virt guest RAM starts at 0x40000000 (hw/arm/virt.c): the window collides with it.
    expect(selectCandidateResult(store.getState(), 'c1')!.verdict).toBe('conflict');
    expect(selectConflictOverlays(store.getState()).some((o) => o.lane === 'guest')).toBe(true);
    moveCandidate('c1', 0x8000000n);
    expect(selectCandidateResult(store.getState(), 'c1')!.verdict).toBe('ok');
  });

  it('places the active candidate inside a range of valid windows', () => {
    const store = storeWith('juno-r1');
    // Juno's GICv2m does not isolate MSIs: without this switch VFIO refuses every window.
    store.getState().setBehaviour({ allowUnsafeInterrupts: true });
    const valid = selectAnalysis(store.getState())!.validWindows;
    expect(valid.length).toBeGreaterThan(0);
    const r = valid[0]!;
    store.getState().placeActiveCandidate(r.start - 5n * MiB, r);
    const c = store.getState().candidates[0]!;
    expect(c.base >= r.start && c.base + c.size - 1n <= r.last).toBe(true);
    expect(selectCandidateResult(store.getState(), 'c1')!.verdict).toBe('ok');
  });

  it('snaps to a coarser alignment when asked, never finer than the 4 KiB granule', () => {
    const store = storeWith('qemu-virt');
    store.getState().setCandidateAlignment('c1', 0x200000n);
    store.getState().moveCandidate('c1', 0x8300000n);
    expect(store.getState().candidates[0]!.base).toBe(0x8400000n); // nearest 2 MiB multiple
    store.getState().setCandidateAlignment('c1', 0x100n);
    store.getState().moveCandidate('c1', 0x8000880n);
    expect(store.getState().candidates[0]!.base).toBe(0x8001000n); // granule 0x1000 wins over 0x100
  });

  it('adds and removes candidates, keeping an active one', () => {
    const store = storeWith('qemu-virt');
    store.getState().addCandidate(0xa0000000n);
    expect(store.getState().candidates.map((c) => c.id)).toEqual(['c1', 'c2']);
    expect(store.getState().activeCandidate).toBe('c2');
    expect(selectWindowEntries(store.getState()).filter((e) => e.candidate)).toHaveLength(2);
    store.getState().removeCandidate('c2');
    expect(store.getState().activeCandidate).toBe('c1');
  });
});

describe('view', () => {
  it('starts compressed on the whole space and fits the aperture when linear', () => {
    const store = storeWith('qemu-virt');
    const s = store.getState();
    expect(s.compressed).toBe(true);
    expect(spanOf(currentView(s), s.width)).toBe(selectAxis(s).total);
    s.setCompressed(false);
    const home = selectHomeRange(store.getState());
    expect(home.start).toBe(0n);
    // SMMUv3 with a 48-bit input address size: the aperture ends at 2^48 - 1.
    expect(home.last >= 0xffffffffffffn).toBe(true);
  });

  it('keeps the address in the centre when compressed mode is toggled', () => {
    const store = storeWith('qemu-virt');
    store.getState().setCompressed(false);
    store.getState().fitRange(0x40000000n, 0x7fffffffn);
    const before = store.getState();
    const centre = makeScale(currentView(before), before.width, selectAxis(before)).addressAt(before.width / 2);
    store.getState().setCompressed(true);
    const after = store.getState();
    const x = makeScale(currentView(after), after.width, selectAxis(after)).x(centre);
    expect(Math.abs(x - after.width / 2)).toBeLessThan(1);
  });

  it('picks the first device when none is chosen', () => {
    const store = storeWith('qemu-virt');
    expect(selectDevice(store.getState())).toBe('ep0');
  });
});
