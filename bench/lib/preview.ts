/**
 * The production build served by `vite preview` and a system Chromium, for the browser benchmark.
 * Same browser and flags as playwright.config.ts (IOVA_ATLAS_CHROMIUM overrides the path); a
 * port of its own so a benchmark never collides with an e2e run on 4173.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { ROOT } from './ensureBuild.mjs';

export const PORT = 4174;
export const BASE_URL = `http://127.0.0.1:${PORT}/`;

export interface Preview {
  readonly browser: Browser;
  close(): Promise<void>;
}

async function waitForServer(server: ChildProcess, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (server.exitCode !== null) throw new Error(`vite preview exited with status ${server.exitCode}`);
    try {
      if ((await fetch(BASE_URL)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`vite preview did not answer on ${BASE_URL} within ${ms} ms`);
}

export async function startPreview(): Promise<Preview> {
  const executablePath = process.env.IOVA_ATLAS_CHROMIUM ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
  if (!executablePath) throw new Error('no Chromium: install one (apt-get install chromium) or set IOVA_ATLAS_CHROMIUM');
  const server = spawn(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], {
    cwd: ROOT,
    stdio: 'ignore',
  });
  try {
    await waitForServer(server, 30_000);
    const browser = await chromium.launch({
      executablePath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    });
    return {
      browser,
      close: async () => {
        await browser.close();
        server.kill();
      },
    };
  } catch (e) {
    server.kill();
    throw e;
  }
}
