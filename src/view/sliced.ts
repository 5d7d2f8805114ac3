/**
 * Work on a whole scenario (a million ranges from a big /proc/iomem) is written as generators that
 * yield at safe points every few thousand items, so the store can spread it over several tasks and
 * keep the page responsive (design-notes example 7); small inputs simply run to the end at once.
 */
export type Sliced<T> = Generator<void, T, void>;

/** Items handled between two yields: small enough that a slice stays well under a frame budget. */
export const SLICE_ITEMS = 8192;

/** Run sliced work to its end in the current task. */
export function runToEnd<T>(work: Sliced<T>): T {
  for (;;) {
    const r = work.next();
    if (r.done) return r.value;
  }
}
