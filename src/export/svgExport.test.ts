// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { exportSvg, localPaint, MONO_STACK, SANS_STACK } from './svgExport.ts';

const INFO = { title: 'IOVA Atlas: test', description: ['line one', 'line two'], background: '#ffffff' };

function mapFixture(): SVGSVGElement {
  document.head.replaceChildren();
  const style = document.createElement('style');
  style.textContent = '.resv-sw-msi rect { fill: rgb(200, 30, 30); } .hidden { display: none; } .mono { font-family: monospace; }';
  document.head.append(style);
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('class', 'map');
  svg.setAttribute('width', '640');
  svg.setAttribute('height', '200');
  const g = document.createElementNS(ns, 'g');
  g.setAttribute('class', 'mark resv-sw-msi');
  g.setAttribute('data-key', 'resv:0x8000000');
  g.setAttribute('tabindex', '0');
  const title = document.createElementNS(ns, 'title');
  // Upload text that looks like markup must stay text.
  title.textContent = 'SW_MSI window (MSI_IOVA_BASE) <b>&</b>';
  const rect = document.createElementNS(ns, 'rect');
  rect.setAttribute('fill', 'url(#hatch-conflict)');
  const text = document.createElementNS(ns, 'text');
  text.setAttribute('class', 'mono');
  text.textContent = '0x8000000';
  g.append(title, rect, text);
  const hidden = document.createElementNS(ns, 'g');
  hidden.setAttribute('class', 'hidden');
  const image = document.createElementNS(ns, 'image');
  image.setAttribute('href', 'https://example.com/x.png');
  const use = document.createElementNS(ns, 'use');
  use.setAttribute('href', 'https://example.com/sprite.svg#a');
  svg.append(g, hidden, image, use);
  document.body.append(svg);
  return svg;
}

function parse(text: string): Document {
  return new DOMParser().parseFromString(text, 'image/svg+xml');
}

describe('exportSvg', () => {
  it('is well-formed SVG with a title, a description and the map size', () => {
    const out = parse(exportSvg([mapFixture()], INFO));
    const root = out.documentElement;
    expect(root.localName).toBe('svg');
    expect(root.namespaceURI).toBe('http://www.w3.org/2000/svg');
    expect(root.getAttribute('viewBox')).toBe('0 0 640 200');
    expect(root.querySelector(':scope > title')?.textContent).toBe('IOVA Atlas: test');
    expect(root.querySelector(':scope > desc')?.textContent).toBe('line one\nline two');
  });

  it('keeps every item title as text', () => {
    const titles = [...parse(exportSvg([mapFixture()], INFO)).querySelectorAll('g > title')].map((t) => t.textContent);
    expect(titles).toEqual(['SW_MSI window (MSI_IOVA_BASE) <b>&</b>']);
  });

  it('writes computed styles as presentation attributes and drops classes, data and focus attributes', () => {
    const text = exportSvg([mapFixture()], INFO);
    const g = parse(text).querySelector('g')!;
    expect(g.getAttribute('class')).toBeNull();
    expect(g.getAttribute('data-key')).toBeNull();
    expect(g.getAttribute('tabindex')).toBeNull();
    // Presentation attributes, not style="…", which the page's CSP refuses.
    expect(g.querySelector('rect')!.getAttribute('fill')).toBe('rgb(200, 30, 30)');
    expect(g.querySelector('text')!.getAttribute('font-family')).toBe(MONO_STACK);
    expect(parse(text).documentElement.getAttribute('font-family')).toBe(SANS_STACK);
    expect(text).not.toMatch(/\sstyle=/);
  });

  it('drops hidden elements and anything that points outside the file', () => {
    const text = exportSvg([mapFixture()], INFO);
    expect(text).not.toContain('example.com');
    expect(parse(text).querySelector('image')).toBeNull();
    expect(parse(text).querySelectorAll('svg > g')).toHaveLength(1);
  });
});

describe('layers', () => {
  it('puts the layers stacked on the map into the same file, above it', () => {
    const map = mapFixture();
    const top = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    top.setAttribute('aria-label', 'MSI windows and conflicts');
    const handle = document.createElementNS('http://www.w3.org/2000/svg', 'g');
    const title = document.createElementNS('http://www.w3.org/2000/svg', 'title');
    title.textContent = 'MSI window candidate 1';
    handle.append(title);
    top.append(handle);
    document.body.append(top);
    const root = parse(exportSvg([map, top], INFO)).documentElement;
    const last = root.lastElementChild!;
    expect(last.getAttribute('aria-label')).toBe('MSI windows and conflicts');
    expect(last.querySelector('title')?.textContent).toBe('MSI window candidate 1');
    expect(root.querySelectorAll('svg')).toHaveLength(0);
  });
});

describe('localPaint', () => {
  it('keeps references to the file’s own patterns and removes others', () => {
    expect(localPaint('url("http://127.0.0.1:4173/#hatch-conflict")')).toBe('url(#hatch-conflict)');
    expect(localPaint('url(#hatch-hole)')).toBe('url(#hatch-hole)');
    expect(localPaint('url(https://example.com/x.svg)')).toBe('none');
    expect(localPaint('rgb(1, 2, 3)')).toBe('rgb(1, 2, 3)');
  });
});
