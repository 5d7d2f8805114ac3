/**
 * Uploads in real Chromium against the production build: drop, pick and paste the user's own
 * files, combine several, save and reopen as JSON, located errors that leave the open scenario in
 * place, hostile names shown as text, and a 20 MB file parsed off the main thread.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { dropFiles, expectOpenUpload, filesRead, fixture, fixturePath, openApp, platformPicker } from './uploadHelpers.ts';

test.use({ viewport: { width: 1400, height: 1000 } });

const DTB = 'qemu-virt-gicv2-smmuv3-3g.dtb';
const RESV = 'qemu-virt-smmuv3.reserved_regions.txt';
const SW_MSI = '0x0000000008000000–0x00000000080fffff';

test('a dropped QEMU DTB is drawn with its PCIe windows and the SW_MSI verdict', async ({ page }) => {
  await openApp(page);
  await dropFiles(page, [fixture(DTB)]);
  await expectOpenUpload(page, DTB);
  await expect(filesRead(page)).toContainText(`${DTB}: device tree blob:`);
  // QEMU virt (hw/arm/virt.c base_memmap): the PCIe MMIO window is 0x10000000, 0x2eff0000 bytes.
  const phys = page.getByRole('region', { name: 'Physical map' });
  await expect(phys.getByRole('button', { name: /pcie@10000000.*0x0000000010000000/ }).first()).toBeAttached();
  // The SMMUv3 driver's fixed SW_MSI window (MSI_IOVA_BASE, MSI_IOVA_LENGTH).
  await expect(page.getByRole('row', { name: /^Mainline/ })).toContainText(SW_MSI);
  await expect(page.getByRole('status').filter({ hasText: 'MSI window' })).toContainText(/works|does not work/);
  // What the parser assumed is said as text: a DT has no PCI endpoint nodes, and the kernel behaviour.
  const notes = page.getByRole('region', { name: 'About this scenario' }).getByRole('list', { name: 'Assumptions and notes' });
  await expect(notes).toContainText('representative endpoint');
  const assumed = page.getByRole('region', { name: 'About this scenario' }).getByRole('list', { name: 'Assumptions of the analysis', includeHidden: true });
  await expect(assumed).toContainText('Kernel behaviour: DT reservations on a host bridge do not reach its PCI endpoints (mainline');
});

test('a device tree without an IOMMU says there is no MSI window to place, and why', async ({ page }) => {
  await openApp(page);
  await dropFiles(page, [fixture('qemu-virt-gicv3-1g.dtb')]);
  await expectOpenUpload(page, 'qemu-virt-gicv3-1g.dtb');
  await expect(page.getByLabel('Device')).toHaveText('none behind an IOMMU');
  await expect(page.getByRole('region', { name: 'Verdict' })).toContainText('No device in this scenario is behind a described IOMMU');
  const notes = page.getByRole('region', { name: 'About this scenario' }).getByRole('list', { name: 'Assumptions and notes' });
  await expect(notes).toContainText('No IOMMU in this device tree');
});

test('the drop overlay shows while files are dragged over the page', async ({ page }) => {
  await openApp(page);
  await dropFiles(page, [fixture(RESV)], { keepDragging: true });
  await expect(page.getByText('Drop files to read them')).toBeVisible();
  await page.dispatchEvent('main', 'dragleave');
  await expect(page.getByText('Drop files to read them')).toHaveCount(0);
});

test('several files picked together combine into one scenario', async ({ page }) => {
  await openApp(page);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open files…' }).click();
  await (await chooser).setFiles([fixturePath(DTB), fixturePath(RESV)]);
  await expectOpenUpload(page, `${DTB} + ${RESV}`);
  const reads = filesRead(page);
  await expect(reads).toContainText(`${DTB}: device tree blob:`);
  await expect(reads).toContainText(`${RESV}: reserved_regions dump:`);
});

test('a reserved_regions dump pasted into the dialog is read', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Paste text…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Paste text' });
  await dialog.getByLabel('Text to read').fill(readFileSync(fixturePath(RESV), 'utf8'));
  await dialog.getByRole('button', { name: 'Read' }).click();
  await expectOpenUpload(page, 'pasted text');
  await expect(filesRead(page)).toContainText('pasted text: reserved_regions dump:');
  await expect(page.getByRole('region', { name: 'Reserved regions' }).getByRole('button', { name: new RegExp(SW_MSI) })).toHaveCount(1);
});

test('pasted text that fails to read stays in the dialog with the caret where reading stopped', async ({ page }) => {
  await openApp(page);
  const before = await platformPicker(page).locator('option:checked').textContent();
  await page.getByRole('button', { name: 'Paste text…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Paste text' });
  const text = dialog.getByLabel('Text to read');
  const broken = '/dts-v1/;\n/ {\n  #address-cells = <2>;\n  memory@40000000 { reg = <0 0x40000000 0 ; };\n};\n';
  await text.fill(broken);
  await dialog.getByRole('button', { name: 'Read' }).click();
  await expect(dialog.getByRole('alert')).toContainText('pasted text, line 4, column 43');
  await expect(text).toBeFocused();
  expect(await text.evaluate((t: HTMLTextAreaElement) => t.value.slice(t.selectionStart))).toMatch(/^; };/);
  await expect(platformPicker(page).locator('option:checked')).toHaveText(before ?? '');
  // Closed and opened again, the dialog still has the text; fixed, it reads and closes.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('button', { name: 'Paste text…' }).click();
  await expect(text).toHaveValue(broken);
  await text.fill(broken.replace('0 ;', '0 0x1000>;'));
  await dialog.getByRole('button', { name: 'Read' }).click();
  await expect(dialog).toHaveCount(0);
  await expectOpenUpload(page, 'pasted text');
});

test('Ctrl+V outside a text field reads the clipboard', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openApp(page);
  await page.evaluate((text) => navigator.clipboard.writeText(text), readFileSync(fixturePath(RESV), 'utf8'));
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+V');
  await expectOpenUpload(page, 'pasted text');
  await expect(filesRead(page)).toContainText('pasted text: reserved_regions dump:');
});

test('a broken file gives a located error and the open scenario stays', async ({ page }) => {
  await openApp(page);
  const before = await platformPicker(page).locator('option:checked').textContent();
  await dropFiles(page, [fixture('broken-missing-semicolon.dts')]);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText("broken-missing-semicolon.dts, line 10, column 2: expected ';'");
  await expect(alert).toContainText("found '}'");
  await expect(platformPicker(page).locator('option:checked')).toHaveText(before ?? '');
  await expect(page.getByRole('slider', { name: /^MSI window candidate 1/ })).toBeVisible();
  // A truncated blob is located by byte offset.
  const dtb = fixture(DTB);
  await dropFiles(page, [{ name: 'truncated.dtb', bytes: dtb.bytes.subarray(0, 100) }]);
  await expect(page.getByRole('alert')).toContainText('truncated.dtb, at byte offset');
  await expect(platformPicker(page).locator('option:checked')).toHaveText(before ?? '');
});

test('what the good files gave is offered only as a labelled partial result', async ({ page }) => {
  await openApp(page);
  const before = await platformPicker(page).locator('option:checked').textContent();
  const dtb = fixture(DTB);
  await dropFiles(page, [fixture(RESV), { name: 'truncated.dtb', bytes: dtb.bytes.subarray(0, 100) }]);
  await expect(page.getByRole('alert')).toContainText('truncated.dtb, at byte offset');
  await expect(platformPicker(page).locator('option:checked')).toHaveText(before ?? '');
  await page.getByRole('button', { name: /^Open the partial result \(partial/ }).click();
  await expectOpenUpload(page, `${RESV} + truncated.dtb (partial)`);
  await expect(filesRead(page)).toContainText('Partial result: reading stopped at truncated.dtb, at byte offset');
  await expect(page.getByRole('region', { name: 'Reserved regions' }).getByRole('button', { name: new RegExp(SW_MSI) })).toHaveCount(1);
});

test('markup in node names is shown as text, never run', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await openApp(page);
  await dropFiles(page, [fixture('hostile-names.dtb')]);
  await expectOpenUpload(page, 'hostile-names.dtb');
  const phys = page.getByRole('region', { name: 'Physical map' });
  // The two 4 KiB nodes are one cluster at full zoom: zoom in the way a screen reader user would.
  await phys.getByRole('button', { name: /^2 items \(zoom in\)/ }).dispatchEvent('click');
  const img = phys.getByRole('button', { name: /^<img src=x onerror=alert\(1\)>@9000000/ });
  await expect(img).toBeAttached();
  await expect(phys.getByRole('button', { name: /^<script>@9010000/ })).toBeAttached();
  await img.dispatchEvent('click');
  await expect(page.getByRole('region', { name: 'Details' }).getByRole('heading', { name: '<img src=x onerror=alert(1)>@9000000' })).toBeVisible();
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  await expect(page.locator('body script')).toHaveCount(0);
  // Give an injected handler every chance to fire.
  await page.waitForTimeout(300);
  expect(dialogs).toEqual([]);
});

test('an upload saved as JSON opens again as scenario JSON', async ({ page }) => {
  await openApp(page);
  await dropFiles(page, [fixture(DTB)]);
  await expectOpenUpload(page, DTB);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save as JSON' }).click();
  const saved = await download;
  expect(saved.suggestedFilename()).toBe(`${DTB}.json`);
  const text = readFileSync(await saved.path(), 'utf8');
  expect(JSON.parse(text).schema).toBe('iova-atlas/scenario@1');
  await dropFiles(page, [{ name: saved.suggestedFilename(), bytes: new TextEncoder().encode(text) }]);
  await expectOpenUpload(page, `${DTB}.json`);
  await expect(filesRead(page)).toContainText(`${DTB}.json: scenario JSON:`);
  await expect(page.getByRole('row', { name: /^Mainline/ })).toContainText(SW_MSI);
  // Both uploads stay in the picker.
  await platformPicker(page).selectOption({ label: `Upload: ${DTB}` });
  await expect(filesRead(page)).toContainText(`${DTB}: device tree blob:`);
});

test('a 20 MB /proc/iomem shows progress, can be cancelled, and the page keeps responding', async ({ page }) => {
  test.setTimeout(90_000);
  await openApp(page);
  const before = await platformPicker(page).locator('option:checked').textContent();
  /** Drops a generated /proc/iomem of about 20 MB (one top-level range per line). */
  const dropBig = () =>
    page.evaluate(() => {
      const lines: string[] = [];
      let size = 0;
      for (let i = 0; size < 20e6; i++) {
        const a = 0x100000000 + i * 0x2000;
        const line = `${a.toString(16)}-${(a + 0xfff).toString(16)} : Reserved block ${i}`;
        lines.push(line);
        size += line.length + 1;
      }
      const dt = new DataTransfer();
      dt.items.add(new File([lines.join('\n') + '\n'], 'big-iomem.txt'));
      document.querySelector('main')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    });

  await dropBig();
  const progress = page.getByRole('progressbar', { name: 'Upload progress' });
  await expect(progress).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'cancelled' })).toContainText('big-iomem.txt');
  await expect(platformPicker(page).locator('option:checked')).toHaveText(before ?? '');

  await dropBig();
  await expect(page.getByRole('status').filter({ hasText: /Parsing big-iomem.txt as \/proc\/iomem/ })).toBeVisible();
  // The main thread is free while the worker parses: a dialog opens and closes.
  await page.getByRole('button', { name: 'Paste text…' }).click();
  await expect(page.getByRole('dialog', { name: 'Paste text' })).toBeVisible();
  await expect(progress).toBeVisible();
  await page.getByRole('dialog', { name: 'Paste text' }).getByRole('button', { name: 'Cancel' }).click();
  // Parsing, decoding and drawing 457,000 ranges on a loaded CI machine can take a while.
  await expectOpenUpload(page, 'big-iomem.txt', 60_000);
  await expect(filesRead(page)).toContainText('big-iomem.txt: /proc/iomem:');
});
