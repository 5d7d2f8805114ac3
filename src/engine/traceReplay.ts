/**
 * Replays an iova-trace/1 (shared/conformance/README.md) on the engine and prints exactly what the
 * kernel's own functions print for it: one device's reserved regions (the per-device list in add
 * order and the merged group list), one iova_domain, one VFIO iova list.
 */
import { reserveIommuRegions, reservePciWindows } from './dmaIommu.ts';
import { IovaDomain, type IovaNode } from './iova.ts';
import { KernelOops } from './kernelOops.ts';
import { insertResvRegion, sysfsLine, type ResvRegion } from './resvRegions.ts';
import type { Trace, TraceOp } from './trace.ts';
import { hex, type Range } from './u64.ts';
import { hasSwMsi, resvExclude } from './vfioType1.ts';

export interface ReplayState {
  /** What get_resv_regions() hands out: add order, unmerged (read by dma_reserve_resv). */
  device: ResvRegion[];
  /** iommu_get_group_resv_regions() of that list (read by resv_show and the VFIO ops). */
  group: ResvRegion[];
  domain: IovaDomain | undefined;
  vfio: Range[];
}

const pair = (n: IovaNode): string => `${hex(n.pfnLo)} ${hex(n.pfnHi)}`;

function domainOf(s: ReplayState, op: TraceOp): IovaDomain {
  // parseTrace rejects such traces; a hand-built Trace is a programming error.
  if (!s.domain) throw new Error(`${op.op} before iova_init`);
  return s.domain;
}

/** Apply one op, appending its printed lines (also used by traceStepper.ts to step through a trace). */
export function step(s: ReplayState, op: TraceOp, out: string[]): void {
  switch (op.op) {
    case 'resv_add': {
      const region: ResvRegion = { start: op.start, length: op.length, prot: 0, type: op.type };
      s.device.push(region);
      s.group = insertResvRegion(s.group, region);
      return;
    }
    case 'resv_show':
      for (const r of s.group) out.push(sysfsLine(r));
      return;
    case 'iova_init':
      s.domain = new IovaDomain(op.granule, op.startPfn);
      return;
    case 'iova_alloc': {
      const n = domainOf(s, op).alloc(op.size, op.limitPfn, op.sizeAligned);
      out.push(n ? `alloc ${pair(n)}` : 'alloc fail');
      return;
    }
    case 'iova_reserve': {
      const n = domainOf(s, op).reserve(op.pfnLo, op.pfnHi);
      out.push(n ? `reserve ${pair(n)}` : 'reserve fail');
      return;
    }
    case 'iova_free': {
      const n = domainOf(s, op).free(op.pfn);
      out.push(n ? `free ${pair(n)}` : 'free none');
      return;
    }
    case 'iova_show':
      for (const n of domainOf(s, op).nodes()) out.push(pair(n));
      return;
    case 'dma_reserve_resv':
      reserveIommuRegions(domainOf(s, op), s.device);
      return;
    case 'dma_reserve_pci':
      if (!reservePciWindows(domainOf(s, op), op.windows, op.dmaRanges).ok) out.push('dma_reserve_pci fail');
      return;
    case 'vfio_aperture':
      s.vfio = [{ start: op.start, last: op.end }];
      return;
    case 'vfio_exclude': {
      const left = resvExclude(s.vfio, s.group);
      if (left === 'einval') {
        s.vfio = [];
        out.push('vfio_exclude einval');
      } else {
        s.vfio = left;
        for (const r of left) out.push(`vfio_iova ${hex(r.start)} ${hex(r.last)}`);
      }
      return;
    }
    case 'vfio_sw_msi': {
      const base = hasSwMsi(s.group);
      out.push(base === undefined ? 'sw_msi none' : `sw_msi ${hex(base)}`);
      return;
    }
  }
}

/** The fresh state a trace starts from. */
export function initialReplayState(): ReplayState {
  return { device: [], group: [], domain: undefined, vfio: [] };
}

/** "op 4 (iova_alloc)": the op's index in "ops", as the trace parser's messages name it. */
function opLabel(index: number, op: TraceOp): string {
  return `op ${index} (${op.op})`;
}

/** What the replayers say of an op the kernel's code would not survive. */
export function oopsMessage(index: number, op: TraceOp, oops: KernelOops): string {
  return `${opLabel(index, op)}: the kernel's own code fails here: ${oops.message}`;
}

/** A trace the kernel's code would not survive (KernelOops): which op, and what was printed before it. */
export class TraceOops extends Error {
  override readonly name = 'TraceOops';

  constructor(
    readonly opIndex: number,
    readonly printed: string,
    op: TraceOp,
    oops: KernelOops,
  ) {
    super(oopsMessage(opIndex, op, oops));
  }
}

/** Printed lines as replay output: "" when nothing was printed, else newline-terminated. */
export const printedText = (lines: readonly string[]): string => (lines.length === 0 ? '' : lines.join('\n') + '\n');

/**
 * The exact text the kernel prints for the trace ("" when nothing is printed). Throws TraceOops
 * when the kernel's code would not survive an op (KernelOops).
 */
export function replayTrace(trace: Trace): string {
  const state = initialReplayState();
  const out: string[] = [];
  trace.ops.forEach((op, i) => {
    try {
      step(state, op, out);
    } catch (e) {
      if (e instanceof KernelOops) throw new TraceOops(i, printedText(out), op, e);
      throw e;
    }
  });
  return printedText(out);
}
