/**
 * What the privacy and CSP tests watch: every request the browser makes for the app, WebSockets,
 * and Content-Security-Policy violations. "Its own static files" means a GET to the preview
 * server's origin for a path that exists in dist/ (the production build under test).
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';

const DIST = new URL('../dist/', import.meta.url).pathname;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : [relative(DIST, p)];
  });
}

/** URL paths the production build serves: "/" and every file in dist/. */
export function staticPaths(): Set<string> {
  return new Set(['/', ...filesUnder(DIST).map((f) => `/${f.split('\\').join('/')}`)]);
}

export interface Traffic {
  /** "METHOD url" of every request, in order. */
  readonly requests: string[];
  readonly sockets: string[];
}

/** Record every request of every page and worker in the context, from now on. */
export function recordTraffic(context: BrowserContext): Traffic {
  const traffic: Traffic = { requests: [], sockets: [] };
  context.on('request', (r) => traffic.requests.push(`${r.method()} ${r.url()}`));
  const watch = (page: Page) => page.on('websocket', (ws) => traffic.sockets.push(ws.url()));
  context.pages().forEach(watch);
  context.on('page', watch);
  return traffic;
}

/** Requests that are not a GET of one of the app's own static files, served from `origin`. */
export function foreignRequests(traffic: Traffic, origin: string): string[] {
  const own = staticPaths();
  return traffic.requests.filter((line) => {
    const [method, url] = line.split(' ', 2) as [string, string];
    // blob: and data: URLs are made inside the page (downloads, the PNG export); they never leave it.
    if (url.startsWith(`blob:${origin}/`) || url.startsWith('data:')) return false;
    const u = new URL(url);
    return !(method === 'GET' && u.origin === origin && own.has(u.pathname));
  });
}

export interface Violation {
  readonly directive: string;
  readonly blocked: string;
  readonly sample: string;
  /** Where: the script position, or the element an inline attribute sat on. */
  readonly where: string;
}

declare global {
  interface Window {
    __cspViolations?: Violation[];
  }
}

/** Collect securitypolicyviolation events from the first script on (an init script is not subject to the CSP). */
export async function watchCsp(page: Page): Promise<void> {
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      const el = e.target instanceof Element ? `<${e.target.tagName.toLowerCase()} class="${e.target.getAttribute('class') ?? ''}">` : '';
      window.__cspViolations!.push({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample, where: `${e.sourceFile}:${e.lineNumber}:${e.columnNumber} ${el}` });
    });
  });
}

export async function cspViolations(page: Page): Promise<Violation[]> {
  return page.evaluate(() => window.__cspViolations ?? []);
}
