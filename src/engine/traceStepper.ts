/**
 * Stepping through an iova-trace/1 one op at a time, for the trace player. There is no second
 * replayer here: every op goes through traceReplay.ts's `step`, the function `replayTrace` uses.
 *
 * The printed lines of every op come from one forward replay at construction. The state after n
 * ops is rebuilt by replaying the first n ops on a fresh state (continuing the live state when
 * moving forward), so stepping back lands on exactly the state stepping forward produced.
 */
import type { IovaNode } from './iova.ts';
import type { ResvRegion } from './resvRegions.ts';
import type { Trace } from './trace.ts';
import { initialReplayState, step, type ReplayState } from './traceReplay.ts';
import type { Range } from './u64.ts';

/** The replay state after some ops, as plain immutable data. */
export interface TraceSnapshot {
  /** Number of ops applied (0 = the fresh state). */
  readonly position: number;
  /** The device's list in add order (what dma_reserve_resv walks). */
  readonly deviceRegions: readonly ResvRegion[];
  /** iommu_get_group_resv_regions of that list (what resv_show and the VFIO ops read). */
  readonly groupRegions: readonly ResvRegion[];
  /** The iova_domain, once iova_init ran: its nodes in ascending order, without the anchor. */
  readonly domain?: { readonly granule: bigint; readonly startPfn: bigint; readonly nodes: readonly IovaNode[] };
  /** VFIO's iova list. */
  readonly vfio: readonly Range[];
}

function snapshotOf(s: ReplayState, position: number): TraceSnapshot {
  const base = { position, deviceRegions: [...s.device], groupRegions: [...s.group], vfio: [...s.vfio] };
  if (!s.domain) return base;
  return { ...base, domain: { granule: s.domain.granule, startPfn: s.domain.startPfn, nodes: s.domain.nodes() } };
}

export class TraceStepper {
  /** outputs[i]: the lines op i prints (often none). */
  readonly outputs: readonly (readonly string[])[];
  #state: ReplayState = initialReplayState();
  #applied = 0;

  constructor(readonly trace: Trace) {
    const s = initialReplayState();
    this.outputs = trace.ops.map((op) => {
      const out: string[] = [];
      step(s, op, out);
      return out;
    });
  }

  /** Number of ops in the trace. */
  get length(): number {
    return this.trace.ops.length;
  }

  /** The state after the first `n` ops (n clamped to [0, length]). */
  snapshotAt(n: number): TraceSnapshot {
    const target = Math.max(0, Math.min(Math.trunc(n), this.length));
    if (target < this.#applied) {
      this.#state = initialReplayState();
      this.#applied = 0;
    }
    for (; this.#applied < target; this.#applied++) step(this.#state, this.trace.ops[this.#applied]!, []);
    return snapshotOf(this.#state, target);
  }

  /** What the first `n` ops print, in replayTrace's format ("" when nothing, else newline-terminated). */
  outputUpTo(n: number): string {
    const lines = this.outputs.slice(0, Math.max(0, n)).flat();
    return lines.length === 0 ? '' : lines.join('\n') + '\n';
  }
}
