import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bindHistory } from '../history/storeHistory.ts';
import { createAppStore } from '../store/appStore.ts';
import { AUTOSAVE_KEY, autosaveText } from './autosave.ts';
import { encodeLink } from './linkCodec.ts';
import type { LinkState } from './linkState.ts';
import { shareNotices } from './notices.ts';
import { startSession } from './session.ts';
import { FakePage, platformFetch } from './testEnv.ts';

async function until(cond: () => boolean, what: string, ms = 4000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function boot(page: FakePage) {
  const store = createAppStore();
  const history = bindHistory(store);
  await startSession(store, history, page);
  return { store, history, s: () => store.getState() };
}

const JUNO: LinkState = {
  scenario: { kind: 'builtin', id: 'juno-r1', version: 1 },
  policy: 'series-v4',
  device: null,
  behaviour: { forcedac: true },
  guestRamSize: 0x80000000n,
  candidates: [{ id: 'c1', base: 0xa0000000n, size: 0x100000n, alignment: 0x100000n }],
  activeCandidate: 'c1',
  view: null,
  selection: null,
  compressed: false,
};

beforeEach(() => {
  vi.stubGlobal('fetch', platformFetch);
  shareNotices.setState({ notice: null, uploadOmitted: false });
});
afterEach(() => vi.unstubAllGlobals());

describe('session start', () => {
  it('opens the default platform when there is neither link nor autosave', async () => {
    const { s } = await boot(new FakePage());
    expect(s().source).toEqual({ kind: 'builtin', id: 'qemu-virt', version: 1 });
    expect(shareNotices.getState().notice).toBeNull();
  });

  it('opens a link exactly', async () => {
    const page = new FakePage((await encodeLink(JUNO)).hash);
    const { s } = await boot(page);
    expect(s().source).toEqual({ kind: 'builtin', id: 'juno-r1', version: 1 });
    expect(s().policy).toBe('series-v4');
    expect(s().behaviour).toEqual({ forcedac: true });
    expect(s().guestRamSize).toBe(0x80000000n);
    expect(s().candidates).toEqual(JUNO.candidates);
    expect(s().compressed).toBe(false);
  });

  it('a link in the URL wins over the autosave', async () => {
    const page = new FakePage((await encodeLink(JUNO)).hash);
    page.storage.setItem(AUTOSAVE_KEY, autosaveText({ ...JUNO, scenario: { kind: 'builtin', id: 'qemu-virt', version: 1 }, policy: 'dynamic' }));
    const { s } = await boot(page);
    expect(s().source).toMatchObject({ id: 'juno-r1' });
    expect(s().policy).toBe('series-v4');
  });

  it('restores the autosave when there is no link', async () => {
    const page = new FakePage();
    page.storage.setItem(AUTOSAVE_KEY, autosaveText(JUNO));
    const { s } = await boot(page);
    expect(s().source).toMatchObject({ id: 'juno-r1' });
    expect(s().candidates[0]!.base).toBe(0xa0000000n);
  });

  it('ignores a corrupt autosave with a message and opens the default view', async () => {
    const page = new FakePage();
    page.storage.setItem(AUTOSAVE_KEY, '{"format":"iova-atlas/autosave","version":1,"state":{"policy":"lucky"');
    const { s } = await boot(page);
    expect(s().source).toMatchObject({ id: 'qemu-virt' });
    expect(shareNotices.getState().notice).toMatchObject({ tone: 'error' });
    expect(shareNotices.getState().notice?.text).toMatch(/^Your last session could not be restored \(its autosave it is not JSON/);
  });

  it('a damaged link gives a message and the default view', async () => {
    const { s } = await boot(new FakePage('#v1.this+is+not+a+link'));
    expect(s().source).toMatchObject({ id: 'qemu-virt' });
    expect(s().candidates.map((c) => c.base)).toEqual([0x8000000n]);
    expect(shareNotices.getState().notice).toEqual({
      tone: 'error',
      text: 'This link is damaged: character "+" is not base64url (at character 9). Showing the default view instead.',
    });
  });

  it('a link to a platform this version does not have gives a message and the default view', async () => {
    const { s } = await boot(new FakePage((await encodeLink({ ...JUNO, scenario: { kind: 'builtin', id: 'no-such-board', version: 1 } })).hash));
    expect(s().source).toMatchObject({ id: 'qemu-virt' });
    expect(shareNotices.getState().notice?.text).toMatch(/names the built-in platform "no-such-board"/);
  });

  it('says so when the platform version moved on', async () => {
    const { s } = await boot(new FakePage((await encodeLink({ ...JUNO, scenario: { kind: 'builtin', id: 'juno-r1', version: 0 } })).hash));
    expect(s().source).toMatchObject({ id: 'juno-r1' });
    expect(shareNotices.getState().notice).toMatchObject({ tone: 'info' });
  });
});

describe('URL sync and Back/Forward', () => {
  it('writes the first state in place, pushes meaningful steps, replaces view changes, and skips drag frames', async () => {
    const page = new FakePage();
    const { s } = await boot(page);
    await until(() => page.location.hash.startsWith('#v1.'), 'the first link');
    expect(page.pushes).toBe(0);

    s().setPolicy('dynamic');
    await until(() => page.pushes === 1, 'a push for the policy');
    const afterPolicy = page.location.hash;

    s().zoomBy(2);
    await until(() => page.location.hash !== afterPolicy, 'a replace for the zoom');
    expect(page.pushes).toBe(1);

    const hashBeforeDrag = page.location.hash;
    s().setDragging('c1');
    for (const mib of [300n, 400n, 512n]) s().moveCandidate('c1', mib << 20n);
    await pause(400);
    expect(page.location.hash).toBe(hashBeforeDrag);
    s().setDragging(null);
    await until(() => page.pushes === 2, 'one push for the drop');

    page.back();
    await until(() => s().candidates[0]!.base === 0x8000000n, 'Back to before the drop');
    expect(s().policy).toBe('dynamic');
    page.back();
    await until(() => s().policy === 'mainline', 'Back to before the policy change');
    page.forward();
    await until(() => s().policy === 'dynamic', 'Forward');
    page.forward();
    await until(() => s().candidates[0]!.base === 512n << 20n, 'Forward to the drop');
  });

  it('Back to a damaged entry keeps the current state and says why', async () => {
    const page = new FakePage();
    const { s } = await boot(page);
    s().setPolicy('userspace');
    await until(() => page.location.hash.startsWith('#v1.'), 'a link');
    page.entries = ['#v1.AAAA', ...page.entries.slice(page.index)];
    page.index = 1;
    page.back();
    await until(() => shareNotices.getState().notice !== null, 'a notice');
    expect(shareNotices.getState().notice?.text).toMatch(/^This link is damaged: .* The current view is kept\.$/);
    expect(s().policy).toBe('userspace');
  });

  it('autosaves after changes and on pagehide', async () => {
    const page = new FakePage();
    const { s } = await boot(page);
    s().setPolicy('series-v4');
    page.fire('pagehide');
    expect(JSON.parse(page.storage.getItem(AUTOSAVE_KEY)!).state.policy).toBe('series-v4');
  });
});
