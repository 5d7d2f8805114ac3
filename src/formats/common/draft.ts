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

export function finishScenario(file: string, parser: string, draft: ScenarioDraft, description: string): Scenario {
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
