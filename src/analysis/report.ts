/**
 * The plain-text report of an analysis, ready to paste into a review mail: ASCII, at most 80
 * columns, no tabs, addresses in the kernel's styles (sysfs "0x%016llx", ranges inclusive).
 * Sections: guest map, per group the sysfs lines / VFIO ranges / SW_MSI base / iommufd ranges /
 * MSI doorbells, then each policy's window, conflicts and verdict per device, the valid windows,
 * what the input said it read or modelled (scenario notes) and the assumptions made.
 */
import { hex, rangeSize, type Range } from '../engine/u64.ts';
import type { Analysis, GroupAnalysis, PolicyId, PolicyResult } from './types.ts';
import { POLICY_IDS } from './types.ts';
import { reportNotes } from './reportNotes.ts';
import { ascii, exactSize, labelledRows, rangeHex, wrap } from './textLayout.ts';

export interface ReportOptions {
  /** Policies to include (default: all four). */
  readonly policies?: readonly PolicyId[];
}

const POLICY_TITLES: Record<PolicyId, string> = {
  mainline: 'mainline (fixed MSI_IOVA_BASE 0x08000000)',
  'series-v4': 'series v4 (first free of 0x08000000, 0xa0000000; not merged)',
  dynamic: 'dynamic (kernel picks from free IOVA space; a proposal)',
  userspace: 'userspace (VMM picks via iommufd; PROPOSED, not merged)',
};

const VERDICT: Record<PolicyResult['verdict'], string> = { ok: 'OK', conflict: 'CONFLICT', 'no-window': 'NO WINDOW' };

function sameRanges(a: readonly Range[], b: readonly Range[]): boolean {
  return a.length === b.length && a.every((r, i) => r.start === b[i]!.start && r.last === b[i]!.last);
}

function deviceNames(a: Analysis): Map<string, string> {
  return new Map(a.scenario.devices.map((d) => [d.id, d.name]));
}

function groupSection(g: GroupAnalysis, names: Map<string, string>): string[] {
  const out = wrap(g.devices.map((id) => names.get(id) ?? id).join(', '), `IOMMU group ${ascii(g.group)}: `, '  ');
  out.push('  reserved_regions (sysfs):');
  out.push(...(g.sysfs.length ? g.sysfs.map((l) => `    ${l}`) : ['    (empty: no IOMMU)']));
  if (g.sysfs.length === 0) return out;
  out.push('  VFIO type1 valid IOVA ranges (VFIO_IOMMU_TYPE1_INFO_CAP_IOVA_RANGE):');
  out.push(...(g.vfioRanges === 'einval' ? ['    none: attach fails with -EINVAL'] : g.vfioRanges.map((r) => `    ${rangeHex(r)}`)));
  out.push(`  SW_MSI base (VFIO MSI cookie): ${g.swMsiBase === undefined ? 'none' : hex(g.swMsiBase)}`);
  if (g.iommufdError) out.push(...wrap(g.iommufdError, '  iommufd: ', '    '));
  else if (g.vfioRanges !== 'einval' && sameRanges(g.vfioRanges, g.iommufdRanges)) out.push('  iommufd IOAS ranges: same as VFIO');
  else out.push('  iommufd IOAS ranges (IOMMU_IOAS_IOVA_RANGES):', ...g.iommufdRanges.map((r) => `    ${rangeHex(r)}`));
  if (g.msiDoorbells.length) {
    out.push('  MSI doorbells (register -> IOVA the device writes; page mapped):');
    for (const m of g.msiDoorbells) {
      const who = m.cookie === 'iova' ? 'dma-iommu, kernel driver' : 'VFIO, MSI cookie';
      const line = `${names.get(m.device) ?? m.device}: ${hex(m.doorbell)} -> ${hex(m.address)} (page ${hex(m.page)} -> ${hex(m.iova)}; ${who})`;
      out.push(...wrap(line, '    ', '      '));
    }
  }
  return out;
}

/** One device's result; the explanation is left out when the policy heading already gave it. */
function policyLines(r: PolicyResult, names: Map<string, string>, shared?: string): string[] {
  const win = r.window ? `${rangeHex({ start: r.window.base, last: r.window.base + r.window.size - 1n })}` : 'none';
  const out = wrap(`${names.get(r.device) ?? r.device}: ${win} ${VERDICT[r.verdict]}`, '  ', '    ');
  if (r.explanation !== shared) out.push(...wrap(r.explanation, '    ', '    '));
  for (const c of r.conflicts) {
    out.push(...wrap(`${c.with} ${rangeHex(c.withRange)} (${c.kind}):`, '    conflict: ', '      '));
    out.push(...wrap(c.consequence, '      ', '      '));
  }
  return out;
}

export function textReport(a: Analysis, opts: ReportOptions = {}): string {
  const names = deviceNames(a);
  const s = a.scenario;
  const title = `MSI-window analysis: ${s.name} (${s.id}${s.version !== undefined ? ` v${s.version}` : ''})`;
  const out = [...wrap(title, ''), '='.repeat(Math.min(80, ascii(title).length)), ''];

  out.push('Guest memory map (IOVA == GPA for an assigned device):');
  out.push(...labelledRows(a.guestMap.map((g) => ({ label: g.name, text: `${rangeHex({ start: g.start, last: g.start + g.size - 1n })} ${exactSize(g.size)}` })), '  '));
  out.push('');

  for (const g of a.groups) out.push(...groupSection(g, names), '');

  for (const p of opts.policies ?? POLICY_IDS) {
    out.push(`Policy: ${POLICY_TITLES[p]}`);
    const results = a.policies.filter((r) => r.policy === p);
    const shared = results.every((r) => r.explanation === results[0]?.explanation) ? results[0]?.explanation : undefined;
    if (shared !== undefined) out.push(...wrap(shared, '  ', '  '));
    out.push(...(results.length ? results.flatMap((r) => policyLines(r, names, shared)) : ['  (no device behind an IOMMU)']), '');
  }
  if (a.candidates.length) {
    out.push('Candidate windows (checked as the proposed iommufd option would):');
    for (const r of a.candidates) out.push(...wrap(`candidate ${r.candidateId ?? ''}`, '  '), ...policyLines(r, names));
    out.push('');
  }

  out.push(...wrap('Valid MSI windows: every 1 MiB-aligned 1 MiB window inside these ranges is inside the aperture and the inbound dma-ranges, and clear of guest RAM/BARs and every reserved region except the SW_MSI itself:', ''));
  const noWindow = a.policies.length ? '  none' : '  (no device behind an IOMMU: no MSI window to place)';
  out.push(...(a.validWindows.length ? a.validWindows.map((r) => `  ${rangeHex(r)} ${exactSize(rangeSize(r))}`) : [noWindow]));
  const notes = reportNotes(a);
  if (notes.read.length) out.push('', 'From the input (what was read, modelled or inferred):', ...notes.read.flatMap((x) => wrap(x, '  - ', '    ')));
  out.push('', 'Assumptions:', ...notes.assumed.flatMap((x) => wrap(x, '  - ', '    ')));
  return out.join('\n') + '\n';
}
