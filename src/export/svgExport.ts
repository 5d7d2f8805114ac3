/**
 * The map as a self-contained SVG file: a deep clone of the live map whose computed styles are
 * written onto each element as presentation attributes (fill="…", not style="…": the page's
 * Content-Security-Policy refuses inline style attributes, even on a detached clone; no
 * stylesheet, no classes), fonts replaced by system font stacks,
 * and nothing that points outside the file (only "#id" references to its own patterns survive).
 * Every drawn item keeps the <title> the map gave it, so the file names its regions; the file's
 * own <title> and <desc> say what it shows. The map's stacked layers become one drawing. Text is
 * copied as text, never parsed as markup.
 */
const SVG_NS = 'http://www.w3.org/2000/svg';

/** Presentation properties worth carrying; everything else is the SVG default or irrelevant. */
const STYLE_PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'opacity',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
  'paint-order',
  'shape-rendering',
] as const;

export const SANS_STACK = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif';
export const MONO_STACK = 'ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace';

/** Elements that could fetch, run or embed something. */
const DROP = new Set(['script', 'foreignObject', 'image', 'iframe', 'video', 'audio', 'a', 'style', 'link']);
const DROP_ATTRS = /^(class|style|tabindex|focusable|on.*|data-.*)$/i;

/** `url("http://host/page#hatch")` → `url(#hatch)`; any other url() → none. */
export function localPaint(value: string): string {
  return value.replace(/url\(\s*["']?([^"')]*)["']?\s*\)/g, (_m, ref: string) => {
    const hash = ref.indexOf('#');
    return hash >= 0 ? `url(#${ref.slice(hash + 1)})` : 'none';
  });
}

/** Never drawn themselves (a <title> computes to display:none) but part of the file's meaning. */
const KEEP = new Set(['title', 'desc', 'defs', 'pattern', 'linearGradient', 'radialGradient', 'clipPath', 'mask', 'marker', 'symbol']);

function inlineStyle(src: Element, dst: Element, view: Window): boolean {
  const cs = view.getComputedStyle(src);
  if (!KEEP.has(src.localName) && (cs.display === 'none' || cs.visibility === 'hidden')) return false;
  for (const a of [...dst.attributes]) {
    if (DROP_ATTRS.test(a.name)) dst.removeAttribute(a.name);
    else if (/(^|:)href$/.test(a.name) && !a.value.startsWith('#')) dst.removeAttribute(a.name);
  }
  for (const p of STYLE_PROPS) {
    const value = cs.getPropertyValue(p);
    if (value) dst.setAttribute(p, localPaint(value));
  }
  if (src.localName === 'text' || src.localName === 'tspan') {
    dst.setAttribute('font-family', /mono/i.test(cs.getPropertyValue('font-family')) ? MONO_STACK : SANS_STACK);
  }
  return true;
}

/** Copy styles from the live tree onto the clone, element by element; drop what must not go. */
function walk(src: Element, dst: Element, view: Window): void {
  const srcKids = [...src.children];
  const dstKids = [...dst.children];
  srcKids.forEach((s, i) => {
    const d = dstKids[i]!;
    if (DROP.has(s.localName) || !inlineStyle(s, d, view)) d.remove();
    else if (s.localName !== 'title' && s.localName !== 'desc') walk(s, d, view);
  });
}

export interface SvgExportInfo {
  /** The file's <title>, e.g. "IOVA Atlas: QEMU virt (qemu-virt v1), mainline policy". */
  readonly title: string;
  /** Lines for its <desc>: what is shown (address range, candidates, verdict). */
  readonly description: readonly string[];
  /** Page background, so the file looks the same outside the app. */
  readonly background: string;
}

/** Inline a layer's styles into a clone of it. */
function styledClone(layer: SVGSVGElement): SVGSVGElement {
  const clone = layer.cloneNode(true) as SVGSVGElement;
  walk(layer, clone, layer.ownerDocument.defaultView!);
  return clone;
}

/**
 * `layers` are the map's stacked <svg> elements, bottom first (the map draws its lanes in one
 * and the draggable windows in another on top); they become one file of the first one's size.
 */
export function exportSvg(layers: readonly SVGSVGElement[], info: SvgExportInfo): string {
  const [base, ...above] = layers;
  if (!base) throw new Error('no map to export');
  const doc = base.ownerDocument;
  const clone = styledClone(base);
  for (const layer of above) {
    const g = doc.createElementNS(SVG_NS, 'g');
    const label = layer.getAttribute('aria-label');
    if (label) g.setAttribute('aria-label', label);
    g.append(...styledClone(layer).childNodes);
    clone.append(g);
  }
  const box = base.getBoundingClientRect();
  const width = Math.round(Number(base.getAttribute('width')) || box.width);
  const height = Math.round(Number(base.getAttribute('height')) || box.height);
  for (const a of [...clone.attributes]) if (DROP_ATTRS.test(a.name)) clone.removeAttribute(a.name);
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  clone.setAttribute('viewBox', `0 0 ${width} ${height}`);
  clone.setAttribute('role', 'img');
  clone.setAttribute('font-family', SANS_STACK);

  const title = doc.createElementNS(SVG_NS, 'title');
  title.textContent = info.title;
  const desc = doc.createElementNS(SVG_NS, 'desc');
  desc.textContent = info.description.join('\n');
  const bg = doc.createElementNS(SVG_NS, 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', info.background);
  clone.prepend(title, desc, bg);
  const text = new XMLSerializer().serializeToString(clone);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${text}\n`;
}
