import { describe, expect, it } from 'vitest';
import { loadBuiltin } from '../platforms/builtins.ts';
import type { Scenario } from '../model/scenario.ts';
import { createAppStore } from './appStore.ts';
import { selectOpenUpload } from './uploadSlice.ts';

function builtin(id: string): Scenario {
  const r = loadBuiltin(id);
  if (!r.ok) throw new Error(`${id} must load`);
  return r.value;
}

const reading = { phase: 'reading', file: 'a.dtb', index: 0, total: 1, bytesDone: 0, bytesTotal: 10 } as const;
const error = { source: 'bad.dts', line: 3, column: 7, message: "expected '=' or ';', found '{'" };

function storeWithBuiltin() {
  const store = createAppStore();
  store.getState().setScenario({ kind: 'builtin', id: 'juno-r1', version: 1 }, builtin('juno-r1'));
  return store;
}

describe('upload slice', () => {
  it('opens a finished upload and lists it for the picker', () => {
    const store = storeWithBuiltin();
    const s = store.getState();
    s.beginUpload('a.dtb', reading);
    s.finishUpload({ name: 'a.dtb', scenario: builtin('qemu-virt'), reads: [] });
    const after = store.getState();
    expect(after.source).toEqual({ kind: 'upload', name: 'a.dtb' });
    expect(after.scenario?.id).toBe('qemu-virt');
    expect(after.uploadJob).toEqual({ state: 'idle' });
    expect(selectOpenUpload(after)?.name).toBe('a.dtb');
  });

  it('a failed upload leaves the open scenario in place', () => {
    const store = storeWithBuiltin();
    const before = store.getState().scenario;
    store.getState().beginUpload('bad.dts', reading);
    store.getState().failUpload(error);
    const after = store.getState();
    expect(after.scenario).toBe(before);
    expect(after.source).toEqual({ kind: 'builtin', id: 'juno-r1', version: 1 });
    expect(after.uploadJob).toEqual({ state: 'failed', name: 'bad.dts', error });
  });

  it('opens a partial result only on request, labelled partial', () => {
    const store = storeWithBuiltin();
    store.getState().beginUpload('bad.dts', reading);
    store.getState().failUpload(error, builtin('qemu-virt'));
    expect(store.getState().scenario?.id).toBe('juno-r1');
    store.getState().openPartialUpload();
    const after = store.getState();
    expect(after.source).toEqual({ kind: 'upload', name: 'bad.dts (partial)' });
    expect(after.scenario?.name).toMatch(/\(partial\)$/);
    expect(selectOpenUpload(after)?.partial).toEqual(error);
  });

  it('a second upload of the same name replaces the first; earlier uploads can be reopened', () => {
    const store = storeWithBuiltin();
    const s = store.getState();
    s.finishUpload({ name: 'a.dtb', scenario: builtin('juno-r0'), reads: [] });
    s.finishUpload({ name: 'b.txt', scenario: builtin('juno-r2'), reads: [] });
    s.finishUpload({ name: 'a.dtb', scenario: builtin('qemu-virt'), reads: [] });
    expect(store.getState().uploads.map((u) => u.name)).toEqual(['b.txt', 'a.dtb']);
    store.getState().openUpload('b.txt');
    expect(store.getState().scenario?.id).toBe('juno-r2');
    store.getState().openUpload('a.dtb');
    expect(store.getState().scenario?.id).toBe('qemu-virt');
  });

  it('progress updates only a busy job', () => {
    const store = storeWithBuiltin();
    store.getState().setUploadProgress(reading);
    expect(store.getState().uploadJob).toEqual({ state: 'idle' });
    store.getState().beginUpload('a.dtb', reading);
    store.getState().setUploadProgress({ phase: 'decoding', done: 0, total: 0 });
    expect(store.getState().uploadJob).toEqual({ state: 'busy', name: 'a.dtb', progress: { phase: 'decoding', done: 0, total: 0 } });
    store.getState().cancelledUpload();
    expect(store.getState().uploadJob).toEqual({ state: 'cancelled', name: 'a.dtb' });
  });
});
