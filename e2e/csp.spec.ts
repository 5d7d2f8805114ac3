/**
 * The Content-Security-Policy of the built app: present as a <meta> in the page, strict (scripts,
 * styles and connections from the app's own origin only; no inline or evaluated script, no
 * plugins, no <base>, no form posts), and enforced by the browser: an injected inline script, a
 * remote script, code from a string (a string timer, as eval), an inline event handler, an inline
 * style attribute and connections to another host are all refused and reported as violations.
 */
import { expect, test, type Page } from '@playwright/test';
import { cspViolations, watchCsp } from './privacyHelpers.ts';
import { candidate } from './visualizerHelpers.ts';

/** Somewhere that is not the app: a different host (127.0.0.2) and port, never contacted. */
const ELSEWHERE = 'http://127.0.0.2:9';

async function openApp(page: Page): Promise<void> {
  await watchCsp(page);
  await page.goto('./');
  await expect(candidate(page)).toBeVisible();
}

async function directives(page: Page): Promise<Map<string, string[]>> {
  const content = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(content).not.toBeNull();
  return new Map(
    content!
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

test('the page carries a strict Content-Security-Policy', async ({ page }) => {
  await openApp(page);
  const csp = await directives(page);
  expect(csp.get('default-src')).toEqual(["'self'"]);
  expect(csp.get('script-src')).toEqual(["'self'"]);
  expect(csp.get('style-src')).toEqual(["'self'"]);
  expect(csp.get('connect-src')).toEqual(["'self'"]);
  expect(csp.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
  expect(csp.get('worker-src')).toEqual(["'self'", 'blob:']);
  expect(csp.get('object-src')).toEqual(["'none'"]);
  expect(csp.get('base-uri')).toEqual(["'none'"]);
  expect(csp.get('form-action')).toEqual(["'none'"]);
  expect([...csp.values()].flat().filter((v) => /unsafe|\*|https?:/.test(v))).toEqual([]);
  expect(await cspViolations(page)).toEqual([]);
});

test('an injected inline script is refused', async ({ page }) => {
  await openApp(page);
  await expect(page.addScriptTag({ content: 'window.__injected = "inline ran"' })).rejects.toThrow();
  expect(await page.evaluate(() => (window as { __injected?: string }).__injected)).toBeUndefined();
  expect((await cspViolations(page)).map((v) => [v.directive, v.blocked])).toContainEqual(['script-src-elem', 'inline']);
});

test('a remote script and connections to another host are refused before they leave the browser', async ({ page }) => {
  // Chromium announces the blocked script as a request, then fails it before it leaves the browser.
  const attempts: string[] = [];
  const blockedByCsp: string[] = [];
  page.on('request', (r) => {
    if (r.url().startsWith(ELSEWHERE)) attempts.push(r.url());
  });
  page.on('requestfailed', (r) => {
    if (r.url().startsWith(ELSEWHERE) && /csp/i.test(r.failure()?.errorText ?? '')) blockedByCsp.push(r.url());
  });
  page.on('response', (r) => {
    if (r.url().startsWith(ELSEWHERE)) attempts.push(`answered: ${r.url()}`);
  });
  await openApp(page);
  await expect(page.addScriptTag({ url: `${ELSEWHERE}/evil.js` })).rejects.toThrow();
  const fetched = await page.evaluate((url) => fetch(url).then(() => 'fetched', () => 'refused'), `${ELSEWHERE}/beacon`);
  expect(fetched).toBe('refused');
  await page.evaluate((url) => {
    // Chromium refuses the socket with a violation and an error event rather than a throw.
    try {
      new WebSocket(url);
    } catch {
      // refused synchronously: also fine
    }
  }, `${ELSEWHERE.replace('http', 'ws')}/socket`);
  await expect
    .poll(async () => (await cspViolations(page)).map((v) => `${v.directive} ${v.blocked}`))
    .toEqual(expect.arrayContaining([`script-src-elem ${ELSEWHERE}/evil.js`, `connect-src ${ELSEWHERE}/beacon`, `connect-src ${ELSEWHERE.replace('http', 'ws')}/socket`]));
  expect(attempts).toEqual(blockedByCsp);
});

test('eval, inline event handlers and inline style attributes are refused', async ({ page }) => {
  await openApp(page);
  // Code Playwright evaluates may eval (DevTools allows it); a string timer runs as the page's own code.
  await page.evaluate(() => {
    const probe = document.createElement('button');
    probe.setAttribute('aria-label', 'CSP probe');
    probe.setAttribute('onclick', 'window.__clicked = "handler ran"');
    probe.setAttribute('style', 'outline-color: rgb(255, 0, 0)');
    document.body.append(probe);
    (setTimeout as (code: string, ms: number) => number)('window.__timer = "string timer ran"', 0);
  });
  const probe = page.getByRole('button', { name: 'CSP probe' });
  await probe.click();
  await page.waitForTimeout(100);
  const outcome = await page.evaluate(() => {
    const w = window as { __clicked?: string; __timer?: string };
    const el = document.querySelector('[aria-label="CSP probe"]')!;
    return { timer: w.__timer ?? 'not run', clicked: w.__clicked ?? 'not run', outline: getComputedStyle(el).outlineColor };
  });
  expect(outcome).toEqual({ timer: 'not run', clicked: 'not run', outline: expect.not.stringMatching(/^rgb\(255, 0, 0\)$/) });
  const kinds = (await cspViolations(page)).map((v) => v.directive);
  expect(kinds).toEqual(expect.arrayContaining(['script-src', 'script-src-attr', 'style-src-attr']));
});
