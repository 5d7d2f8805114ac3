/**
 * The JSON report for scripts (issue 3, "CLI"): exactly the keys the issue lists, hex strings
 * lower-case with 0x. `platform` is the scenario id; devices are named by id.
 */
import { hex, type Range } from '../engine/u64.ts';
import type { ReportOptions } from './report.ts';
import { POLICY_IDS, type Analysis } from './types.ts';

export interface JsonReport {
  readonly platform: string;
  readonly regions: { name: string; kind: string; start: string; last: string }[];
  readonly groups: { devices: string[]; reservedRegions: string[]; vfioRanges: [string, string][] }[];
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
    groups: a.groups.map((g) => ({ devices: g.devices, reservedRegions: g.sysfs, vfioRanges: g.vfioRanges === 'einval' ? [] : g.vfioRanges.map(pair) })),
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
