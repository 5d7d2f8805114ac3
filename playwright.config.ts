import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';

/**
 * e2e runs against the production build served by `vite preview`, so the tests check the same
 * static, offline artifact users get. The browser is the system Chromium (Debian's `chromium`);
 * this config never downloads one. Point IOVA_ATLAS_CHROMIUM at another Chromium/Chrome binary to
 * use it instead.
 */
const chromium =
  process.env.IOVA_ATLAS_CHROMIUM ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
if (!chromium) {
  throw new Error(
    'No Chromium found for the e2e tests. Install one (Debian/Ubuntu: `sudo apt-get install chromium`) ' +
      'or set IOVA_ATLAS_CHROMIUM=/path/to/chromium.',
  );
}

// IOVA_ATLAS_E2E_PORT lets two e2e runs (or an e2e run beside `npm run preview`) share a machine.
const PORT = Number(process.env.IOVA_ATLAS_E2E_PORT ?? 4173);

export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  reporter: process.env.CI ? 'line' : 'list',
  timeout: 30_000,
  // Assertions wait up to 10 s: a 2-core CI machine building and serving at once can be slow.
  expect: { timeout: 10_000 },
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    launchOptions: {
      executablePath: chromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
    trace: 'off',
  },
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
