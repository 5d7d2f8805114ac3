/**
 * Wheel/pinch zoom and drag pan for the map (design-notes example 5, after xyflow's XYPanZoom).
 *
 * d3-zoom does the gesture maths; this controller never lets its float transform live long: the
 * view at the start of a gesture is snapshotted, each event reports the transform relative to it,
 * and at the end the element's transform is reset to identity. So the transform spans only one
 * gesture's worth of zoom, and the exact BigInt view in the store is the only lasting state.
 */
import { select, type Selection } from 'd3-selection';
import { zoom, zoomIdentity, type D3ZoomEvent, type ZoomBehavior } from 'd3-zoom';
import type { View } from './addressScale.ts';

export interface ZoomCallbacks {
  /** The view when a gesture starts. */
  getView(): View;
  /** Zoom limits for that view as scale factors relative to it: [zoom-out limit, zoom-in limit]. */
  scaleLimits(view: View): [number, number];
  /** A transform relative to the gesture's first view (pixel p moves to tx + k * p). */
  onTransform(base: View, k: number, tx: number): void;
}

export interface ZoomController {
  destroy(): void;
}

/** Elements marked with data-nozoom (drag handles, buttons) never start a pan or zoom. */
function allowed(event: Event & { button?: number; ctrlKey?: boolean }): boolean {
  if (event.button) return false;
  if (event.ctrlKey && event.type !== 'wheel') return false;
  const target = event.target as Element | null;
  return !target?.closest?.('[data-nozoom]');
}

export function createZoomController(element: Element, cb: ZoomCallbacks): ZoomController {
  const sel: Selection<Element, unknown, null, undefined> = select(element);
  let base: View | null = null;
  let resetting = false;
  const behaviour: ZoomBehavior<Element, unknown> = zoom<Element, unknown>()
    .filter((event: Event) => {
      if (!allowed(event)) return false;
      // Limits follow the current view; set them before d3 handles the event.
      if (!base) behaviour.scaleExtent(cb.scaleLimits(cb.getView()));
      return true;
    })
    .on('start', () => {
      if (!resetting) base = cb.getView();
    })
    .on('zoom', (event: D3ZoomEvent<Element, unknown>) => {
      if (resetting || !base) return;
      cb.onTransform(base, event.transform.k, event.transform.x);
    })
    .on('end', () => {
      if (resetting) return;
      base = null;
      resetting = true;
      sel.call(behaviour.transform, zoomIdentity);
      resetting = false;
    });
  sel.call(behaviour).on('dblclick.zoom', null);
  return {
    destroy: () => {
      sel.on('.zoom', null);
    },
  };
}
