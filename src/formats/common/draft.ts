/**
 * A scenario under construction: parsers push what the input tells into plain arrays and call
 * finishScenario once. Everything the input does not tell stays empty (contracts: "filling only
 * what the input tells"), and assumptions go into notes.
 */
import {
  MAINLINE_BEHAVIOUR,
  SCENARIO_SCHEMA,
  type Device,
  type FirmwareReservation,
  type GuestMap,
  type HostBridge,
  type Iommu,
  type MsiController,
  type PhysRegion,
  type Scenario,
  type SourceRef,
} from '../../model/scenario.ts';

export interface ScenarioDraft {
  physicalMap: PhysRegion[];
  iommus: Iommu[];
  hostBridges: HostBridge[];
  msiControllers: MsiController[];
  devices: Device[];
  firmwareReservations: FirmwareReservation[];
  notes: string[];
  guest?: GuestMap;
}

export function newDraft(): ScenarioDraft {
  return { physicalMap: [], iommus: [], hostBridges: [], msiControllers: [], devices: [], firmwareReservations: [], notes: [] };
}

/** The SourceRef of an uploaded file: `parser` names the format ("dtb", "iomem", …). */
export function uploadRef(file: string, parser: string, where?: string): SourceRef {
  return where === undefined ? { file: `upload: ${file}`, version: parser } : { file: `upload: ${file}`, version: parser, where };
}

/**
 * Ids are unique per collection (the scenario schema refuses duplicates, so a scenario with them
 * could not be saved or shared). A parser keys ids on names from the input, and an input can
 * repeat a name (a DTB with two sibling nodes of one name, an mtree line printed twice): later
 * holders get "NAME#2", "NAME#3", … and a note says so. References keep naming the first.
 */
function makeIdsUnique(draft: ScenarioDraft): void {
  let renamed = 0;
  const unique = <T extends { id: string }>(items: T[]): T[] => {
    const seen = new Set<string>();
    // Next suffix to try per repeated id, so n copies of one name cost O(n), not O(n²).
    const nextSuffix = new Map<string, number>();
    // A copy is made at the first repeat only: most inputs have none, and big ones have 10^5 items.
    let out: T[] | undefined;
    for (let i = 0; i < items.length; i += 1) {
      const it = items[i]!;
      const size = seen.size;
      seen.add(it.id); // one hash lookup: the set grows only for a new id
      if (seen.size > size) {
        out?.push(it);
        continue;
      }
      let n = nextSuffix.get(it.id) ?? 2;
      while (seen.has(`${it.id}#${n}`)) n += 1;
      nextSuffix.set(it.id, n + 1);
      const id = `${it.id}#${n}`;
      seen.add(id);
      renamed += 1;
      (out ??= items.slice(0, i)).push({ ...it, id });
    }
    return out ?? items;
  };
  draft.iommus = unique(draft.iommus);
  draft.hostBridges = unique(draft.hostBridges);
  draft.msiControllers = unique(draft.msiControllers);
  draft.devices = unique(draft.devices);
  draft.firmwareReservations = unique(draft.firmwareReservations);
  if (renamed > 0) draft.notes.push(`${renamed} item(s) had the id of an earlier item of the same kind (a name repeated in the input) and were renamed with a "#N" suffix; references name the first.`);
}

export function finishScenario(file: string, parser: string, draft: ScenarioDraft, description: string): Scenario {
  makeIdsUnique(draft);
  const scenario: Scenario = {
    schema: SCENARIO_SCHEMA,
    id: `upload:${file}`,
    name: file,
    description,
    sources: [uploadRef(file, parser)],
    physicalMap: draft.physicalMap,
    iommus: draft.iommus,
    hostBridges: draft.hostBridges,
    msiControllers: draft.msiControllers,
    devices: draft.devices,
    firmwareReservations: draft.firmwareReservations,
    behaviour: MAINLINE_BEHAVIOUR,
    notes: draft.notes,
  };
  return draft.guest === undefined ? scenario : { ...scenario, guest: draft.guest };
}
