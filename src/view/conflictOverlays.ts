/**
 * Where to hatch: for each conflict of a window, the lanes holding the thing it collides with get
 * a hatched, labelled overlay on the overlap. An item is "the thing" when it has exactly the
 * conflict's range, or the conflict's name and an overlapping range (the analysis may clip).
 */
import type { Range } from '../engine/u64.ts';
import type { Lane } from './laneModel.ts';

export interface WindowConflicts {
  readonly window: { readonly base: bigint; readonly size: bigint } | null;
  readonly conflicts: readonly { readonly with: string; readonly withRange: Range }[];
}

export interface Overlay {
  readonly lane: string;
  readonly row: number;
  readonly start: bigint;
  readonly last: bigint;
  readonly label: string;
}

export function conflictOverlays(lanes: readonly Lane[], windows: readonly WindowConflicts[]): Overlay[] {
  const out: Overlay[] = [];
  const seen = new Set<string>();
  for (const w of windows) {
    if (!w.window) continue;
    const wStart = w.window.base;
    const wLast = w.window.base + w.window.size - 1n;
    for (const c of w.conflicts) {
      const r = c.withRange;
      for (const lane of lanes) {
        for (const it of lane.items) {
          const same = it.start === r.start && it.last === r.last;
          const named = it.name === c.with && it.start <= r.last && r.start <= it.last;
          if (!same && !named) continue;
          const start = [it.start, r.start, wStart].reduce((a, b) => (a > b ? a : b));
          const last = [it.last, r.last, wLast].reduce((a, b) => (a < b ? a : b));
          // No overlap with the window (e.g. "outside the aperture"): hatch the whole item.
          const o = start <= last ? { start, last } : { start: it.start, last: it.last };
          const key = `${lane.id}:${it.row}:${o.start}:${o.last}`;
          if (seen.has(key)) continue;
          seen.add(key);
          out.push({ lane: lane.id, row: it.row, ...o, label: `conflict: ${c.with}` });
        }
      }
    }
  }
  return out;
}
