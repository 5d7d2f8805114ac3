/**
 * Where to hatch: for each conflict of a window, the lanes holding the thing it collides with get
 * a hatched, labelled overlay on the overlap. An item is "the thing" when it has exactly the
 * conflict's range, or the conflict's name and an overlapping range (the analysis may clip).
 * When no item is (e.g. "outside the inbound dma-ranges", a range no lane draws as such), the
 * lane that shows that kind of fact gets the overlay on its first row.
 */
import type { Range } from '../engine/u64.ts';
import { itemsOverlapping } from './laneIndex.ts';
import type { Lane } from './laneModel.ts';

export interface WindowConflicts {
  readonly window: { readonly base: bigint; readonly size: bigint } | null;
  readonly conflicts: readonly { readonly with: string; readonly withRange: Range; readonly kind?: string }[];
}

export interface Overlay {
  readonly lane: string;
  readonly row: number;
  readonly start: bigint;
  readonly last: bigint;
  readonly label: string;
}

/** The lane that shows each kind of obstacle the analysis reports (src/analysis/obstacles.ts). */
export function laneForKind(kind: string | undefined): string {
  if (!kind) return 'phys';
  if (kind.startsWith('guest-')) return 'guest';
  if (kind.endsWith('-region') || kind === 'no-sw-msi') return 'resv';
  if (kind === 'outside-aperture') return 'vfio';
  if (kind === 'outside-inbound-window') return 'dma';
  return 'phys';
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
      let matched = false;
      const add = (o: Overlay): void => {
        matched = true;
        const key = `${o.lane}:${o.row}:${o.start}:${o.last}`;
        if (seen.has(key)) return;
        seen.add(key);
        out.push(o);
      };
      const clipped = (start: bigint, last: bigint): { start: bigint; last: bigint } => {
        const s0 = [start, r.start, wStart].reduce((a, b) => (a > b ? a : b));
        const l0 = [last, r.last, wLast].reduce((a, b) => (a < b ? a : b));
        // No overlap with the window (e.g. an MSI controller elsewhere): hatch the whole thing.
        return s0 <= l0 ? { start: s0, last: l0 } : { start, last };
      };
      for (const lane of lanes) {
        for (const it of itemsOverlapping(lane, r.start, r.last)) {
          const same = it.start === r.start && it.last === r.last;
          const named = it.name === c.with;
          if (same || named) add({ lane: lane.id, row: it.row, ...clipped(it.start, it.last), label: `conflict: ${c.with}` });
        }
      }
      const fallback = laneForKind(c.kind);
      if (!matched && lanes.some((l) => l.id === fallback)) add({ lane: fallback, row: 0, ...clipped(r.start, r.last), label: `conflict: ${c.with}` });
    }
  }
  return out;
}
