/**
 * Several files → one scenario (e.g. a DTB plus a reserved_regions dump, or a DTB plus QEMU's
 * mtree). Items are merged by sensible keys: the same id, or the same hardware (an IOMMU at the
 * same register base, an MSI controller with the same doorbell, a host bridge with the same first
 * window); references are renamed to the kept item. All sources and notes are kept, the notes
 * prefixed with the file they came from.
 */
import type { Device, FirmwareReservation, HostBridge, Iommu, MsiController, PhysRegion, Scenario, SourceRef } from '../model/scenario.ts';
import { SCENARIO_SCHEMA } from '../model/scenario.ts';

type Alias = Map<string, string>;

function keyed<T extends { id: string }>(items: T[], incoming: readonly T[], same: (a: T, b: T) => boolean, alias: Alias): void {
  for (const it of incoming) {
    const twin = items.find((x) => x.id === it.id || same(x, it));
    if (twin === undefined) items.push(it);
    else alias.set(it.id, twin.id);
  }
}

const sameIommu = (a: Iommu, b: Iommu) => a.kind === b.kind && a.base === b.base;
const sameMsi = (a: MsiController, b: MsiController) => a.kind === b.kind && a.doorbell.start === b.doorbell.start;
const sameBridge = (a: HostBridge, b: HostBridge) => {
  const wa = a.windows.find((w) => w.kind !== 'io');
  const wb = b.windows.find((w) => w.kind !== 'io');
  return wa !== undefined && wb !== undefined && wa.cpuStart === wb.cpuStart;
};

function rename(id: string | undefined, alias: Alias): string | undefined {
  return id === undefined ? undefined : (alias.get(id) ?? id);
}

function renameBridge(b: HostBridge, iommus: Alias, msis: Alias): HostBridge {
  const iommu = rename(b.iommu, iommus);
  const msi = rename(b.msiController, msis);
  const { iommu: _i, msiController: _m, ...rest } = b;
  return { ...rest, ...(iommu === undefined ? {} : { iommu }), ...(msi === undefined ? {} : { msiController: msi }) };
}

function renameDevice(d: Device, iommus: Alias, bridges: Alias): Device {
  const iommu = rename(d.iommu, iommus);
  const hostBridge = rename(d.hostBridge, bridges);
  const { iommu: _i, hostBridge: _h, ...rest } = d;
  return { ...rest, ...(iommu === undefined ? {} : { iommu }), ...(hostBridge === undefined ? {} : { hostBridge }) };
}

/** A kept bridge takes the IOMMU or MSI controller a merged twin knew and it did not. */
function fillBridge(kept: HostBridge, twin: HostBridge): HostBridge {
  return {
    ...kept,
    ...(kept.iommu === undefined && twin.iommu !== undefined ? { iommu: twin.iommu } : {}),
    ...(kept.msiController === undefined && twin.msiController !== undefined ? { msiController: twin.msiController } : {}),
  };
}

function physKey(p: PhysRegion): string {
  return `${p.start}:${p.last}:${p.kind}:${p.name}`;
}

export function combineScenarios(parts: readonly Scenario[]): Scenario {
  if (parts.length === 1) return parts[0]!;
  const iommus: Iommu[] = [];
  const msis: MsiController[] = [];
  const bridges: HostBridge[] = [];
  const devices: Device[] = [];
  const reservations: FirmwareReservation[] = [];
  const physical: PhysRegion[] = [];
  const physSeen = new Set<string>();
  const sources: SourceRef[] = [];
  const sourceSeen = new Set<string>();
  const notes: string[] = [];
  /** Index of the part each device id came from. */
  const deviceOrigin = new Map<string, number>();
  for (const [partIndex, part] of parts.entries()) {
    const iommuAlias: Alias = new Map();
    const msiAlias: Alias = new Map();
    const bridgeAlias: Alias = new Map();
    keyed(iommus, part.iommus, sameIommu, iommuAlias);
    keyed(msis, part.msiControllers, sameMsi, msiAlias);
    for (const b of part.hostBridges.map((x) => renameBridge(x, iommuAlias, msiAlias))) {
      const i = bridges.findIndex((x) => x.id === b.id || sameBridge(x, b));
      if (i < 0) bridges.push(b);
      else {
        bridgeAlias.set(b.id, bridges[i]!.id);
        bridges[i] = fillBridge(bridges[i]!, b);
      }
    }
    keyed(reservations, part.firmwareReservations, () => false, new Map());
    keyed(devices, part.devices.map((d) => renameDevice(d, iommuAlias, bridgeAlias)), () => false, new Map());
    for (const d of part.devices) if (!deviceOrigin.has(d.id)) deviceOrigin.set(d.id, partIndex);
    for (const p of part.physicalMap) {
      const k = physKey(p);
      if (!physSeen.has(k)) {
        physSeen.add(k);
        physical.push(p);
      }
    }
    for (const s of part.sources) {
      const k = `${s.file}\u0000${s.version}\u0000${s.where ?? ''}`;
      if (!sourceSeen.has(k)) {
        sourceSeen.add(k);
        sources.push(s);
      }
    }
    for (const n of part.notes ?? []) notes.push(`[${part.name}] ${n}`);
  }
  const attached = withoutStandIns(attachObservedGroups(devices, iommus, bridges, notes), deviceOrigin, notes);
  const guest = parts.find((p) => p.guest !== undefined)?.guest;
  const combined: Scenario = {
    schema: SCENARIO_SCHEMA,
    id: `upload:${parts.map((p) => p.name).join('+')}`,
    name: parts.map((p) => p.name).join(' + '),
    description: `combined from ${parts.length} files`,
    sources,
    physicalMap: physical.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0)),
    iommus,
    hostBridges: bridges,
    msiControllers: msis,
    devices: attached,
    firmwareReservations: reservations,
    behaviour: parts[0]!.behaviour,
    notes,
  };
  return guest === undefined ? combined : { ...combined, guest };
}

/**
 * Groups read from a reserved_regions dump carry no IOMMU. When the combined scenario has exactly
 * one IOMMU, that is the one serving them: attach them (and to the only host bridge, if one).
 */
function attachObservedGroups(devices: readonly Device[], iommus: readonly Iommu[], bridges: readonly HostBridge[], notes: string[]): Device[] {
  if (iommus.length !== 1) return [...devices];
  const iommu = iommus[0]!.id;
  const bridge = bridges.length === 1 ? bridges[0]!.id : undefined;
  let count = 0;
  const out = devices.map((d) => {
    if (d.observedRegions === undefined || d.iommu !== undefined || d.observedRegions.length === 0) return d;
    count += 1;
    return { ...d, iommu, ...(bridge !== undefined && d.bus === 'pci' && d.hostBridge === undefined ? { hostBridge: bridge } : {}) };
  });
  if (count > 0) notes.push(`[combined] ${count} reserved_regions group(s) attached to ${iommu}, the only IOMMU in the combined files${bridge === undefined ? '' : `, below ${bridge}`}.`);
  return out;
}

/**
 * A device tree has no nodes for PCI endpoints, so its parser models one representative endpoint
 * per host bridge. When another file (a reserved_regions dump, QEMU's mtree) supplies real PCI
 * devices behind the same IOMMU and host bridge, the stand-in would be a second group for a
 * function that is already there: it is dropped, and a note says so.
 */
function withoutStandIns(devices: readonly Device[], origin: ReadonlyMap<string, number>, notes: string[]): Device[] {
  const realBehind = (rep: Device) =>
    devices.some((d) => !d.representative && d.bus === 'pci' && d.iommu === rep.iommu && d.hostBridge === rep.hostBridge && origin.get(d.id) !== origin.get(rep.id));
  const dropped = devices.filter((d) => d.representative === true && d.iommu !== undefined && realBehind(d));
  if (dropped.length === 0) return [...devices];
  notes.push(
    `[combined] ${dropped.length} representative endpoint(s) of the device tree dropped (${dropped.map((d) => d.name).join('; ')}): another file lists the real PCI devices behind the same IOMMU and host bridge.`,
  );
  return devices.filter((d) => !dropped.includes(d));
}
