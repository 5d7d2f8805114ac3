/** Messages between pool.ts (parent) and serve.ts (worker). */

/** Cases [from, to) of a target under a seed, or the saved inputs in `files` (regressions). */
export type WorkerJob =
  | { readonly target: string; readonly seed: number; readonly from: number; readonly to: number }
  | { readonly target: string; readonly files: readonly string[]; readonly from: number; readonly to: number };

export type WorkerMessage =
  | { readonly kind: 'start'; readonly index: number; readonly bytes: number }
  | { readonly kind: 'done'; readonly index: number; readonly ms: number; readonly problem?: string }
  | { readonly kind: 'end'; readonly error?: string };
