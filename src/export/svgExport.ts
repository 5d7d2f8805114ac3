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

/**
 * Presentation properties worth carrying, with their SVG initial values: a value is written only
 * where it differs from what the element would inherit (or, for the two properties that do not
 * inherit, from the initial value), which keeps the file small and readable.
 */
const INITIAL: Readonly<Record<string, string>> = {
  fill: 'rgb(0, 0, 0)',
  'fill-opacity': '1',
  stroke: 'none',
  'stroke-width': '1px',
  'stroke-opacity': '1',
  'stroke-dasharray': 'none',
  'stroke-linecap': 'butt',
  'stroke-linejoin': 'miter',
  opacity: '1',
  'font-size': '16px',
  'font-weight': '400',
  'font-style': 'normal',
  'text-anchor': 'start',
  'dominant-baseline': 'auto',
  'paint-order': 'normal',
  'shape-rendering': 'auto',
};
const NOT_INHERITED = new Set(['opacity', 'dominant-baseline']);

type Styles = Readonly<Record<string, string>>;

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

/** Never drawn themselves (they may compute to display:none) but used by what is drawn. */
const KEEP = new Set(['defs', 'pattern', 'linearGradient', 'radialGradient', 'clipPath', 'mask', 'marker', 'symbol']);

/** Clean the clone's attributes and write the styles that differ from what it inherits. */
function inlineStyle(src: Element, dst: Element, view: Window, inherited: Styles): Styles | undefined {
  const cs = view.getComputedStyle(src);
  if (!KEEP.has(src.localName) && (cs.display === 'none' || cs.visibility === 'hidden')) return undefined;
  for (const a of [...dst.attributes]) {
    if (DROP_ATTRS.test(a.name)) dst.removeAttribute(a.name);
    else if (/(^|:)href$/.test(a.name) && !a.value.startsWith('#')) dst.removeAttribute(a.name);
  }
  const own: Record<string, string> = {};
  for (const p of Object.keys(INITIAL)) {
    const value = localPaint(cs.getPropertyValue(p));
    own[p] = value;
    const base = NOT_INHERITED.has(p) ? INITIAL[p] : inherited[p];
    if (value && value !== base) dst.setAttribute(p, value);
  }
  if (src.localName === 'text' || src.localName === 'tspan') {
    dst.setAttribute('font-family', /mono/i.test(cs.getPropertyValue('font-family')) ? MONO_STACK : SANS_STACK);
  }
  return own;
}

/** Copy styles from the live tree onto the clone, element by element; drop what must not go. */
function walk(src: Element, dst: Element, view: Window, inherited: Styles): void {
  const dstKids = [...dst.children];
  [...src.children].forEach((s, i) => {
    const d = dstKids[i]!;
    if (DROP.has(s.localName)) return d.remove();
    // A <title> or <desc> is text for people and tools: nothing to style.
    if (s.localName === 'title' || s.localName === 'desc') return;
    const own = inlineStyle(s, d, view, inherited);
    if (own) walk(s, d, view, own);
    else d.remove();
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
  walk(layer, clone, layer.ownerDocument.defaultView!, INITIAL);
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
