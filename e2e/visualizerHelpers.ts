/** Shared steps for the visualizer e2e tests: open a platform, find the map's parts. */
import { expect, type Locator, type Page } from '@playwright/test';

/** Open the app and choose a built-in platform by id; waits for its first candidate handle. */
export async function openPlatform(page: Page, id: string): Promise<void> {
  await page.goto('./');
  await choosePlatform(page, id);
}

/**
 * Picks a built-in platform and waits until the map draws it, not the one still shown while it
 * loads (a switch turned on before the load ends would be reset by it).
 */
export async function choosePlatform(page: Page, id: string): Promise<void> {
  const picker = page.getByLabel('Platform');
  const option = picker.locator(`option[value="${id}"]`);
  await expect(option).toHaveCount(1);
  await picker.selectOption(id);
  const name = (await option.textContent()) ?? id;
  await expect(page.getByRole('group', { name: `Physical map: ${name}: RAM, MMIO, PCIe windows, doorbells`, exact: true })).toBeAttached();
  await expect(page.getByRole('slider', { name: /^MSI window candidate 1/ })).toBeVisible();
}

export function verdict(page: Page): Locator {
  return page.getByRole('status').filter({ hasText: 'MSI window' });
}

export function candidate(page: Page, n = 1): Locator {
  return page.getByRole('slider', { name: `MSI window candidate ${n}` });
}

/** Centre of a lane's first drawn item (geometry only; assertions use roles and text). */
export async function laneItemCentre(page: Page, lane: string, name: RegExp): Promise<{ x: number; y: number }> {
  const marks = page.locator(`svg.map [data-lane="${lane}"]`).filter({ has: page.locator('title', { hasText: name }) });
  await marks.first().scrollIntoViewIfNeeded();
  const box = await marks.first().boundingBox();
  if (!box) throw new Error(`no ${name} in lane ${lane}`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Drag a candidate's body horizontally to x, in small steps like a hand would. */
export async function dragHandleTo(page: Page, handle: Locator, x: number): Promise<void> {
  await handle.scrollIntoViewIfNeeded();
  const body = await handle.locator('rect').first().boundingBox();
  if (!body) throw new Error('handle not drawn');
  const y = body.y + body.height / 2;
  const x0 = body.x + body.width / 2;
  await page.mouse.move(x0, y);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) await page.mouse.move(x0 + ((x - x0) * i) / 12, y);
}

export function viewSpan(page: Page): Locator {
  return page.getByTestId('view-span');
}
