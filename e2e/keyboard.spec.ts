/**
 * Keyboard only, from page load: Tab to the platform picker and type Juno r1's name, Tab to the
 * allow_unsafe_interrupts switch and press Space (Juno's GICv2m cannot isolate MSIs, so VFIO
 * refuses every window without it), Tab to the MSI-window slider, then move the window in and out
 * of conflicts with Home/End, the arrows and PageUp/PageDown, reading the verdict (role=status)
 * in words each time. Facts: Juno r1's PCIe dma-ranges start at 0x80000000 and its MMU-401
 * aperture ends at 0xffffffff (public/platforms/juno-r1.json); a step is 1 MiB, a page 16 MiB.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { candidate, verdict } from './visualizerHelpers.ts';

/** Press Tab until `target` has the focus; the mouse is never used. */
async function tabTo(page: Page, target: Locator, max = 300): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

async function press(page: Page, key: string, base: string, words: RegExp): Promise<void> {
  await page.keyboard.press(key);
  await expect(candidate(page)).toHaveAttribute('aria-valuetext', base);
  await expect(verdict(page)).toHaveText(words);
}

test('choose Juno r1, then move its MSI window into and out of conflicts, keyboard only', async ({ page }) => {
  await page.goto('./');
  await expect(candidate(page)).toBeVisible();

  await tabTo(page, page.getByLabel('Platform'));
  await page.keyboard.type('Arm Juno r1');
  await expect(page.getByLabel('Platform')).toHaveValue('juno-r1');

  // The fixed window: unreachable for inbound MSI writes on Juno (engine-spec §5.3).
  await tabTo(page, candidate(page));
  await expect(candidate(page)).toHaveAttribute('aria-valuetext', '0x0000000008000000');
  await expect(verdict(page)).toHaveText(/does not work: MSI writes to 0x8000000 are outside the root complex's inbound dma-ranges and are silently lost/);

  // Even a reachable window fails while the GICv2m cannot isolate MSIs.
  await page.keyboard.press('Home');
  await expect(verdict(page)).toHaveText(/does not work: vfio_iommu_type1_attach_group and iommufd_device_bind refuse the group with -EPERM unless allow_unsafe_interrupts/);
  await tabTo(page, page.getByRole('checkbox', { name: 'allow_unsafe_interrupts' }));
  await page.keyboard.press('Space');
  await expect(page.getByRole('checkbox', { name: 'allow_unsafe_interrupts' })).toBeChecked();

  await tabTo(page, candidate(page));
  const works = /^MSI window candidate 1 at 0x[0-9a-f]{16}–0x[0-9a-f]{16} \(1 MiB\) works\./;
  const unreachable = /does not work: MSI writes to 0x[0-9a-f]+ are outside the root complex's inbound dma-ranges/;
  const untranslatable = /does not work: the IOMMU cannot translate 0x[0-9a-f]+ \(outside the smmu_pcie/;
  // Home: the lowest valid window, the first MiB of the inbound window.
  await press(page, 'Home', '0x0000000080000000', works);
  await press(page, 'ArrowLeft', '0x000000007ff00000', unreachable);
  await press(page, 'ArrowRight', '0x0000000080000000', works);
  await press(page, 'PageDown', '0x000000007f000000', unreachable);
  await press(page, 'PageUp', '0x0000000080000000', works);
  // End: the highest valid window, the last MiB below the 32-bit aperture's end.
  await press(page, 'End', '0x00000000fff00000', works);
  await press(page, 'ArrowUp', '0x0000000100000000', untranslatable);
  await press(page, 'ArrowDown', '0x00000000fff00000', works);
  await expect(candidate(page)).toBeFocused();
});
