/**
 * User-placed MSI-window candidates: "what if the SW_MSI window were here?". Each is plain data
 * (id, base, size, alignment as BigInts) so a link or an undo history can hold it verbatim.
 * `dragging` marks a gesture in progress (one drag = one undo step for a history layer).
 */
import type { StateCreator } from 'zustand';
import { MSI_IOVA_BASE, MSI_IOVA_LENGTH } from '../engine/resvRegions.ts';
import type { Range } from '../engine/u64.ts';
import { MAX_CANDIDATES } from '../share/linkLimits.ts';
import { DEFAULT_ALIGNMENT, effectiveAlignment, snapBase, windowBasesIn } from '../view/snap.ts';
import { selectAnalysis, selectGranule } from './analysisSlice.ts';
import type { AppState } from './appState.ts';

export interface Candidate {
  readonly id: string;
  readonly base: bigint;
  readonly size: bigint;
  readonly alignment: bigint;
}

export interface CandidatesSlice {
  readonly candidates: readonly Candidate[];
  /** The candidate whose verdict is shown (the last one touched). */
  readonly activeCandidate: string | null;
  readonly dragging: string | null;
  /**
   * Add a candidate (at `base`, else on the lowest free valid window) and make it active and
   * selected. Returns its id, or null when there are already as many as a link carries.
   */
  addCandidate(base?: bigint): string | null;
  /** Move a candidate; the base is snapped to its alignment (never finer than the granule) and kept inside the space. */
  moveCandidate(id: string, base: bigint): void;
  removeCandidate(id: string): void;
  /** Change what a candidate snaps to (a power of two; never finer than the granule in effect). */
  setCandidateAlignment(id: string, alignment: bigint): void;
  /**
   * Put the active candidate (or a new one) on the aligned window at or below `at`, kept inside
   * `within` (a range of valid windows) when given, and select it.
   */
  placeActiveCandidate(at: bigint, within?: Range): void;
  setActiveCandidate(id: string): void;
  setDragging(id: string | null): void;
}

/** The first candidate sits where mainline puts the window, so dragging starts from the known case. */
export const FIRST_CANDIDATE: Candidate = { id: 'c1', base: MSI_IOVA_BASE, size: MSI_IOVA_LENGTH, alignment: DEFAULT_ALIGNMENT };

export const createCandidatesSlice: StateCreator<AppState, [], [], CandidatesSlice> = (set, get) => ({
  candidates: [FIRST_CANDIDATE],
  activeCandidate: FIRST_CANDIDATE.id,
  dragging: null,
  addCandidate: (base) => {
    const s = get();
    if (s.candidates.length >= MAX_CANDIDATES) return null; // a link carries no more (share/linkLimits.ts)
    const id = nextId(s.candidates);
    const at = base ?? freeValidBase(s) ?? MSI_IOVA_BASE + BigInt(s.candidates.length) * 16n * DEFAULT_ALIGNMENT;
    const c: Candidate = { ...FIRST_CANDIDATE, id, base: snapBase(at, MSI_IOVA_LENGTH, DEFAULT_ALIGNMENT) };
    set({ candidates: [...s.candidates, c], activeCandidate: id, selection: { lane: 'windows', key: `candidate:${id}` } });
    return id;
  },
  moveCandidate: (id, base) =>
    set((s) => {
      const granule = selectGranule(s);
      return {
        activeCandidate: id,
        candidates: s.candidates.map((c) => (c.id === id ? { ...c, base: snapBase(base, c.size, effectiveAlignment(c.alignment, granule)) } : c)),
      };
    }),
  removeCandidate: (id) =>
    set((s) => {
      const candidates = s.candidates.filter((c) => c.id !== id);
      const activeCandidate = s.activeCandidate === id ? (candidates[0]?.id ?? null) : s.activeCandidate;
      return { candidates, activeCandidate };
    }),
  placeActiveCandidate: (at, within) => {
    const s = get();
    const c = s.candidates.find((x) => x.id === s.activeCandidate) ?? s.candidates[0];
    if (!c) {
      s.addCandidate(at);
      return;
    }
    const align = effectiveAlignment(c.alignment, selectGranule(s));
    let base = (at / align) * align;
    const fits = within ? windowBasesIn([within], c.size, align)[0] : undefined;
    if (fits) base = base < fits.first ? fits.first : base > fits.last ? fits.last : base;
    s.moveCandidate(c.id, base);
    s.select({ lane: 'windows', key: `candidate:${c.id}` });
  },
  setCandidateAlignment: (id, alignment) =>
    set((s) => ({ candidates: s.candidates.map((c) => (c.id === id && alignment > 0n ? { ...c, alignment } : c)) })),
  setActiveCandidate: (activeCandidate) => set({ activeCandidate }),
  setDragging: (dragging) => set({ dragging }),
});

/** The lowest valid window no candidate sits on yet, so a new candidate starts somewhere that works. */
function freeValidBase(s: AppState): bigint | undefined {
  const valid = selectAnalysis(s)?.validWindows ?? [];
  const align = effectiveAlignment(DEFAULT_ALIGNMENT, selectGranule(s));
  const taken = new Set(s.candidates.map((c) => c.base));
  for (const r of windowBasesIn(valid, MSI_IOVA_LENGTH, align)) {
    for (let b = r.first, n = 0; b <= r.last && n <= s.candidates.length; b += align, n++) if (!taken.has(b)) return b;
  }
  return undefined;
}

function nextId(list: readonly Candidate[]): string {
  let n = list.length + 1;
  while (list.some((c) => c.id === `c${n}`)) n += 1;
  return `c${n}`;
}

/** "candidate 2" for id "c2". */
export function candidateLabel(id: string): string {
  return `candidate ${id.replace(/^c/, '')}`;
}
