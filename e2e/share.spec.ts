/**
 * Links, history and comforts in real Chromium against the production build: a copied link
 * reproduces the view in a fresh browser; damaged links give a message and a working view;
 * Back/Forward and undo/redo walk through edits; autosave; the shortcut overlay; search.
 */
import { expect, test, type Page } from '@playwright/test';
import { DEFAULT_LINK_JSON, candidateSlider, handLink, ready, verdictText, visibleState } from './shareHelpers.ts';
import { choosePlatform } from './visualizerHelpers.ts';

test.use({ viewport: { width: 1400, height: 1000 } });

async function edit(page: Page): Promise<void> {
  // setScenario resets the guest RAM: choosePlatform waits until Juno is drawn.
  await choosePlatform(page, 'juno-r1');
  await page.getByRole('radio', { name: 'Series v4' }).check();
  await page.getByRole('checkbox', { name: 'iommu.forcedac=1' }).check();
  await page.getByLabel('Guest RAM').selectOption({ label: '2 GiB' });
  await candidateSlider(page).focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await expect(candidateSlider(page)).toHaveAttribute('aria-valuetext', '0x0000000008300000');
  // Select a region (the search zooms to it and opens its details).
  const search = page.getByRole('combobox', { name: 'Search' });
  await search.fill('v2m');
  await search.press('Enter');
  await expect(page.getByRole('region', { name: 'Details' })).toContainText('v2m');
  await page.getByRole('checkbox', { name: 'Compress empty space' }).uncheck();
  await page.getByRole('button', { name: 'Zoom in', exact: true }).click();
}

test('a copied link opens the same view in a fresh browser', async ({ page, browser, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('./');
  await ready(page);
  await edit(page);
  const before = await visibleState(page);
  expect(before).toMatchObject({ platform: 'juno-r1', policy: 'series-v4', forcedac: true, compressed: false, candidate: '0x0000000008300000' });

  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByText('Link copied to the clipboard.')).toBeVisible();
  const url = await page.evaluate(() => navigator.clipboard.readText());
  expect(url).toMatch(/#v1\.[A-Za-z0-9_-]+$/);

  const fresh = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const other = await fresh.newPage();
  await other.goto(url);
  await expect(candidateSlider(other)).toHaveAttribute('aria-valuetext', '0x0000000008300000');
  expect(await visibleState(other)).toEqual(before);
  await expect(other.getByRole('alert')).toHaveCount(0);
  await fresh.close();
});

const DAMAGED: Record<string, () => Promise<string>> = {
  'no version': async () => '#hello-there',
  'bad base64': async () => '#v1.abc+def',
  'bad deflate': async () => '#v1.AQUABQBB',
  'bad JSON': () => handLink('{"policy": mainline'),
  'hand-edited field': () => handLink(JSON.stringify({ ...DEFAULT_LINK_JSON, policy: 'lucky' })),
  'out-of-range address': () => handLink(JSON.stringify({ ...DEFAULT_LINK_JSON, candidates: [{ id: 'c1', base: '0xfffffffffffff000', size: '0x100000', alignment: '0x100000' }] })),
  'unknown platform': () => handLink(JSON.stringify({ ...DEFAULT_LINK_JSON, scenario: { kind: 'builtin', id: 'nonesuch', version: 1 } })),
  'from the future': () => handLink(JSON.stringify(DEFAULT_LINK_JSON), 7),
};

for (const [kind, make] of Object.entries(DAMAGED)) {
  test(`a damaged link (${kind}) gives a message and a working default view`, async ({ page }) => {
    await page.goto('./' + (await make()));
    const alert = page.getByRole('alert');
    await expect(alert).toContainText(kind === 'unknown platform' ? 'names the built-in platform "nonesuch"' : 'This link is damaged:');
    await expect(alert).toContainText('Showing the default view instead.');
    await expect(page.getByLabel('Platform')).toHaveValue('qemu-virt');
    await expect(candidateSlider(page)).toHaveAttribute('aria-valuetext', '0x0000000008000000');
    await expect(verdictText(page)).toContainText('works');
    // The view works: the candidate still moves and the verdict follows.
    await candidateSlider(page).focus();
    await page.keyboard.press('ArrowRight');
    await expect(candidateSlider(page)).toHaveAttribute('aria-valuetext', '0x0000000008100000');
  });
}

test('a version-0 link still opens (migrated)', async ({ page }) => {
  await page.goto('./' + (await handLink(JSON.stringify({ platform: 'qemu-virt@1', policy: 'dynamic', window: '0xa0000000', ramMiB: 2048 }), 0)));
  await expect(candidateSlider(page)).toHaveAttribute('aria-valuetext', '0x00000000a0000000');
  await expect(page.getByRole('radio', { name: 'Dynamic' })).toBeChecked();
  await expect(page.getByLabel('Guest RAM')).toHaveValue('0x80000000');
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('Back and Forward move through meaningful steps, not zooms', async ({ page }) => {
  await page.goto('./');
  await ready(page);
  await expect(page).toHaveURL(/#v1\./);
  await page.getByRole('radio', { name: 'Dynamic' }).check();
  await expect.poll(() => page.evaluate(() => history.length)).toBe(3); // about:blank, first state, policy
  await page.getByRole('button', { name: 'Zoom in', exact: true }).click();
  await page.getByRole('button', { name: 'Zoom in', exact: true }).click();
  await candidateSlider(page).focus();
  await page.keyboard.press('End');
  const moved = await candidateSlider(page).getAttribute('aria-valuetext');
  expect(moved).not.toBe('0x0000000008000000');
  await expect.poll(() => page.evaluate(() => history.length)).toBe(4);

  await page.goBack();
  await expect(candidateSlider(page)).toHaveAttribute('aria-valuetext', '0x0000000008000000');
  await expect(page.getByRole('radio', { name: 'Dynamic' })).toBeChecked();
  await page.goBack();
  await expect(page.getByRole('radio', { name: 'Mainline' })).toBeChecked();
  await page.goForward();
  await expect(page.getByRole('radio', { name: 'Dynamic' })).toBeChecked();
  await page.goForward();
  await expect(candidateSlider(page)).toHaveAttribute('aria-valuetext', moved!);
});

test('undo and redo round-trip every kind of edit, by button and by keyboard', async ({ page }) => {
  await page.goto('./');
  await ready(page);
  const initial = await visibleState(page);
  const undo = page.getByRole('button', { name: 'Undo' });
  const redo = page.getByRole('button', { name: 'Redo' });
  await expect(undo).toBeDisabled();

  await page.getByRole('radio', { name: 'Userspace' }).check();
  await page.getByRole('checkbox', { name: 'allow_unsafe_interrupts' }).check();
  await page.getByLabel('Guest RAM').selectOption({ label: '4 GiB' });
  // A drag is one step however many frames it has.
  const handle = candidateSlider(page);
  const box = (await handle.locator('rect').first().boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(box.x + box.width / 2 + i * 15, box.y + box.height / 2);
  await page.mouse.up();
  await expect(handle).not.toHaveAttribute('aria-valuetext', '0x0000000008000000');
  await page.getByRole('button', { name: 'Add candidate' }).click();
  await expect(candidateSlider(page, 2)).toBeVisible();
  const edited = await visibleState(page);

  for (let i = 0; i < 5; i++) await undo.click();
  await expect(undo).toBeDisabled();
  await expect(candidateSlider(page, 2)).toHaveCount(0);
  expect({ ...(await visibleState(page)), view: null }).toEqual({ ...initial, view: null });

  for (let i = 0; i < 5; i++) await redo.click();
  await expect(redo).toBeDisabled();
  expect({ ...(await visibleState(page)), view: null }).toEqual({ ...edited, view: null });

  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await expect(candidateSlider(page, 2)).toHaveCount(0);
  await page.keyboard.press('Control+Shift+z');
  await expect(candidateSlider(page, 2)).toBeVisible();
});

test('autosave restores the session on reload', async ({ page }) => {
  await page.goto('./');
  await ready(page);
  await page.getByLabel('Platform').selectOption('juno-r2');
  await page.getByRole('radio', { name: 'Series v4' }).check();
  await expect.poll(() => page.evaluate(() => localStorage.getItem('iova-atlas:autosave') ?? '')).toContain('"series-v4"');
  await page.goto('about:blank');
  await page.goto('./');
  await expect(page.getByLabel('Platform')).toHaveValue('juno-r2');
  await expect(page.getByRole('radio', { name: 'Series v4' })).toBeChecked();
});

test('the theme chosen is kept for the next visit, and a link does not carry it', async ({ page, browser }) => {
  await page.goto('./');
  await ready(page);
  await page.getByLabel('Theme').selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.goto('about:blank');
  await page.goto('./');
  await ready(page);
  await expect(page.getByLabel('Theme')).toHaveValue('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  // Another browser opening this view's link keeps its own (system) theme.
  const before = page.url();
  await page.getByRole('radio', { name: 'Series v4' }).check();
  await expect.poll(() => page.url()).not.toBe(before); // the address bar follows the edit
  const url = page.url();
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(url);
  await expect(other.getByRole('radio', { name: 'Series v4' })).toBeChecked();
  await expect(other.getByLabel('Theme')).toHaveValue('system');
  await fresh.close();
});

test('a corrupt autosave is ignored with a message', async ({ page }) => {
  // Written before the app starts, as a damaged save from an earlier session would be.
  await page.addInitScript(() => {
    if (!sessionStorage.getItem('corrupted')) {
      localStorage.setItem('iova-atlas:autosave', '{"format":"iova-atlas/autosave","version":1,"state":{"policy":7}}');
      sessionStorage.setItem('corrupted', 'yes');
    }
  });
  await page.goto('./');
  await expect(page.getByRole('alert')).toContainText('Your last session could not be restored');
  await expect(page.getByLabel('Platform')).toHaveValue('qemu-virt');
  await expect(verdictText(page)).toContainText('works');
});

test('"?" opens the shortcut overlay; Escape closes it and focus returns', async ({ page }) => {
  await page.goto('./');
  await ready(page);
  const copy = page.getByRole('button', { name: 'Copy link' });
  await copy.focus();
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Undo the last scenario edit');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(copy).toBeFocused();

  const help = page.getByRole('button', { name: 'Keyboard shortcuts' });
  await help.click();
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  await expect(help).toBeFocused();
});

test('search finds a region by name or address and zooms to it', async ({ page }) => {
  await page.goto('./');
  await ready(page);
  const span = page.getByTestId('view-span');
  const wide = await span.textContent();
  const search = page.getByRole('combobox', { name: 'Search' });
  await search.fill('SW_MSI');
  const results = page.getByRole('listbox', { name: 'Matching regions' });
  await expect(results.getByRole('option').first()).toContainText('SW_MSI window');
  await search.press('Enter');
  await expect(span).not.toHaveText(wide!);
  await expect(page.getByRole('region', { name: 'Details' })).toContainText('SW_MSI window');

  await page.keyboard.press('Escape');
  await search.fill('0x40000000');
  await search.press('Enter');
  await expect(page.getByRole('region', { name: 'Details' })).toContainText('0x0000000040000000');
});

function bigScenarioJson(): string {
  // 300 regions with names that do not compress: far beyond what a link can carry.
  const physicalMap = Array.from({ length: 300 }, (_, i) => ({
    name: `region ${((i * 2654435761) >>> 0).toString(36)}-${(i * 40503).toString(16)}`,
    kind: 'mmio',
    start: `0x${(BigInt(i) << 24n).toString(16)}`,
    last: `0x${((BigInt(i) << 24n) + 0xfffn).toString(16)}`,
  }));
  return JSON.stringify({ schema: 'iova-atlas/scenario@1', id: 'upload:big', name: 'big board', physicalMap });
}

test('an upload travels inside the link when it is small', async ({ page, browser, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('./');
  await ready(page);
  await page.getByLabel('Files to read').setInputFiles('e2e/fixtures/qemu-virt-smmuv3.reserved_regions.txt');
  const picker = page.getByLabel('Platform').locator('option:checked');
  await expect(picker).toHaveText('Upload: qemu-virt-smmuv3.reserved_regions.txt', { timeout: 20_000 });
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByText('Link copied to the clipboard.')).toBeVisible();
  const url = await page.evaluate(() => navigator.clipboard.readText());
  expect(url.length).toBeLessThan(2100);

  const fresh = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const other = await fresh.newPage();
  await other.goto(url);
  await expect(other.getByLabel('Platform').locator('option:checked')).toHaveText('Upload: qemu-virt-smmuv3.reserved_regions.txt');
  await expect(other.getByRole('alert')).toHaveCount(0);
  await fresh.close();
});

test('an upload too large for a link: the user is told and offered the JSON', async ({ page, browser, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('./');
  await ready(page);
  await page.getByLabel('Files to read').setInputFiles({ name: 'big.json', mimeType: 'application/json', buffer: Buffer.from(bigScenarioJson()) });
  await expect(page.getByLabel('Platform').locator('option:checked')).toHaveText('Upload: big.json', { timeout: 20_000 });
  // Said before any Copy link: the address bar's link cannot carry it either.
  await expect(page.getByText('Links name this upload only')).toBeVisible();
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'too large to travel inside a link' })).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download scenario JSON' }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.json$/);

  // The link names the upload only: elsewhere it says so and shows the default view.
  const url = await page.evaluate(() => navigator.clipboard.readText());
  const fresh = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const other = await fresh.newPage();
  await other.goto(url);
  await expect(other.getByRole('alert')).toContainText('names the uploaded scenario "big.json", which was too large to travel in the link');
  await expect(other.getByLabel('Platform')).toHaveValue('qemu-virt');
  await fresh.close();
});
