/** Shared steps for the upload e2e tests: drop files on the page, find the upload's parts. */
import { readFileSync } from 'node:fs';
import { expect, type Locator, type Page } from '@playwright/test';

const FIXTURES = new URL('./fixtures/', import.meta.url);

export function fixturePath(name: string): string {
  return new URL(name, FIXTURES).pathname;
}

export interface DropFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

export function fixture(name: string): DropFile {
  return { name, bytes: new Uint8Array(readFileSync(new URL(name, FIXTURES))) };
}

/** Drag files over the page and drop them, as a file manager would (dragenter, dragover, drop). */
export async function dropFiles(page: Page, files: readonly DropFile[], opts: { keepDragging?: boolean } = {}): Promise<void> {
  const payload = files.map((f) => ({ name: f.name, data: Buffer.from(f.bytes).toString('base64') }));
  const dataTransfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([Uint8Array.from(atob(f.data), (c) => c.charCodeAt(0))], f.name));
    return dt;
  }, payload);
  await page.dispatchEvent('main', 'dragenter', { dataTransfer });
  await page.dispatchEvent('main', 'dragover', { dataTransfer });
  if (!opts.keepDragging) await page.dispatchEvent('main', 'drop', { dataTransfer });
}

/** Open the app on its default built-in platform and wait until it is drawn. */
export async function openApp(page: Page): Promise<void> {
  await page.goto('./');
  await expect(page.getByRole('slider', { name: /^MSI window candidate 1/ })).toBeVisible();
}

export function platformPicker(page: Page): Locator {
  return page.getByLabel('Platform');
}

export function filesRead(page: Page): Locator {
  return page.getByRole('region', { name: 'Files read' });
}

/** Waits until the upload named `name` is the open scenario. */
export async function expectOpenUpload(page: Page, name: string, timeout = 20_000): Promise<void> {
  await expect(platformPicker(page).locator('option:checked')).toHaveText(`Upload: ${name}`, { timeout });
}
