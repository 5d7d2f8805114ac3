/**
 * The map's window onto the address axis: `{ start, bytesPerPx }` (exact BigInt start), the map
 * width in CSS pixels, and whether empty space is compressed. `view: null` means "fit the
 * scenario" (set on load and on width changes before the user has zoomed).
 */
import type { StateCreator } from 'zustand';
import { clampView, convertView, fitAxisRange, fitRange, makeScale, spanOf, viewFromTransform, zoomView, type AddressScale, type View } from '../view/addressScale.ts';
import type { AxisMap } from '../view/axisMap.ts';
import { memoLast } from './memo.ts';
import type { AppState } from './appState.ts';
import { selectAxis, selectAxisFor, selectHomeRange } from './axisSelectors.ts';

export interface ViewSlice {
  readonly view: View | null;
  readonly width: number;
  readonly compressed: boolean;
  setWidth(width: number): void;
  setView(view: View): void;
  /** Zoom by `factor` (> 1 = in) around pixel `anchorPx`. */
  zoomBy(factor: number, anchorPx?: number): void;
  /** Move the content by `px` pixels (positive = content moves right). */
  panBy(px: number): void;
  /** Show the scenario's home range (the IOMMU aperture, or the whole space). */
  fitHome(): void;
  /** Show the whole 2^64 (or the whole compressed axis). */
  fitAll(): void;
  /** Zoom to an inclusive address range with a small margin. */
  fitRange(start: bigint, last: bigint): void;
  setCompressed(compressed: boolean): void;
  /** A d3-zoom gesture: transform `{ k, tx }` relative to the gesture's first view `base`. */
  applyZoomTransform(base: View, k: number, tx: number): void;
  /** Pan (keeping the zoom) so that [start, last] is in view, if it is not already. */
  revealRange(start: bigint, last: bigint): void;
  /** Pan (keeping the zoom) so that `addr` is in the centre. */
  centerOn(addr: bigint): void;
}

/** Pixels kept free on each side when zooming to a selection. */
const FIT_MARGIN = 24;

export const createViewSlice: StateCreator<AppState, [], [], ViewSlice> = (set, get) => ({
  view: null,
  width: 960,
  // Compressed by default: every region of a platform is visible at once; the axis says so.
  compressed: true,
  setWidth: (width) => set((s) => ({ width, view: s.view && clampView(s.view, width, selectAxis(s)) })),
  setView: (view) => set((s) => ({ view: clampView(view, s.width, selectAxis(s)) })),
  zoomBy: (factor, anchorPx) => {
    const s = get();
    const axis = selectAxis(s);
    set({ view: zoomView(currentView(s), factor, anchorPx ?? s.width / 2, 0, s.width, axis) });
  },
  panBy: (px) => {
    const s = get();
    set({ view: zoomView(currentView(s), 1, 0, px, s.width, selectAxis(s)) });
  },
  fitHome: () => set({ view: null }),
  fitAll: () => {
    const s = get();
    const axis = selectAxis(s);
    set({ view: fitAxisRange(0n, axis.total, s.width, axis) });
  },
  fitRange: (start, last) => {
    const s = get();
    set({ view: fitRange(start, last, s.width, selectAxis(s), FIT_MARGIN) });
  },
  setCompressed: (compressed) => {
    const s = get();
    if (compressed === s.compressed) return;
    const from = selectAxis(s);
    const to = selectAxisFor(s, compressed);
    set({ compressed, view: s.view && convertView(s.view, s.width, from, to) });
  },
  applyZoomTransform: (base, k, tx) => {
    const s = get();
    set({ view: viewFromTransform(base, k, tx, s.width, selectAxis(s)) });
  },
  revealRange: (start, last) => {
    const s = get();
    const axis = selectAxis(s);
    const view = currentView(s);
    const u0 = axis.toAxis(start);
    const u1 = axis.toAxis(last + 1n);
    if (u0 >= view.start && u1 <= view.start + spanOf(view, s.width)) return;
    const half = BigInt(Math.round((s.width / 2) * view.bytesPerPx));
    set({ view: clampView({ start: (u0 + u1) / 2n - half, bytesPerPx: view.bytesPerPx }, s.width, axis) });
  },
  centerOn: (addr) => {
    const s = get();
    const axis = selectAxis(s);
    const view = currentView(s);
    const half = BigInt(Math.round((s.width / 2) * view.bytesPerPx));
    set({ view: clampView({ start: axis.toAxis(addr) - half, bytesPerPx: view.bytesPerPx }, s.width, axis) });
  },
});

const homeView = memoLast((start: bigint, last: bigint, width: number, axis: AxisMap): View => fitRange(start, last, width, axis));

/** The view in effect: the stored one, or the home fit when none is stored (a stable object). */
export function currentView(s: AppState): View {
  if (s.view) return s.view;
  const home = selectHomeRange(s);
  return homeView(home.start, home.last, s.width, selectAxis(s));
}

/** The scale of the main map (a stable object while view, width and axis are unchanged). */
const scaleOf = memoLast((view: View, width: number, axis: AxisMap): AddressScale => makeScale(view, width, axis));

export function selectScale(s: AppState): AddressScale {
  return scaleOf(currentView(s), s.width, selectAxis(s));
}
