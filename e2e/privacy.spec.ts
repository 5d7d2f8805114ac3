/**
 * Privacy: a whole session in the built app — built-in platforms loaded and switched, files
 * uploaded (drop and file picker), a candidate dragged, every export, the scenario saved, a link
 * copied and opened — makes no request but GETs of the app's own static files, opens no
 * WebSocket, and trips no Content-Security-Policy violation.
 */
import { expect, test } from '@playwright/test';
import { cspViolations, foreignRequests, recordTraffic, watchCsp } from './privacyHelpers.ts';
import { dropFiles, expectOpenUpload, fixture, fixturePath } from './uploadHelpers.ts';
import { candidate, choosePlatform, dragHandleTo, verdict } from './visualizerHelpers.ts';

test.use({ viewport: { width: 1400, height: 1000 } });

test('a full session requests nothing but the app’s own static files', async ({ page, context, baseURL }) => {
  const origin = new URL(baseURL!).origin; // http://127.0.0.1:4173 (playwright.config.ts)
  test.setTimeout(90_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const traffic = recordTraffic(context);
  await watchCsp(page);

  // Built-in platforms: the default, then two others.
  await page.goto('./');
  await expect(candidate(page)).toBeVisible();
  for (const id of ['juno-r1', 'qemu-virt-gicv2']) await choosePlatform(page, id);

  // Uploads: a blob dropped on the page, a reserved_regions dump through the file picker.
  await dropFiles(page, [fixture('qemu-virt-gicv2-smmuv3-3g.dtb')]);
  await expectOpenUpload(page, 'qemu-virt-gicv2-smmuv3-3g.dtb');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Open files…' }).click()]);
  await chooser.setFiles(fixturePath('qemu-virt-smmuv3.reserved_regions.txt'));
  await expectOpenUpload(page, 'qemu-virt-smmuv3.reserved_regions.txt');

  // Back to QEMU virt; drag the candidate across the map.
  await page.getByLabel('Platform').selectOption('qemu-virt');
  await expect(candidate(page)).toBeVisible();
  const map = (await page.getByRole('group', { name: /^Address map/ }).boundingBox())!;
  await dragHandleTo(page, candidate(page), map.x + map.width * 0.6);
  await page.mouse.up();
  await expect(verdict(page)).toBeVisible();

  // Every export, the scenario as JSON, the text report to the clipboard.
  for (const item of ['Map as SVG', 'Map as PNG (2×)', 'Text report', 'Scenario JSON']) {
    await page.getByText('Export', { exact: true }).click();
    await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: item, exact: true }).click()]);
  }
  await page.getByText('Export', { exact: true }).click();
  await page.getByRole('button', { name: 'Copy text report', exact: true }).click();
  await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save as JSON' }).click()]);

  // Share: copy the link and open it in a second page.
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByText('Link copied to the clipboard.')).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(new URL(link).origin).toBe(origin);
  const other = await context.newPage();
  await watchCsp(other);
  await other.goto(link);
  await expect(candidate(other)).toBeVisible();

  expect(traffic.requests.length).toBeGreaterThan(5);
  expect(foreignRequests(traffic, origin)).toEqual([]);
  expect(traffic.sockets).toEqual([]);
  expect(await cspViolations(page)).toEqual([]);
  expect(await cspViolations(other)).toEqual([]);
});
