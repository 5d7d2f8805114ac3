import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { scenarioFromJson } from '../model/codec.ts';
import type { Scenario } from '../model/scenario.ts';
import { createAppStore } from './appStore.ts';
import { loadInitialPlatform, loadPlatform } from './platformLoader.ts';

const PUBLIC = new URL('../../public/platforms/', import.meta.url);

/** fetch answered from public/platforms, each reply held back until the test releases it. */
function heldFetch() {
  const pending: { name: string; release: () => void }[] = [];
  const fetch = (url: string | URL | Request) =>
    new Promise<Response>((resolve) => {
      const name = String(url).replace(/^.*\/platforms\//, '');
      pending.push({ name, release: () => resolve(new Response(readFileSync(new URL(name, PUBLIC), 'utf8'))) });
    });
  /** Answer the oldest request for `name` and let the loader run to its next await. */
  const release = async (name: string): Promise<void> => {
    const i = pending.findIndex((p) => p.name === name);
    if (i < 0) throw new Error(`no request for ${name}`);
    pending.splice(i, 1)[0]!.release();
    await new Promise((r) => setTimeout(r, 0));
  };
  const waitFor = async (name: string): Promise<void> => {
    while (!pending.some((p) => p.name === name)) await new Promise((r) => setTimeout(r, 0));
  };
  return { fetch, release, waitFor };
}

/** A dropped file's scenario (any scenario other than the default platform's will do). */
const uploaded: Scenario = (() => {
  const text = readFileSync(new URL('juno-r1.json', PUBLIC), 'utf8');
  const r = scenarioFromJson(text, 'juno-r1.json');
  if (!r.ok) throw new Error(r.error.message);
  return { ...r.value, name: 'board.dtb' };
})();

afterEach(() => vi.unstubAllGlobals());

describe('platform loads overtaken by the user', () => {
  it('a file dropped while the first platform loads stays open when the platform arrives', async () => {
    const net = heldFetch();
    vi.stubGlobal('fetch', net.fetch);
    const store = createAppStore();
    const startup = loadInitialPlatform(store);
    await net.release('index.json');
    await net.waitFor('qemu-virt.json');
    store.getState().finishUpload({ name: 'board.dtb', scenario: uploaded, reads: [] });
    await net.release('qemu-virt.json');
    await startup;
    expect(store.getState().source).toEqual({ kind: 'upload', name: 'board.dtb' });
    expect(store.getState().scenario).toBe(uploaded);
    expect(store.getState().loadStatus.state).toBe('ready');
  });

  it('a file dropped while the platform list loads keeps the default platform from opening at all', async () => {
    const net = heldFetch();
    vi.stubGlobal('fetch', net.fetch);
    const store = createAppStore();
    const startup = loadInitialPlatform(store);
    store.getState().finishUpload({ name: 'board.dtb', scenario: uploaded, reads: [] });
    await net.release('index.json');
    await startup;
    expect(store.getState().source).toEqual({ kind: 'upload', name: 'board.dtb' });
    expect(store.getState().platforms.map((p) => p.id)).toContain('qemu-virt');
  });

  it('without an upload, the default platform opens; of two platform requests the later wins', async () => {
    const net = heldFetch();
    vi.stubGlobal('fetch', net.fetch);
    const store = createAppStore();
    const startup = loadInitialPlatform(store);
    await net.release('index.json');
    await net.waitFor('qemu-virt.json');
    const juno = loadPlatform(store, 'juno-r2');
    await net.waitFor('juno-r2.json');
    await net.release('juno-r2.json');
    await net.release('qemu-virt.json');
    await Promise.all([startup, juno]);
    expect(store.getState().source).toEqual({ kind: 'builtin', id: 'juno-r2', version: expect.any(Number) });
  });

  it('a platform picked after an upload still opens', async () => {
    const net = heldFetch();
    vi.stubGlobal('fetch', net.fetch);
    const store = createAppStore();
    const startup = loadInitialPlatform(store);
    await net.release('index.json');
    await net.release('qemu-virt.json');
    await startup;
    store.getState().finishUpload({ name: 'board.dtb', scenario: uploaded, reads: [] });
    const pick = loadPlatform(store, 'juno-r1');
    await net.release('juno-r1.json');
    await pick;
    expect(store.getState().source).toMatchObject({ kind: 'builtin', id: 'juno-r1' });
  });
});
