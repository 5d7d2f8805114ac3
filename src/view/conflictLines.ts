/**
 * The conflicts panel's lines: one per distinct conflict, naming every window that has it (a
 * device-wide conflict such as missing MSI isolation is the same for every window, so it is said
 * once), and the address range to zoom to when the line is chosen.
 */
import type { Range } from '../engine/u64.ts';

export interface WindowWithConflicts {
  readonly key: string;
  readonly label: string;
  readonly window: { readonly base: bigint; readonly size: bigint } | null;
  readonly conflicts: readonly { readonly with: string; readonly withRange: Range; readonly kind: string; readonly consequence: string }[];
}

export interface ConflictLine {
  readonly key: string;
  /** Window labels, in the order given. */
  readonly owners: string[];
  /** Key of the first window that has it (selected when the line is chosen). */
  readonly ownerKey: string;
  readonly kind: string;
  /** How the line introduces `with` (conflictRelation). */
  readonly relation: string;
  readonly with: string;
  readonly withRange: Range;
  readonly consequence: string;
  /** What to show: the window when the conflict overlaps it, else window and obstacle together. */
  readonly zoom: Range | null;
}

/**
 * Only an overlap "collides": a window outside the aperture or the inbound dma-ranges lies
 * outside them, an isolation failure is caused by a controller, a rejected option is rejected by
 * the uAPI call named in `with`.
 */
export function conflictRelation(kind: string): string {
  switch (kind) {
    case 'outside-aperture':
    case 'outside-inbound-window':
      return 'Lies';
    case 'msi-isolation':
      return 'Caused by';
    case 'uapi-validation':
      return 'Rejected by';
    case 'no-sw-msi':
      return 'Nothing free in';
    case 'no-valid-window':
      return 'Affects';
    case 'no-iommu':
      return 'Device';
    default:
      return 'Collides with';
  }
}

function zoomRange(w: WindowWithConflicts['window'], r: Range): Range | null {
  if (!w) return r;
  const last = w.base + w.size - 1n;
  if (r.start <= last && w.base <= r.last) return { start: w.base, last };
  return { start: r.start < w.base ? r.start : w.base, last: r.last > last ? r.last : last };
}

export function conflictLines(windows: readonly WindowWithConflicts[]): ConflictLine[] {
  const byKey = new Map<string, ConflictLine>();
  for (const w of windows) {
    for (const c of w.conflicts) {
      const key = `${c.kind}|${c.with}|${c.withRange.start}|${c.withRange.last}|${c.consequence}`;
      const seen = byKey.get(key);
      if (seen) seen.owners.push(w.label);
      else byKey.set(key, { key, owners: [w.label], ownerKey: w.key, kind: c.kind, relation: conflictRelation(c.kind), with: c.with, withRange: c.withRange, consequence: c.consequence, zoom: zoomRange(w.window, c.withRange) });
    }
  }
  return [...byKey.values()];
}
