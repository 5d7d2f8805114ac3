/**
 * Checks a scenario beyond its JSON shape: inclusive ranges run forwards, sizes do not wrap past
 * 2^64, granules are powers of two, ids are unique and every reference names something that
 * exists. Each problem carries the JSON path of the offending value so the codec can give its
 * line and column.
 */
import { U64_MAX, log2Exact, type Range } from '../engine/u64.ts';
import type { JsonPath } from './jsonText.ts';
import type { Scenario } from './scenario.ts';

export interface Problem {
  readonly path: JsonPath;
  readonly message: string;
}

function checkRange(r: Range, path: JsonPath, out: Problem[]): void {
  if (r.start > r.last) out.push({ path: [...path, 'last'], message: 'last must not be below start (ranges are inclusive)' });
}

function checkSpan(start: bigint, size: bigint, path: JsonPath, startKey: string, out: Problem[]): void {
  if (size === 0n) out.push({ path: [...path, 'size'], message: 'size must not be zero' });
  else if (start + size - 1n > U64_MAX) out.push({ path: [...path, startKey], message: 'start + size runs past 2^64' });
}

function checkUnique(items: readonly { id: string }[], key: string, out: Problem[]): Set<string> {
  const seen = new Set<string>();
  items.forEach((it, i) => {
    if (seen.has(it.id)) out.push({ path: [key, i, 'id'], message: `duplicate id "${it.id}" in ${key}` });
    seen.add(it.id);
  });
  return seen;
}

function checkRef(id: string | undefined, known: Set<string>, what: string, path: JsonPath, out: Problem[]): void {
  if (id !== undefined && !known.has(id)) out.push({ path, message: `unknown ${what} "${id}"` });
}

/** All problems, in document order of the collections. */
export function checkScenario(s: Scenario): Problem[] {
  const out: Problem[] = [];
  const iommus = checkUnique(s.iommus, 'iommus', out);
  const bridges = checkUnique(s.hostBridges, 'hostBridges', out);
  const msis = checkUnique(s.msiControllers, 'msiControllers', out);
  const devices = checkUnique(s.devices, 'devices', out);
  const reservations = checkUnique(s.firmwareReservations, 'firmwareReservations', out);
  const targets = new Set([...devices, ...bridges]);

  s.physicalMap.forEach((r, i) => checkRange(r, ['physicalMap', i], out));
  s.iommus.forEach((m, i) => {
    checkRange(m.aperture, ['iommus', i, 'aperture'], out);
    if (log2Exact(m.granule) === undefined) out.push({ path: ['iommus', i, 'granule'], message: 'granule must be a power of two' });
    m.probeRegions?.forEach((r, j) => checkRange(r, ['iommus', i, 'probeRegions', j], out));
  });
  s.hostBridges.forEach((b, i) => {
    b.windows.forEach((w, j) => {
      checkSpan(w.cpuStart, w.size, ['hostBridges', i, 'windows', j], 'cpuStart', out);
      checkSpan(w.busStart, w.size, ['hostBridges', i, 'windows', j], 'busStart', out);
    });
    b.dmaRanges.forEach((d, j) => {
      checkSpan(d.cpuStart, d.size, ['hostBridges', i, 'dmaRanges', j], 'cpuStart', out);
      checkSpan(d.busStart, d.size, ['hostBridges', i, 'dmaRanges', j], 'busStart', out);
    });
    checkRef(b.iommu, iommus, 'IOMMU', ['hostBridges', i, 'iommu'], out);
    checkRef(b.msiController, msis, 'MSI controller', ['hostBridges', i, 'msiController'], out);
    b.memoryRegions?.forEach((id, j) => checkRef(id, reservations, 'firmware reservation', ['hostBridges', i, 'memoryRegions', j], out));
  });
  s.msiControllers.forEach((m, i) => checkRange(m.doorbell, ['msiControllers', i, 'doorbell'], out));
  s.devices.forEach((d, i) => {
    checkRef(d.iommu, iommus, 'IOMMU', ['devices', i, 'iommu'], out);
    checkRef(d.hostBridge, bridges, 'host bridge', ['devices', i, 'hostBridge'], out);
    d.memoryRegions?.forEach((id, j) => checkRef(id, reservations, 'firmware reservation', ['devices', i, 'memoryRegions', j], out));
    d.observedRegions?.forEach((r, j) => checkRange(r, ['devices', i, 'observedRegions', j], out));
  });
  s.firmwareReservations.forEach((r, i) => {
    checkRange(r, ['firmwareReservations', i], out);
    if (r.reg) checkRange(r.reg, ['firmwareReservations', i, 'reg'], out);
    r.appliesTo.forEach((id, j) => checkRef(id, targets, 'device or host bridge', ['firmwareReservations', i, 'appliesTo', j], out));
  });
  s.guest?.regions.forEach((g, i) => checkSpan(g.start, g.size, ['guest', 'regions', i], 'start', out));
  return out;
}
