/**
 * The JSON report for scripts (issue 3, "CLI"): the keys the issue lists, plus each group's MSI
 * doorbell mappings; hex strings lower-case with 0x. `platform` is the scenario id; devices are named by id.
 */
import { hex, type Range } from '../engine/u64.ts';
import type { ReportOptions } from './report.ts';
import { POLICY_IDS, type Analysis } from './types.ts';

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
}

function pair(r: Range): [string, string] {
  return [hex(r.start), hex(r.last)];
}

export function jsonReport(a: Analysis, opts: ReportOptions = {}): JsonReport {
  const wanted = new Set(opts.policies ?? POLICY_IDS);
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
  };
}
