import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioFromJson } from '../model/codec.ts';
import { createAppStore } from '../store/appStore.ts';
import { decodeLink, encodeLink } from './linkCodec.ts';
import { linkStateOf } from './linkFromStore.ts';
import { MAX_CANDIDATES, MAX_TEXT } from './linkLimits.ts';

function qemuVirtStore() {
  const r = scenarioFromJson(readFileSync(new URL('../../public/platforms/qemu-virt.json', import.meta.url), 'utf8'), 'qemu-virt.json');
  if (!r.ok) throw new Error(r.error.message);
  const store = createAppStore();
  store.getState().setScenario({ kind: 'builtin', id: 'qemu-virt', version: 1 }, r.value);
  return store;
}

/** The store's state through a link and back, as a fresh browser would open it. */
async function roundTrip(store: ReturnType<typeof qemuVirtStore>) {
  const link = linkStateOf(store.getState())!;
  return decodeLink((await encodeLink(link)).hash);
}

describe('every state the store can hold makes a link that opens', () => {
  it('keeps a selection of ordinary length', async () => {
    const store = qemuVirtStore();
    store.getState().select({ lane: 'phys', key: 'phys:0x8000000-0x80fffff:GIC' });
    const back = await roundTrip(store);
    expect(back.ok && back.value.selection).toEqual({ lane: 'phys', key: 'phys:0x8000000-0x80fffff:GIC' });
  });

  it('leaves out a selection keyed by a name longer than a link carries, instead of a damaged link', async () => {
    const store = qemuVirtStore();
    store.getState().select({ lane: 'phys', key: `phys:0x0-0xfff:${'n'.repeat(MAX_TEXT)}` });
    const back = await roundTrip(store);
    expect(back.ok).toBe(true);
    expect(back.ok && back.value.selection).toBeNull();
  });

  it('adds no more candidates than a link carries', async () => {
    const store = qemuVirtStore();
    for (let i = 0; i < MAX_CANDIDATES + 6; i++) store.getState().addCandidate();
    expect(store.getState().candidates).toHaveLength(MAX_CANDIDATES);
    const back = await roundTrip(store);
    expect(back.ok && back.value.candidates.length).toBe(MAX_CANDIDATES);
  });
});
