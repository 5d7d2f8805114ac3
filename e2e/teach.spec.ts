/**
 * Teach (issue 6) in real Chromium against the production build: the guided tour runs from the
 * Learn button to the end, moving the map between platforms; the trace player steps forward and
 * back through the same states, plays a kernel conformance trace to the kernel's own output, and
 * reports a broken trace file with its line and column.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { TOUR_STEPS } from '../src/teach/tourSteps.ts';

test.use({ viewport: { width: 1400, height: 1000 } });

const shared = process.env.IOVA_ATLAS_SHARED ?? resolve(fileURLToPath(new URL('..', import.meta.url)), '../shared');

async function openApp(page: Page): Promise<void> {
  await page.goto('./');
  await expect(page.getByLabel('Platform')).toHaveValue('qemu-virt');
}

test('the tour runs to the end from the Learn button and moves the map', async ({ page }) => {
  await openApp(page);
  const learn = page.getByRole('button', { name: 'Learn', exact: true });
  await learn.click();
  const dialog = page.getByRole('dialog');
  const details = page.getByRole('region', { name: 'Details' });
  for (const [i, step] of TOUR_STEPS.entries()) {
    const heading = dialog.getByRole('heading', { level: 2 });
    await expect(heading).toHaveText(step.title);
    await expect(heading).toBeFocused();
    await expect(dialog).toContainText(`step ${i + 1} of ${TOUR_STEPS.length}`);
    await expect(dialog.getByText(/^The map shows/)).toBeVisible();
    // The map switched to the step's platform and policy, and the step's item is selected.
    await expect(page.getByLabel('Platform')).toHaveValue(step.platform);
    await expect(page.getByRole('radio', { checked: true })).toHaveAttribute('value', step.policy);
    await expect(details.getByRole('heading', { level: 3 })).toBeVisible();
    for (const k of step.kernel) await expect(dialog.getByText(k.name, { exact: true })).toBeVisible();
    if (step.id === 'sw-msi') await expect(details).toContainText('0x0000000008000000');
    if (step.id === 'juno') await expect(details).toContainText('Mainline policy window');
    if (step.id === 'series') await expect(details).toContainText('0x00000000a0000000');
    await dialog.getByRole('button', { name: i === TOUR_STEPS.length - 1 ? 'Finish' : 'Next' }).click();
  }
  await expect(dialog).toHaveCount(0);
  await expect(learn).toBeFocused();
});

test('the tour goes back a step and closes with Escape', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Learn', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('button', { name: 'Back' })).toBeDisabled();
  await dialog.getByRole('button', { name: 'Next' }).click();
  await expect(dialog.getByRole('heading', { level: 2 })).toHaveText(TOUR_STEPS[1]!.title);
  await dialog.getByRole('button', { name: 'Back' }).click();
  await expect(dialog.getByRole('heading', { level: 2 })).toHaveText(TOUR_STEPS[0]!.title);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
});

test.describe('on a narrow screen', () => {
  test.use({ viewport: { width: 900, height: 800 } });

  test('the tour is a sheet below the highlighted item, its buttons always in reach', async ({ page }) => {
    await openApp(page);
    await page.getByRole('button', { name: 'Learn', exact: true }).click();
    const dialog = page.getByRole('dialog');
    for (const [i, step] of TOUR_STEPS.entries()) {
      await expect(dialog.getByRole('heading', { level: 2 })).toHaveText(step.title);
      await expect(dialog.getByText(/^The map shows/)).toBeVisible();
      const next = dialog.getByRole('button', { name: i === TOUR_STEPS.length - 1 ? 'Finish' : 'Next' });
      await expect(next).toBeInViewport({ ratio: 1 });
      // The step's item is on screen and not under the sheet.
      const mark = page.locator('.map-wrap .mark.selected').first();
      await expect(mark).toBeInViewport();
      await expect
        .poll(async () => {
          const [m, d] = await Promise.all([mark.boundingBox(), dialog.boundingBox()]);
          return m !== null && d !== null && m.y + Math.min(m.height, 8) <= d.y;
        })
        .toBe(true);
      await next.click();
    }
  });
});

/** The player's state text and output text at the current position. */
async function shown(page: Page): Promise<string> {
  const state = await page.getByRole('region', { name: 'Trace state' }).innerText();
  const output = await page.getByRole('region', { name: 'Output so far' }).innerText();
  return `${state}\n--\n${output}`;
}

test('the player steps forward and back through identical states', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Trace player' }).click();
  await page.getByRole('button', { name: 'Replay how dma-iommu reserved and allocated this domain' }).click();
  const position = page.getByRole('slider', { name: 'Position' });
  const current = page.getByRole('region', { name: 'Current operation' });
  await expect(position).toHaveValue('0');
  const n = Number(await position.getAttribute('max'));
  expect(n).toBeGreaterThan(3);

  const forward: string[] = [await shown(page)];
  for (let i = 1; i <= n; i++) {
    await page.getByRole('button', { name: 'Step forward' }).click();
    await expect(current).toContainText(`${i} of ${n}:`);
    forward.push(await shown(page));
  }
  await expect(page.getByRole('button', { name: 'Step forward' })).toBeDisabled();
  // engine-spec §5.1: the ITS doorbell page gets pfn 0xfffff; the SW_MSI region is not reserved.
  expect(forward[n]).toContain('alloc 0xfffff 0xfffff');
  expect(forward[n]).not.toContain('0x8000 0x80ff');
  await expect(current).toContainText('iova_show');

  for (let i = n - 1; i >= 0; i--) {
    await page.getByRole('button', { name: 'Step back' }).click();
    await expect(position).toHaveValue(String(i));
    expect(await shown(page), `state after ${i} ops`).toBe(forward[i]);
  }
  // A jump with the slider lands on the same state too.
  await position.fill(String(Math.floor(n / 2)));
  expect(await shown(page)).toBe(forward[Math.floor(n / 2)]);
});

test('the player records how VFIO built its ranges and names each kernel function', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Trace player' }).click();
  await page.getByRole('button', { name: 'Replay how VFIO built its ranges' }).click();
  const current = page.getByRole('region', { name: 'Current operation' });
  const fwd = page.getByRole('button', { name: 'Step forward' });
  const expected = ['iommu_insert_resv_region', 'iommu_group_show_resv_regions', 'vfio_iommu_aper_resize', 'vfio_iommu_resv_exclude', 'vfio_iommu_has_sw_msi'];
  for (const fn of expected) {
    await fwd.click();
    await expect(current).toContainText(fn);
  }
  await expect(current).toContainText('sw_msi 0x8000000');
  await expect(page.getByRole('region', { name: 'Output so far' })).toContainText('vfio_iova 0x8100000 0xffffffffffff');
});

test('the player plays a kernel conformance trace to the kernel’s own output', async ({ page }) => {
  const name = 'arm-juno-pcie';
  const dir = resolve(shared, 'conformance', 'traces');
  const expected = readFileSync(resolve(dir, `${name}.expected`), 'utf8');
  await openApp(page);
  await page.getByRole('button', { name: 'Trace player' }).click();
  await page.getByLabel('Open an iova-trace/1 file').setInputFiles(resolve(dir, `${name}.json`));
  const position = page.getByRole('slider', { name: 'Position' });
  await expect(position).toHaveValue('0');
  const n = await position.getAttribute('max');
  await page.getByLabel('Speed').selectOption('16');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(position).toHaveValue(n!, { timeout: 20_000 });
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  const output = await page.getByRole('region', { name: 'Output so far' }).locator('pre').textContent();
  expect(output).toBe(expected);
});

test('a trace the kernel would not survive plays up to the failing op and says so', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Trace player' }).click();
  const alloc = { op: 'iova_alloc', size: '0x1', limit_pfn: '0x100', size_aligned: true };
  const ops = [{ op: 'resv_add', start: '0x100000', length: '0x0', type: 'reserved' }, { op: 'iova_init', granule: '0x1000', start_pfn: '0x1' }, { op: 'dma_reserve_resv' }, alloc, alloc, { op: 'iova_show' }];
  const text = JSON.stringify({ format: 'iova-trace/1', name: 'oops', ops });
  await page.getByLabel('Open an iova-trace/1 file').setInputFiles({ name: 'oops.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  const player = page.getByRole('region', { name: 'Trace player' });
  await expect(player).toContainText('would fail on this trace (an oops or a lockup): it plays up to op 4, and the 1 ops after it never run');
  await player.getByRole('slider', { name: 'Position' }).fill('5');
  const op = page.getByRole('region', { name: 'Current operation' });
  await expect(op).toContainText('5 of 5');
  await expect(op).toContainText(/Kernel failure\s*op 4 \(iova_alloc\): the kernel's own code fails here: .*\(an oops\)/);
});

test('a broken trace file is reported with its line and column', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Trace player' }).click();
  const text = '{\n  "format": "iova-trace/1",\n  "name": "bad",\n  "ops": [\n    {"op": "iova_alloc", "size": "0x1", "limit_pfn": "0xfffff", "size_aligned": true}\n  ]\n}\n';
  await page.getByLabel('Open an iova-trace/1 file').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await expect(page.getByRole('alert')).toHaveText(/^bad\.json:5:5: op 0 \(iova_alloc\): iova_alloc before iova_init/);
});

/** axe-core violations (WCAG 2 A/AA) inside the element matched by `selector`. */
async function axeViolations(page: Page, selector: string): Promise<string[]> {
  await page.addScriptTag({ path: fileURLToPath(new URL('../node_modules/axe-core/axe.min.js', import.meta.url)) });
  return page.evaluate(async (sel) => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> } }).axe;
    const r = await axe.run({ include: [sel] }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
    return r.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  }, selector);
}

test.describe('accessibility', () => {
  // axe is injected as an inline script, which the app's Content-Security-Policy rightly forbids.
  test.use({ bypassCSP: true });

  for (const colorScheme of ['light', 'dark'] as const) {
    test(`the tour dialog and the player pass axe (WCAG 2 A/AA), ${colorScheme} theme`, async ({ page }) => {
      await page.emulateMedia({ colorScheme });
      await openApp(page);
      await page.getByRole('button', { name: 'Learn', exact: true }).click();
      await expect(page.getByRole('dialog').getByText(/^The map shows/)).toBeVisible();
      expect(await axeViolations(page, '[role="dialog"]')).toEqual([]);
      expect(await axeViolations(page, '[role="group"][aria-label="Teaching"]')).toEqual([]);
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'Trace player' }).click();
      await page.getByRole('button', { name: 'Replay how VFIO built its ranges' }).click();
      await page.getByRole('button', { name: 'Step forward' }).click();
      expect(await axeViolations(page, '#trace-player')).toEqual([]);
    });
  }
});
