/**
 * The trace player's state: the loaded trace (with its stepper), where it came from, the position
 * (number of ops applied), playing or paused, and the speed. A small store of its own: nothing in
 * it belongs in a link or in the map's state.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { Trace } from '../../engine/trace.ts';
import { TraceStepper } from '../../engine/traceStepper.ts';

/** Ops per second the player offers. */
export const SPEEDS = [0.5, 1, 2, 4, 8, 16] as const;

export interface PlayerState {
  readonly open: boolean;
  readonly stepper: TraceStepper | null;
  /** "file: foo.json" or "recorded from qemu-virt". */
  readonly origin: string;
  /** A located parse error or a recording refusal, shown instead of the trace. */
  readonly error: string | null;
  readonly warnings: readonly string[];
  readonly position: number;
  readonly playing: boolean;
  readonly speed: number;
  /** Zoom the player's lanes to the item each op made (else show the whole trace). */
  readonly follow: boolean;
  setOpen(open: boolean): void;
  load(trace: Trace, origin: string, warnings?: readonly string[]): void;
  fail(message: string): void;
  seek(position: number): void;
  forward(): void;
  back(): void;
  play(): void;
  pause(): void;
  setSpeed(speed: number): void;
  setFollow(follow: boolean): void;
}

const clamp = (n: number, max: number): number => Math.max(0, Math.min(Math.trunc(n), max));

export const playerStore = createStore<PlayerState>()((set, get) => ({
  open: false,
  stepper: null,
  origin: '',
  error: null,
  warnings: [],
  position: 0,
  playing: false,
  speed: 2,
  follow: true,
  setOpen: (open) => set({ open, playing: open && get().playing }),
  load: (trace, origin, warnings = []) => set({ stepper: new TraceStepper(trace), origin, error: null, warnings, position: 0, playing: false }),
  fail: (error) => set({ error, playing: false }),
  seek: (position) => set((s) => ({ position: clamp(position, s.stepper?.length ?? 0), playing: false })),
  forward: () => set((s) => ({ position: clamp(s.position + 1, s.stepper?.length ?? 0) })),
  back: () => set((s) => ({ position: clamp(s.position - 1, s.stepper?.length ?? 0), playing: false })),
  play: () => {
    const s = get();
    if (!s.stepper || s.stepper.length === 0) return;
    // Playing from the end starts over.
    set({ playing: true, position: s.position >= s.stepper.length ? 0 : s.position });
  },
  pause: () => set({ playing: false }),
  setSpeed: (speed) => set({ speed }),
  setFollow: (follow) => set({ follow }),
}));

export function usePlayer<T>(selector: (s: PlayerState) => T): T {
  return useStore(playerStore, selector);
}
