/**
 * Dragging MSI-window handles with d3-drag. The controller reports pointer positions in the map's
 * pixel space (relative to `container`) and the grab offset inside the handle, so the handle does
 * not jump under the pointer; turning pixels into a snapped base is the caller's job (through
 * addressScale and snap), keeping this file free of address maths.
 */
import { drag, type D3DragEvent } from 'd3-drag';
import { select } from 'd3-selection';

export interface DragCallbacks {
  /** Pixel of the handle's left edge when the drag starts. */
  handleX(): number;
  onStart(): void;
  /** `leftPx`: where the handle's left edge should now be. */
  onDrag(leftPx: number): void;
  onEnd(): void;
}

export interface DragController {
  destroy(): void;
}

export function createDragController(handle: Element, container: SVGSVGElement, cb: DragCallbacks): DragController {
  let grab = 0;
  const behaviour = drag<Element, unknown>()
    .container(container)
    .on('start', (event: D3DragEvent<Element, unknown, unknown>) => {
      grab = event.x - cb.handleX();
      cb.onStart();
    })
    .on('drag', (event: D3DragEvent<Element, unknown, unknown>) => cb.onDrag(event.x - grab))
    .on('end', () => cb.onEnd());
  const sel = select(handle);
  sel.call(behaviour);
  return { destroy: () => void sel.on('.drag', null) };
}
