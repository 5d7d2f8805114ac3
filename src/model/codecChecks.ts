/**
 * Checks a scenario beyond its JSON shape: inclusive ranges run forwards, sizes do not wrap past
 * 2^64, granules are powers of two, ids are unique and every reference names something that
 * exists. Each problem carries the JSON path of the offending value so the codec can give its
 * line and column.
 */
import { U64_MAX, hex, log2Exact, type Range } from '../engine/u64.ts';
import { describeValue } from './excerpt.ts';
import type { JsonPath } from './jsonText.ts';
import type { Scenario } from './scenario.ts';

export interface Problem {
  /** Where the problem is: the message's line and column come from here. */
  readonly path: JsonPath;
  readonly message: string;
  /** The message says where itself: no "path: " prefix. */
  readonly selfNamed?: boolean;
}

function checkRange(r: Range, path: JsonPath, out: Problem[]): void {
  if (r.start > r.last) out.push({ path: [...path, 'last'], message: `expected last at or above start ${hex(r.start)} (ranges are inclusive), found ${hex(r.last)}` });
}

function checkSpan(start: bigint, size: bigint, path: JsonPath, startKey: string, out: Problem[]): void {
  if (size === 0n) out.push({ path: [...path, 'size'], message: 'expected a non-zero size, found 0x0' });
  else if (start + size - 1n > U64_MAX) out.push({ path: [...path, startKey], message: `expected ${startKey} + size to stay below 2^64, found ${hex(start)} + ${hex(size)}` });
}

function checkUnique(items: readonly { id: string }[], key: string, out: Problem[]): Set<string> {
  const first = new Map<string, number>();
  items.forEach((it, i) => {
    const j = first.get(it.id);
    if (j !== undefined) out.push({ path: [key, i, 'id'], message: `expected an id not used before in ${key}, found ${describeValue(it.id)}, the id of ${key}[${j}]` });
    else first.set(it.id, i);
  });
  return new Set(first.keys());
}

/** `what` names the kind with its article: "an IOMMU". */
function checkRef(id: string | undefined, known: Set<string>, what: string, path: JsonPath, out: Problem[]): void {
  if (id !== undefined && !known.has(id)) out.push({ path, message: `expected the id of ${what} in this scenario, found ${describeValue(id)}, which names none` });
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
    if (log2Exact(m.granule) === undefined) out.push({ path: ['iommus', i, 'granule'], message: `expected a power of two, found ${hex(m.granule)}` });
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
    checkRef(b.iommu, iommus, 'an IOMMU', ['hostBridges', i, 'iommu'], out);
    checkRef(b.msiController, msis, 'an MSI controller', ['hostBridges', i, 'msiController'], out);
    b.memoryRegions?.forEach((id, j) => checkRef(id, reservations, 'a firmware reservation', ['hostBridges', i, 'memoryRegions', j], out));
  });
  s.msiControllers.forEach((m, i) => checkRange(m.doorbell, ['msiControllers', i, 'doorbell'], out));
  s.devices.forEach((d, i) => {
    checkRef(d.iommu, iommus, 'an IOMMU', ['devices', i, 'iommu'], out);
    checkRef(d.hostBridge, bridges, 'a host bridge', ['devices', i, 'hostBridge'], out);
    checkRef(d.msiController, msis, 'an MSI controller', ['devices', i, 'msiController'], out);
    d.memoryRegions?.forEach((id, j) => checkRef(id, reservations, 'a firmware reservation', ['devices', i, 'memoryRegions', j], out));
    d.observedRegions?.forEach((r, j) => checkRange(r, ['devices', i, 'observedRegions', j], out));
  });
  s.firmwareReservations.forEach((r, i) => {
    checkRange(r, ['firmwareReservations', i], out);
    if (r.reg) checkRange(r.reg, ['firmwareReservations', i, 'reg'], out);
    r.appliesTo.forEach((id, j) => checkRef(id, targets, 'a device or host bridge', ['firmwareReservations', i, 'appliesTo', j], out));
  });
  s.guest?.regions.forEach((g, i) => checkSpan(g.start, g.size, ['guest', 'regions', i], 'start', out));
  return out;
}
