/**
 * Export in real Chromium: the SVG parses and names the SW_MSI window, the PNG is twice the map's
 * size, and the text report is byte-for-byte what `iova-atlas analyze` prints for the same scenario.
 */
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { ready } from './shareHelpers.ts';
import { choosePlatform } from './visualizerHelpers.ts';

test.use({ viewport: { width: 1400, height: 1000 } });

async function exportFile(page: Page, item: string): Promise<{ name: string; bytes: Buffer }> {
  await page.getByText('Export', { exact: true }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: item, exact: true }).click()]);
  return { name: download.suggestedFilename(), bytes: readFileSync((await download.path())!) };
}

function cli(...args: string[]): string {
  return execFileSync(process.execPath, ['bin/iova-atlas.mjs', 'analyze', ...args], { encoding: 'utf8' });
}

test('the SVG export is self-contained and names the SW_MSI window and the regions', async ({ page }) => {
  const cspViolations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
  });
  await page.goto('./');
  await ready(page);
  const { name, bytes } = await exportFile(page, 'Map as SVG');
  expect(name).toBe('iova-atlas-qemu-virt.svg');
  const text = bytes.toString('utf8');
  // Parsed by the browser's XML parser, as any SVG viewer would.
  const parsed = await page.evaluate((svg) => {
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    const root = doc.documentElement;
    return {
      error: doc.querySelector('parsererror')?.textContent ?? null,
      root: root.localName,
      title: root.querySelector(':scope > title')?.textContent ?? '',
      titles: [...root.querySelectorAll('title')].map((t) => t.textContent ?? ''),
      styleSheets: root.querySelectorAll('style, link, script, image, foreignObject').length,
      classes: root.querySelectorAll('[class]').length,
      refs: [...root.querySelectorAll('*')].flatMap((e) => [...e.attributes].filter((a) => /href$/.test(a.name) && !a.value.startsWith('#')).map((a) => a.value)),
    };
  }, text);
  expect(parsed.error).toBeNull();
  expect(parsed.root).toBe('svg');
  expect(parsed.title).toContain('QEMU virt');
  expect(parsed.titles.some((t) => t.startsWith('SW_MSI window'))).toBe(true);
  expect(parsed.titles.some((t) => /RAM/.test(t))).toBe(true);
  expect(parsed.titles.some((t) => /^MSI window candidate 1/.test(t))).toBe(true);
  expect(parsed.styleSheets).toBe(0);
  expect(parsed.classes).toBe(0);
  expect(parsed.refs).toEqual([]);
  expect(text).toContain('system-ui');
  expect(text).not.toMatch(/\sstyle=/);
  expect(cspViolations).toEqual([]);
  expect(text).not.toMatch(/https?:\/\/(?!www\.w3\.org\/)[^#"]*"/); // no external URL except the live-view link in <desc>
});

test('with the trace player open, the SVG export is still the address map', async ({ page }) => {
  await page.goto('./');
  await ready(page);
  await page.getByRole('button', { name: 'Trace player' }).click();
  await page.getByRole('button', { name: 'Replay how dma-iommu reserved and allocated this domain' }).click();
  const titles = await page.evaluate(async (svg) => [...new DOMParser().parseFromString(svg, 'image/svg+xml').querySelectorAll('title')].map((t) => t.textContent ?? ''), (await exportFile(page, 'Map as SVG')).bytes.toString('utf8'));
  // The address map's lanes: the platform's RAM and the candidate handle (the player's own map
  // has neither).
  expect(titles.some((t) => /RAM/.test(t))).toBe(true);
  expect(titles.some((t) => /^MSI window candidate 1/.test(t))).toBe(true);
});

test('the PNG export is twice the size of the map', async ({ page }) => {
  await page.goto('./');
  await ready(page);
  const box = (await page.getByRole('group', { name: /^Address map/ }).boundingBox())!;
  const { name, bytes } = await exportFile(page, 'Map as PNG (2×)');
  expect(name).toBe('iova-atlas-qemu-virt.png');
  // PNG signature, then the IHDR chunk: width and height as big-endian u32 at bytes 16 and 20.
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(bytes.subarray(12, 16).toString('ascii')).toBe('IHDR');
  expect(bytes.readUInt32BE(16)).toBe(Math.round(box.width) * 2);
  expect(bytes.readUInt32BE(20)).toBe(Math.round(box.height) * 2);
});

test('the text report equals the CLI output for the same platform and guest RAM', async ({ page }) => {
  await page.goto('./');
  await ready(page);
  // setScenario resets the guest RAM: choosePlatform waits until Juno is drawn.
  await choosePlatform(page, 'juno-r1');
  await page.getByLabel('Guest RAM').selectOption({ label: '2 GiB' });
  await expect(page.getByRole('group', { name: 'Export' }).getByText('iova-atlas analyze juno-r1 --guest-ram 0x80000000')).toBeAttached();
  const { name, bytes } = await exportFile(page, 'Text report');
  expect(name).toBe('iova-atlas-juno-r1.txt');
  const report = bytes.toString('utf8');
  expect(report).toBe(cli('juno-r1', '--guest-ram', '0x80000000'));
  // Ready for a mail reply: ASCII, no tabs, 80 columns.
  expect(report).not.toMatch(/[\t\u0080-\uffff]/);
  expect(Math.max(...report.split('\n').map((l) => l.length))).toBeLessThanOrEqual(80);
});

test('with a behaviour switch, the report equals the CLI run on the exported scenario JSON', async ({ page }, info) => {
  await page.goto('./');
  await ready(page);
  await page.getByRole('checkbox', { name: 'iommu.forcedac=1' }).check();
  const json = await exportFile(page, 'Scenario JSON');
  const file = info.outputPath('scenario.json');
  (await import('node:fs')).writeFileSync(file, json.bytes);
  const report = await exportFile(page, 'Text report');
  expect(report.bytes.toString('utf8')).toBe(cli(file));
});
