/**
 * Layout of the policies' windows on the MSI-window lane: policies choosing the same window share
 * one mark, and marks go to one of two rows so that their labels do not run into each other.
 */
import { policyLabel, type WindowEntry } from '../../store/windowSelectors.ts';
import type { AddressScale } from '../../view/addressScale.ts';

export interface PolicyMark {
  readonly key: string;
  readonly entries: WindowEntry[];
  readonly base: bigint;
  readonly size: bigint;
}

/** Policies choosing the same window are drawn once, named together. */
export function groupPolicyWindows(entries: readonly WindowEntry[]): PolicyMark[] {
  const out: PolicyMark[] = [];
  for (const e of entries) {
    const w = e.result.window;
    if (e.candidate || !w) continue;
    const same = out.find((m) => m.base === w.base && m.size === w.size);
    if (same) same.entries.push(e);
    else out.push({ key: e.key, entries: [e], base: w.base, size: w.size });
  }
  return out;
}

const LABEL_CHAR_PX = 6.6;

export function policyText(mark: PolicyMark): { names: string; bad: boolean; text: string } {
  const names = mark.entries.map((e) => policyLabel(e.result.policy)).join(' · ');
  const bad = mark.entries.some((e) => e.result.verdict !== 'ok');
  return { names, bad, text: `${names} ${bad ? '✗ conflict' : '✓ works'}` };
}

export interface PlacedPolicyMark {
  readonly mark: PolicyMark;
  row: number;
  readonly x: number;
  readonly w: number;
  /** Room for the label before the next mark of the row. */
  room: number;
}

/** Policy marks go to the first of two rows where their label does not run into another mark. */
export function placePolicyMarks(marks: readonly PolicyMark[], scale: AddressScale): PlacedPolicyMark[] {
  const placed = marks
    .map((mark) => {
      const x0 = scale.x(mark.base);
      const x1 = scale.x(mark.base + mark.size);
      const w = Math.max(x1 - x0, 6);
      return { mark, x: x1 - x0 < 6 ? (x0 + x1) / 2 - 3 : x0, w, row: 0, room: 0 };
    })
    .sort((a, b) => a.x - b.x);
  const rowEnd = [-Infinity, -Infinity];
  for (const p of placed) {
    const want = p.x + p.w + 8 + policyText(p.mark).text.length * LABEL_CHAR_PX;
    p.row = rowEnd[0]! < p.x ? 0 : rowEnd[1]! < p.x ? 1 : rowEnd[0]! <= rowEnd[1]! ? 0 : 1;
    rowEnd[p.row] = want;
  }
  // Labels stop before the next mark in the same row.
  for (const p of placed) {
    const next = placed.find((q) => q.row === p.row && q.x > p.x);
    p.room = (next ? next.x : scale.width) - (p.x + p.w + 8);
  }
  return placed;
}
