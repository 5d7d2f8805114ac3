/** Mounts the framework-free zoom controller on the map element for the component's lifetime. */
import { useEffect, type RefObject } from 'react';
import { MIN_SPAN } from '../../view/addressScale.ts';
import { createZoomController } from '../../view/zoomController.ts';
import { appStore } from '../../store/appStore.ts';
import { selectAxis } from '../../store/axisSelectors.ts';
import { currentView } from '../../store/viewSlice.ts';

export function useZoom(ref: RefObject<Element | null>): void {
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ctl = createZoomController(el, {
      getView: () => currentView(appStore.getState()),
      scaleLimits: (v) => {
        const s = appStore.getState();
        const minBpp = Number(MIN_SPAN) / s.width;
        const maxBpp = Number(selectAxis(s).total) / s.width;
        return [v.bytesPerPx / maxBpp, v.bytesPerPx / minBpp];
      },
      onTransform: (base, k, tx) => appStore.getState().applyZoomTransform(base, k, tx),
    });
    return () => ctl.destroy();
  }, [ref]);
}
