/**
 * What the Export menu does: the live map as SVG or 2x PNG, the text report, all as downloads.
 * The map is the address map's rendered <svg class="map">; its file title and description say what it shows.
 */
import { hex16 } from '../../engine/u64.ts';
import { downloadBlob, exportFileName } from '../../export/download.ts';
import { PNG_SCALE, svgToPng } from '../../export/pngExport.ts';
import { currentReport } from '../../export/report.ts';
import { exportSvg, type SvgExportInfo } from '../../export/svgExport.ts';
import { encodeLink } from '../../share/linkCodec.ts';
import { linkStateOf } from '../../share/linkFromStore.ts';
import { appStore } from '../../store/appStore.ts';
import { selectScale } from '../../store/viewSlice.ts';
import { policyLabel, selectWindowEntries } from '../../store/windowSelectors.ts';

/**
 * The address map's <svg> layers, bottom first: svg.map and the layers stacked on it in its
 * wrapper. Found through the wrapper: the trace player draws an svg.map of its own, earlier in
 * the page.
 */
function mapLayers(): SVGSVGElement[] {
  const map = document.querySelector<SVGSVGElement>('.map-wrap > svg.map');
  if (!map?.parentElement) return [];
  return [...map.parentElement.children].filter((e): e is SVGSVGElement => e instanceof SVGSVGElement);
}

async function exportInfo(): Promise<SvgExportInfo> {
  const s = appStore.getState();
  const scale = selectScale(s);
  const name = s.scenario ? `${s.scenario.name} (${s.scenario.id})` : 'no scenario';
  const lines = [
    `Addresses ${hex16(scale.addressAt(0))}-${hex16(scale.addressAt(scale.width) - 1n)}${s.compressed ? ', empty space compressed' : ''}.`,
    ...selectWindowEntries(s).map((e) => `${e.label}: ${e.result.verdict}${e.result.window ? ` at ${hex16(e.result.window.base)}` : ''}.`),
  ];
  const link = linkStateOf(s);
  if (link) lines.push(`Live view: ${window.location.href.replace(/#.*$/, '')}${(await encodeLink(link)).hash}`);
  const background = getComputedStyle(document.body).backgroundColor || '#ffffff';
  return { title: `IOVA Atlas: ${name}, ${policyLabel(s.policy)} policy`, description: lines, background };
}

function scenarioId(): string {
  return appStore.getState().scenario?.id ?? 'scenario';
}

export async function downloadSvg(): Promise<void> {
  const layers = mapLayers();
  if (layers.length === 0) return;
  const text = exportSvg(layers, await exportInfo());
  downloadBlob(new Blob([text], { type: 'image/svg+xml' }), exportFileName(scenarioId(), 'svg'));
}

export async function downloadPng(): Promise<void> {
  const layers = mapLayers();
  if (layers.length === 0) return;
  const text = exportSvg(layers, await exportInfo());
  const box = layers[0]!.getBoundingClientRect();
  const png = await svgToPng(text, Math.round(box.width), Math.round(box.height), PNG_SCALE);
  downloadBlob(png, exportFileName(scenarioId(), 'png'));
}

export function downloadReport(): void {
  const report = currentReport(appStore.getState());
  if (report !== null) downloadBlob(new Blob([report], { type: 'text/plain;charset=utf-8' }), exportFileName(scenarioId(), 'txt'));
}
