/** Keeps the store's map width equal to the element's content width (ResizeObserver). */
import { useEffect, type RefObject } from 'react';
import { appStore } from '../../store/appStore.ts';

export function useMapWidth(ref: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = (w: number): void => {
      const width = Math.max(Math.floor(w), 200);
      if (width !== appStore.getState().width) appStore.getState().setWidth(width);
    };
    update(el.getBoundingClientRect().width);
    const ro = new ResizeObserver((entries) => {
      for (const e of entries) update(e.contentRect.width);
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
}
