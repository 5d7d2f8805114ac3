/**
 * What every reserved-region producer returns: kernel-faithful regions (start, length, prot, type,
 * in driver order) plus provenance for the UI — a short name, the kernel rule that made the
 * region, and one source string naming the driver function and the firmware node or entry.
 */
import type { ResvRegion } from '../../engine/resvRegions.ts';
import type { Device, FirmwareReservation, HostBridge, Iommu, ResvTypeName, Scenario } from '../../model/scenario.ts';

export interface ProducedRegion extends ResvRegion {
  readonly name: string;
  readonly rule: string;
  readonly sources: readonly string[];
}

export interface ProducerContext {
  readonly scenario: Scenario;
  readonly device: Device;
  readonly iommu: Iommu;
  readonly bridge?: HostBridge;
  /**
   * Whether a PCI endpoint without its own DT node sees the host bridge's node (patch 2/4 of the
   * v4 series; mainline: scenario.behaviour.dtReservationsReachPci, normally false).
   */
  readonly dtReachesPci: boolean;
}

export function produced(
  start: bigint,
  length: bigint,
  prot: number,
  type: ResvTypeName,
  name: string,
  rule: string,
  source: string,
): ProducedRegion {
  return { start, length, prot, type, name, rule, sources: [source] };
}

/** Length of an inclusive range as the kernel's size_t (the range never covers all 2^64 bytes here). */
export function lengthOf(r: { start: bigint; last: bigint }): bigint {
  return r.last - r.start + 1n;
}

/** Whether a firmware reservation names the device itself or the host bridge it sits below. */
export function appliesToDevice(r: FirmwareReservation, device: Device): boolean {
  return r.appliesTo.includes(device.id) || (device.hostBridge !== undefined && r.appliesTo.includes(device.hostBridge));
}

interface ScenarioIndex {
  readonly reservations: ReadonlyMap<string, FirmwareReservation>;
  readonly acpi: boolean;
}

/** Lookups every device needs, built once per (immutable) scenario: 10,000 regions stay cheap. */
const indexes = new WeakMap<Scenario, ScenarioIndex>();

function scenarioIndex(s: Scenario): ScenarioIndex {
  let ix = indexes.get(s);
  if (!ix) {
    // One pass, no [id, r] pair per reservation (10,000 of them on every platform switch).
    const reservations = new Map<string, FirmwareReservation>();
    let acpi = false;
    for (const r of s.firmwareReservations) {
      reservations.set(r.id, r);
      acpi ||= r.kind === 'iort-rmr' || r.kind === 'iort-msi-quirk';
    }
    ix = { reservations, acpi };
    indexes.set(s, ix);
  }
  return ix;
}

/**
 * A memo per scenario and key object. The firmware part of a device's list does not depend on
 * the kernel variant when the DT node read is the same, so mainline and the series get the same
 * region objects, built once (and the analysis can match them by identity).
 */
export function memoPerScenario<K extends object, V>(): (s: Scenario, key: K, make: () => V) => V {
  const memo = new WeakMap<Scenario, WeakMap<K, V>>();
  return (s, key, make) => {
    let perKey = memo.get(s);
    if (!perKey) {
      perKey = new WeakMap();
      memo.set(s, perKey);
    }
    let value = perKey.get(key);
    if (value === undefined) {
      value = make();
      perKey.set(key, value);
    }
    return value;
  };
}

/** Firmware reservations by id (callers looking up many ids fetch the map once). */
export function reservationsById(s: Scenario): ReadonlyMap<string, FirmwareReservation> {
  return scenarioIndex(s).reservations;
}

/**
 * ACPI or DT boot? The scenario has no explicit flag; IORT entries only exist on ACPI systems,
 * so a scenario with any IORT reservation is treated as booted with ACPI (then no device has an
 * of_node and of_iommu_get_resv_regions never runs).
 */
export function bootsWithAcpi(s: Scenario): boolean {
  return scenarioIndex(s).acpi;
}
