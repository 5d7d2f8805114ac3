import { describe, expect, it } from 'vitest';
import { AUTOSAVE_KEY, autosaveText, readAutosave } from './autosave.ts';
import type { LinkState } from './linkState.ts';
import { MemoryStorage } from './testEnv.ts';

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
