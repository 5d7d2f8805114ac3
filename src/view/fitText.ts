/** Labels inside marks: shorten with an ellipsis to the characters that fit (no DOM measuring). */

/** Average advance of the map's 11 px label font, generous so labels never overflow. */
export const CHAR_PX = 6.4;

export function fitText(text: string, widthPx: number, charPx = CHAR_PX): string {
  const n = Math.floor(widthPx / charPx);
  if (n <= 1) return '';
  if (text.length <= n) return text;
  return n <= 3 ? '' : text.slice(0, n - 1) + '…';
}
