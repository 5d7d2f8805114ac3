/**
 * The JSON report for scripts (issue 3, "CLI"): the keys the issue lists, plus each group's MSI
 * doorbell mappings; hex strings lower-case with 0x. Then what the text report ends with
 * (issue 5): `notes` (what the input said it read, modelled or inferred), `assumptions` (kernel
 * behaviour in effect first) and `inferredRegions` (how each "msi" line of a reserved_regions dump
 * was read). `platform` is the scenario id; devices are named by id.
 */
import { hex, type Range } from '../engine/u64.ts';
import type { ReportOptions } from './report.ts';
import { reportNotes } from './reportNotes.ts';
import { POLICY_IDS, type Analysis } from './types.ts';
import type { Scenario } from '../model/scenario.ts';

/** An MSI doorbell mapping (iommu_dma_get_msi_page): register and page mapped, IOVA page and address written. */
export interface JsonDoorbell {
  readonly device: string;
  readonly cookie: 'iova' | 'msi';
  readonly doorbell: string;
  readonly page: string;
  readonly iova: string;
  readonly address: string;
}

export interface JsonReport {
  readonly platform: string;
  readonly regions: { name: string; kind: string; start: string; last: string }[];
  readonly groups: { devices: string[]; reservedRegions: string[]; vfioRanges: [string, string][]; msiDoorbells: JsonDoorbell[] }[];
  readonly policies: {
    policy: string;
    device: string;
    window: { base: string; size: string } | null;
    conflicts: { with: string; kind: string; consequence: string }[];
    verdict: string;
  }[];
  readonly validWindows: [string, string][];
  readonly notes: string[];
  readonly assumptions: string[];
  /** Regions read from a reserved_regions dump whose type had to be inferred (sysfs prints "msi" for both MSI kinds). */
  readonly inferredRegions: { device: string; start: string; last: string; type: string; inferred: string }[];
}

function pair(r: Range): [string, string] {
  return [hex(r.start), hex(r.last)];
}

function inferredRegions(s: Scenario): JsonReport['inferredRegions'] {
  return s.devices.flatMap((d) =>
    (d.observedRegions ?? []).flatMap((r) => (r.inferred === undefined ? [] : [{ device: d.id, start: hex(r.start), last: hex(r.last), type: r.type, inferred: r.inferred }])),
  );
}

export function jsonReport(a: Analysis, opts: ReportOptions = {}): JsonReport {
  const wanted = new Set(opts.policies ?? POLICY_IDS);
  const notes = reportNotes(a);
  return {
    platform: a.scenario.id,
    regions: a.scenario.physicalMap.map((r) => ({ name: r.name, kind: r.kind, start: hex(r.start), last: hex(r.last) })),
    // A group whose attach fails (-EINVAL: nothing left) has no valid ranges.
    groups: a.groups.map((g) => ({
      devices: g.devices,
      reservedRegions: g.sysfs,
      vfioRanges: g.vfioRanges === 'einval' ? [] : g.vfioRanges.map(pair),
      msiDoorbells: g.msiDoorbells.map((m) => ({ device: m.device, cookie: m.cookie, doorbell: hex(m.doorbell), page: hex(m.page), iova: hex(m.iova), address: hex(m.address) })),
    })),
    policies: a.policies
      .filter((p) => p.policy !== 'candidate' && wanted.has(p.policy))
      .map((p) => ({
        policy: p.policy,
        device: p.device,
        window: p.window ? { base: hex(p.window.base), size: hex(p.window.size) } : null,
        conflicts: p.conflicts.map((c) => ({ with: c.with, kind: c.kind, consequence: c.consequence })),
        verdict: p.verdict,
      })),
    validWindows: a.validWindows.map(pair),
    notes: [...notes.read],
    assumptions: [...notes.assumed],
    inferredRegions: inferredRegions(a.scenario),
  };
}
