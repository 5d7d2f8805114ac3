/**
 * Where candidate handles sit on their row and how much room each label has: a handle is never
 * narrower than MIN_HANDLE_PX (so it stays grabbable), and a label runs right of its handle up to
 * the next handle (or the map's edge), else left of it back to the previous one, so two candidates
 * side by side never print over each other.
 */
export const MIN_HANDLE_PX = 14;
/** Space between a handle and its label. */
const GAP_PX = 6;

export interface HandleBox {
  readonly x: number;
  readonly w: number;
}

export function handleBox(x0: number, x1: number): HandleBox {
  const w = Math.max(x1 - x0, MIN_HANDLE_PX);
  return { x: x1 - x0 < MIN_HANDLE_PX ? (x0 + x1) / 2 - MIN_HANDLE_PX / 2 : x0, w };
}

export interface LabelPlace {
  /** Anchor x: the label starts there (right side) or ends there (left side). */
  readonly x: number;
  readonly side: 'right' | 'left';
  /** Pixels available. */
  readonly room: number;
}

/** Label places for handles (in any order), given how wide each label wants to be. */
export function labelPlaces(boxes: readonly HandleBox[], wanted: readonly number[], width: number): LabelPlace[] {
  const order = boxes.map((_, i) => i).sort((a, b) => boxes[a]!.x - boxes[b]!.x);
  const out: LabelPlace[] = new Array(boxes.length);
  order.forEach((i, k) => {
    const b = boxes[i]!;
    const next = k + 1 < order.length ? boxes[order[k + 1]!]!.x : width;
    const prev = k > 0 ? boxes[order[k - 1]!]! : undefined;
    const right = next - (b.x + b.w + 2 * GAP_PX);
    const left = b.x - GAP_PX - (prev ? prev.x + prev.w + GAP_PX : 0);
    out[i] = wanted[i]! <= right || right >= left ? { x: b.x + b.w + GAP_PX, side: 'right', room: right } : { x: b.x - GAP_PX, side: 'left', room: left };
  });
  return out;
}
