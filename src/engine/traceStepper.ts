/**
 * Stepping through an iova-trace/1 one op at a time, for the trace player. There is no second
 * replayer here: every op goes through traceReplay.ts's `step`, the function `replayTrace` uses.
 *
 * The printed lines of every op come from one forward replay at construction. The state after n
 * ops is rebuilt by replaying the first n ops on a fresh state (continuing the live state when
 * moving forward), so stepping back lands on exactly the state stepping forward produced.
 */
import type { IovaNode } from './iova.ts';
import { KernelOops } from './kernelOops.ts';
import type { ResvRegion } from './resvRegions.ts';
import type { Trace } from './trace.ts';
import { initialReplayState, oopsMessage, printedText, step, type ReplayState } from './traceReplay.ts';
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

/** The op the kernel's code would not survive (KernelOops: an oops or a lockup), and why. */
export interface StepperOops {
  readonly index: number;
  readonly message: string;
}

export class TraceStepper {
  /** outputs[i]: the lines op i prints (often none). */
  readonly outputs: readonly (readonly string[])[];
  /** Set when the kernel would not survive an op: the trace ends there, that op changes nothing. */
  readonly oops: StepperOops | undefined;
  #state: ReplayState = initialReplayState();
  #applied = 0;

  constructor(readonly trace: Trace) {
    const s = initialReplayState();
    const outputs: string[][] = [];
    let oops: StepperOops | undefined;
    for (const [index, op] of trace.ops.entries()) {
      const out: string[] = [];
      outputs.push(out);
      try {
        step(s, op, out);
      } catch (e) {
        if (!(e instanceof KernelOops)) throw e;
        oops = { index, message: oopsMessage(index, op, e) };
        break;
      }
    }
    this.outputs = outputs;
    this.oops = oops;
  }

  /** Number of ops that can be stepped through: all of them, or up to the one the kernel fails on. */
  get length(): number {
    return this.outputs.length;
  }

  /** The state after the first `n` ops (n clamped to [0, length]); the failing op changes nothing. */
  snapshotAt(n: number): TraceSnapshot {
    const target = Math.max(0, Math.min(Math.trunc(n), this.length));
    if (target < this.#applied) {
      this.#state = initialReplayState();
      this.#applied = 0;
    }
    const applicable = Math.min(target, this.oops?.index ?? target);
    for (; this.#applied < applicable; this.#applied++) step(this.#state, this.trace.ops[this.#applied]!, []);
    this.#applied = target;
    return snapshotOf(this.#state, target);
  }

  /** What the first `n` ops print, in replayTrace's format ("" when nothing, else newline-terminated). */
  outputUpTo(n: number): string {
    return printedText(this.outputs.slice(0, Math.max(0, n)).flat());
  }
}
