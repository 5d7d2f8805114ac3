/** Save a Blob as a file: an object URL on a temporary <a download>, revoked right after. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** "qemu-virt" → "iova-atlas-qemu-virt.svg": only characters safe in any file system. */
export function exportFileName(scenarioId: string, ext: string): string {
  const base = scenarioId.replace(/[^\w.-]+/g, '-').replace(/^[-.]+|-+$/g, '') || 'scenario';
  return `iova-atlas-${base}.${ext}`;
}
