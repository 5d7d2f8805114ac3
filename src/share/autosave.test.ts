import { describe, expect, it } from 'vitest';
import { AUTOSAVE_KEY, autosaveText, readAutosave, startAutosave } from './autosave.ts';
import type { LinkState } from './linkState.ts';
import { FakePage, MemoryStorage } from './testEnv.ts';
import { createAppStore } from '../store/appStore.ts';
import { baseScenario } from '../analysis/fixtures.ts';

const STATE: LinkState = {
  scenario: { kind: 'builtin', id: 'qemu-virt', version: 1 },
  policy: 'mainline',
  device: null,
  behaviour: {},
  guestRamSize: null,
  candidates: [{ id: 'c1', base: 0x8000000n, size: 0x100000n, alignment: 0x100000n }],
  activeCandidate: 'c1',
  view: { start: 0x0n, last: 0xffffffffn },
  selection: null,
  compressed: true,
};

const UPLOAD = baseScenario({ id: 'upload:board.dtb', name: 'board' });

function stored(text: string): MemoryStorage {
  const m = new MemoryStorage();
  m.setItem(AUTOSAVE_KEY, text);
  return m;
}

describe('readAutosave', () => {
  it('is null when nothing was saved or storage is off', () => {
    expect(readAutosave(new MemoryStorage())).toBeNull();
    const blocked = { getItem: () => { throw new Error('SecurityError'); }, setItem: () => undefined };
    expect(readAutosave(blocked)).toBeNull();
  });

  it('reads back what was saved', () => {
    expect(readAutosave(stored(autosaveText(STATE)))).toEqual({ ok: true, value: STATE, warnings: [] });
  });

  it('reports, never throws, on corrupt saves', () => {
    const messageOf = (text: string): string => {
      const r = readAutosave(stored(text));
      if (!r || r.ok) throw new Error('expected an error');
      return r.error.message;
    };
    expect(messageOf('{"format":')).toMatch(/^it is not JSON/);
    expect(messageOf('null')).toBe('it is not an IOVA Atlas autosave');
    expect(messageOf('{"format":"something-else","version":1,"state":{}}')).toBe('it is not an IOVA Atlas autosave');
    const wrong = JSON.parse(autosaveText(STATE));
    wrong.state.candidates[0].base = 'eight';
    expect(messageOf(JSON.stringify(wrong))).toBe('candidates[0].base: expected a "0x…" hex string below 2^64');
  });
});

describe('startAutosave', () => {
  it('saves an upload by name only when the whole scenario exceeds the quota', () => {
    const store = createAppStore();
    const page = new FakePage();
    const saved: string[] = [];
    // A storage that refuses anything carrying a whole scenario, as a full quota would.
    const tight = {
      getItem: () => null,
      setItem: (_key: string, value: string) => {
        if (value.includes('"schema"')) throw new Error('QuotaExceededError');
        saved.push(value);
      },
    };
    startAutosave(store, tight, page);
    store.getState().setScenario({ kind: 'upload', name: 'board.dtb' }, UPLOAD);
    page.fire('pagehide');
    expect(saved).toHaveLength(1);
    expect(JSON.parse(saved[0]!).state.scenario).toEqual({ kind: 'upload', name: 'board.dtb' });
  });
});
