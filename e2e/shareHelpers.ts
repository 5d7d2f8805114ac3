/** Steps shared by the share and export e2e tests: read the visible state, make links by hand. */
import { expect, type Locator, type Page } from '@playwright/test';
import { encodeBase64url } from '../src/share/base64url.ts';
import { deflateRaw } from '../src/share/deflate.ts';

export function candidateSlider(page: Page, n = 1): Locator {
  return page.getByRole('slider', { name: `MSI window candidate ${n}` });
}

export function verdictText(page: Page): Locator {
  return page.locator('.verdict-text');
}

/** Wait until the app shows a platform with its first candidate. */
export async function ready(page: Page): Promise<void> {
  await expect(candidateSlider(page)).toBeVisible();
}

/** What the page shows, as text, for comparing two pages. */
export async function visibleState(page: Page): Promise<Record<string, string | boolean | null>> {
  await ready(page);
  return {
    platform: await page.getByLabel('Platform').inputValue(),
    policy: await page.getByRole('radio', { checked: true }).first().inputValue(),
    guestRam: await page.getByLabel('Guest RAM').inputValue(),
    forcedac: await page.getByRole('checkbox', { name: 'iommu.forcedac=1' }).isChecked(),
    compressed: await page.getByRole('checkbox', { name: 'Compress empty space' }).isChecked(),
    candidate: await candidateSlider(page).getAttribute('aria-valuetext'),
    verdict: await page.getByRole('status').filter({ hasText: /^MSI window candidate/ }).first().textContent(),
    view: await page.locator('.readout').textContent(),
    details: await page.getByRole('region', { name: 'Details' }).textContent(),
  };
}

/** `#v<version>.` + base64url(deflate-raw(text)): a link written by hand. */
export async function handLink(text: string, version = 1): Promise<string> {
  return `#v${version}.${encodeBase64url(await deflateRaw(new TextEncoder().encode(text)))}`;
}

export const DEFAULT_LINK_JSON = {
  scenario: { kind: 'builtin', id: 'qemu-virt', version: 1 },
  policy: 'mainline',
  device: null,
  behaviour: {},
  guestRam: null,
  candidates: [{ id: 'c1', base: '0x8000000', size: '0x100000', alignment: '0x100000' }],
  active: 'c1',
  view: null,
  selection: null,
  compressed: true,
};
