/**
 * Accessibility audit (axe-core, every rule) of the main views, CSP on: QEMU virt as it opens,
 * Juno r1 with its conflicts listed, a details panel open, the keyboard-shortcut help, and the
 * same in the dark theme. No serious or critical violation is allowed; lesser findings are
 * attached to the test report.
 */
import { expect, test, type Page } from '@playwright/test';
import { audit, loadAxe, seriousOrWorse } from './a11yHelpers.ts';
import { candidate, choosePlatform } from './visualizerHelpers.ts';

test.use({ viewport: { width: 1400, height: 1000 } });

async function expectNoSeriousFindings(page: Page, view: string): Promise<void> {
  const findings = await audit(page);
  const minor = findings.filter((f) => !seriousOrWorse([f]).length);
  if (minor.length) test.info().annotations.push({ type: `axe (${view})`, description: minor.map((f) => `${f.impact} ${f.id}: ${f.help}`).join('; ') });
  expect(seriousOrWorse(findings), view).toEqual([]);
}

async function open(page: Page, platform?: string): Promise<void> {
  await loadAxe(page);
  await page.goto('./');
  await expect(candidate(page)).toBeVisible();
  if (platform) await choosePlatform(page, platform);
}

for (const theme of ['Light', 'Dark'] as const) {
  test.describe(`${theme.toLowerCase()} theme`, () => {
    test.beforeEach(async ({ page }) => {
      await page.emulateMedia({ colorScheme: theme === 'Dark' ? 'dark' : 'light' });
    });

    const chooseTheme = (page: Page) => page.getByLabel('Theme').selectOption({ label: theme });

    test('QEMU virt, as the app opens', async ({ page }) => {
      await open(page);
      await chooseTheme(page);
      await expectNoSeriousFindings(page, `QEMU virt, ${theme}`);
    });

    test('Juno r1 with its conflicts', async ({ page }) => {
      await open(page, 'juno-r1');
      await chooseTheme(page);
      await expect(page.getByRole('region', { name: 'Conflicts' }).getByRole('listitem').first()).toBeVisible();
      await expectNoSeriousFindings(page, `Juno r1 conflicts, ${theme}`);
    });

    test('a details panel open', async ({ page }) => {
      await open(page, 'juno-r1');
      await chooseTheme(page);
      // The list of drawn items is the map for assistive technology: open one from the keyboard.
      const item = page.getByRole('region', { name: 'Physical map' }).getByRole('button', { name: /^smmu_pcie registers/ });
      await item.focus();
      await page.keyboard.press('Enter');
      await expect(page.getByRole('region', { name: 'Details' }).getByRole('heading', { name: /^smmu_pcie registers/ })).toBeVisible();
      await expectNoSeriousFindings(page, `details panel, ${theme}`);
    });

    test('the keyboard-shortcut help', async ({ page }) => {
      await open(page);
      await chooseTheme(page);
      await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
      await expectNoSeriousFindings(page, `shortcut help, ${theme}`);
    });
  });
}

test.describe('reflow (WCAG 1.4.10) at 320 CSS pixels', () => {
  test.use({ viewport: { width: 320, height: 800 } });

  test('the page never scrolls sideways, with Juno r1 open and the export menu open', async ({ page }) => {
    await open(page, 'juno-r1');
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await overflow()).toBe(0);
    await page.getByText('Export', { exact: true }).click();
    await expect(page.getByRole('group', { name: 'Export', exact: true })).toBeVisible();
    expect(await overflow()).toBe(0);
  });
});
