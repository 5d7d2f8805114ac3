/**
 * The visualizer in real Chromium against the production build: platforms, the SW_MSI window,
 * conflicts in words, dragging and keyboard-moving an MSI window, zoom to a page, compressed mode.
 */
import { expect, test } from '@playwright/test';
import { candidate, dragHandleTo, laneItemCentre, openPlatform, verdict, viewSpan } from './visualizerHelpers.ts';

test.use({ viewport: { width: 1400, height: 1000 } });

test('QEMU virt shows the SW_MSI window at 0x0000000008000000', async ({ page }) => {
  await openPlatform(page, 'qemu-virt');
  const mainline = page.getByRole('row', { name: /^Mainline/ });
  await expect(mainline).toContainText('0x0000000008000000–0x00000000080fffff');
  await expect(mainline).toContainText('works');
  // The group's reserved region, drawn and named with its range (engine-spec §5.1).
  const resv = page.getByRole('region', { name: 'Reserved regions' }).getByRole('button', { name: /0x0000000008000000–0x00000000080fffff/ });
  await expect(resv).toHaveCount(1);
  // The offscreen list is for assistive technology: activate it the way a screen reader does.
  await resv.dispatchEvent('click');
  const details = page.getByRole('region', { name: 'Details' });
  await expect(details).toContainText('sw-msi');
  await expect(details).toContainText('0x0000000008000000');
  await expect(verdict(page)).toContainText('works');
});

test('Juno explains why the fixed window cannot work', async ({ page }) => {
  await openPlatform(page, 'juno-r1');
  await expect(page.getByRole('row', { name: /^Mainline/ })).toContainText('conflict');
  const conflicts = page.getByRole('list', { name: 'Conflicts' });
  const line = conflicts.getByRole('button', { name: /^Mainline policy window(, [^:]+)?: outside inbound window/ });
  await expect(line).toContainText('Lies outside the inbound dma-ranges');
  await expect(line).toContainText('silently lost');
  // Choosing the conflict zooms the map to the window.
  await line.click();
  await expect(viewSpan(page)).not.toHaveText('16 EiB');
  await expect(page.getByRole('region', { name: 'Details' })).toContainText('Mainline policy window');
  // The platform file's own explanation and its sources are there to read.
  const about = page.getByRole('region', { name: 'About this scenario' });
  await about.getByText(/^Notes \(\d+\)/).click();
  await expect(about.getByRole('list', { name: 'Assumptions and notes' })).toContainText('never work here');
  await about.getByText(/^Assumed \(\d+\)/).click();
  await expect(about.getByRole('list', { name: 'Assumptions of the analysis' })).toContainText('allow_unsafe_interrupts=0 (mainline default)');
  await about.getByText(/^Sources/).click();
  await expect(about.getByRole('list', { name: 'Sources' })).toContainText('juno');
});

test('dragging a candidate with the mouse into a conflict and out again', async ({ page }) => {
  await openPlatform(page, 'qemu-virt');
  const handle = candidate(page);
  await expect(handle).toHaveAttribute('aria-valuetext', '0x0000000008000000');
  await expect(verdict(page)).toContainText('works');
  const start = await handle.locator('rect').first().boundingBox();
  const ram = await laneItemCentre(page, 'guest', /^guest RAM/);
  await dragHandleTo(page, handle, ram.x);
  // Live while the button is still down: the verdict and the conflicts list follow the drag.
  await expect(verdict(page)).toContainText('does not work');
  await expect(verdict(page)).toContainText('guest RAM');
  await expect(page.getByRole('list', { name: 'Conflicts' })).toContainText('MSI window candidate 1');
  await page.mouse.up();
  await expect(handle).not.toHaveAttribute('aria-valuetext', '0x0000000008000000');
  await dragHandleTo(page, handle, start!.x + start!.width / 2);
  await expect(verdict(page)).toContainText('works');
  await page.mouse.up();
  // Back where it was, give or take a snap step (the grab point differs with the drawn width).
  await expect(handle).toHaveAttribute('aria-valuetext', /^0x00000000080|^0x00000000081|^0x0000000007f/);
  await expect(page.getByRole('list', { name: 'Conflicts' })).toHaveCount(0);
});

test('moving a candidate with the keyboard only', async ({ page }) => {
  await openPlatform(page, 'qemu-virt');
  const handle = candidate(page);
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    if (await handle.evaluate((el) => el === document.activeElement)) break;
  }
  await expect(handle).toBeFocused();
  // 8 × PageUp = 8 × 16 MiB: 0x8000000 → 0x10000000, the start of the PCIe MMIO window.
  for (let i = 0; i < 8; i++) await page.keyboard.press('PageUp');
  await expect(handle).toHaveAttribute('aria-valuetext', '0x0000000010000000');
  await expect(verdict(page)).toContainText('does not work');
  await expect(verdict(page)).toContainText('MMIO window');
  await page.keyboard.press('ArrowLeft');
  await expect(handle).toHaveAttribute('aria-valuetext', '0x000000000ff00000');
  await expect(verdict(page)).toContainText('works');
  await page.keyboard.press('End');
  await expect(verdict(page)).toContainText('works');
  await page.keyboard.press('Home');
  await expect(verdict(page)).toContainText('works');
});

test('a policy window is a handle too: moving it branches a candidate and the policy window stays', async ({ page }) => {
  await openPlatform(page, 'qemu-virt');
  // QEMU virt: mainline, the series (and the VMM's default) all pick 0x08000000: one handle.
  const policy = page.getByRole('slider', { name: /^MSI window of the Mainline · Series v4/ });
  await expect(policy).toHaveAttribute('aria-valuetext', '0x0000000008000000');

  // Keyboard: PageUp from the policy's window = 16 MiB up, as a new candidate that takes the focus.
  await policy.focus();
  await page.keyboard.press('PageUp');
  await expect(candidate(page, 2)).toBeFocused();
  await expect(candidate(page, 2)).toHaveAttribute('aria-valuetext', '0x0000000009000000');
  await expect(policy).toHaveAttribute('aria-valuetext', '0x0000000008000000');

  // Mouse: dragging the policy's window onto guest RAM drags a new candidate there, live.
  const ram = await laneItemCentre(page, 'guest', /^guest RAM/);
  await dragHandleTo(page, policy, ram.x);
  await expect(candidate(page, 3)).toBeVisible();
  await expect(verdict(page)).toContainText('guest RAM');
  await page.mouse.up();
  await expect(candidate(page, 3)).toBeFocused();
  await expect(policy).toHaveAttribute('aria-valuetext', '0x0000000008000000');
  // The branch and its drag are one undo step.
  await page.keyboard.press('Control+z');
  await expect(candidate(page, 3)).toHaveCount(0);
  await expect(candidate(page, 2)).toBeVisible();
});

test('zoom to a single 4 KiB page and back', async ({ page }) => {
  await openPlatform(page, 'qemu-virt');
  await page.getByLabel('Compress empty space').uncheck();
  await expect(viewSpan(page)).toHaveText('256 TiB');
  // Select the candidate (at the SW_MSI window), fit it, then zoom in to the deepest level.
  await candidate(page).focus();
  await page.getByRole('button', { name: 'Zoom to selection' }).click();
  const zoomIn = page.getByRole('button', { name: 'Zoom in' });
  for (let i = 0; i < 12; i++) await zoomIn.click();
  await expect(viewSpan(page)).toHaveText('4 KiB');
  await expect(page.locator('.readout')).toContainText(/0x00000000080[0-9a-f]{5}–0x00000000080[0-9a-f]{5}/);
  // Dragging the background pans: moving the content right shows lower addresses.
  const map = page.getByRole('group', { name: /^Address map/ });
  const box = await map.boundingBox();
  const readout = page.locator('.readout .mono').first();
  const before = BigInt(await readout.innerText());
  await page.mouse.move(box!.x + 200, box!.y + 30);
  await page.mouse.down();
  await page.mouse.move(box!.x + 300, box!.y + 30, { steps: 5 });
  await page.mouse.up();
  await expect.poll(async () => BigInt(await readout.innerText()) < before).toBe(true);
  // Mouse wheel zooms out around the pointer.
  await page.mouse.move(box!.x + box!.width / 2, box!.y + 60);
  await page.mouse.wheel(0, 600);
  await expect(viewSpan(page)).not.toHaveText('4 KiB');
  await page.getByRole('button', { name: 'Fit aperture' }).click();
  await expect(viewSpan(page)).toHaveText('256 TiB');
});

test('compressed mode on and off', async ({ page }) => {
  await openPlatform(page, 'qemu-virt');
  const compress = page.getByLabel('Compress empty space');
  await expect(compress).toBeChecked();
  await expect(page.locator('.readout')).toContainText('compressed axis');
  // Compressed, the 1 MiB window is wide enough to see and click.
  const body = await candidate(page).locator('rect').first().boundingBox();
  expect(body!.width).toBeGreaterThan(10);
  const sw = await laneItemCentre(page, 'resv', /0x0000000008000000/);
  await page.mouse.click(sw.x, sw.y);
  await expect(page.getByRole('region', { name: 'Details' })).toContainText('0x00000000080fffff');
  await compress.uncheck();
  await expect(page.locator('.readout')).toContainText('1 px ≈');
  await compress.check();
  await expect(page.locator('.readout')).toContainText('compressed axis');
});

test('find valid windows and move the candidate into one', async ({ page }) => {
  await openPlatform(page, 'juno-r1');
  // Juno's GICv2m gives no MSI isolation; accept that so the window position alone decides.
  await page.getByLabel('allow_unsafe_interrupts').check();
  await expect(verdict(page)).toContainText('does not work');
  await page.getByRole('button', { name: 'Find valid windows' }).click();
  const band = page.getByRole('button', { name: /^valid MSI windows: 0x0000000080000000/ });
  await band.scrollIntoViewIfNeeded();
  await band.click();
  await expect(verdict(page)).toContainText('works');
  await expect(candidate(page)).toHaveAttribute('aria-valuetext', /^0x00000000[89a-f]/);
});
