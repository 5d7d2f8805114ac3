/** A rectangle as SVG path data, so many rectangles of one style can be a single <path>. */
const num = (v: number): number => Math.round(v * 100) / 100;

export function rectPath(x: number, y: number, w: number, h: number): string {
  return `M${num(x)} ${num(y)}h${num(w)}v${num(h)}h${num(-w)}z`;
}
