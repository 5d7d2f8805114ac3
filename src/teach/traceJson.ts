/**
 * Writing a trace as an iova-trace/1 file (shared/conformance/README.md), one op per line like the
 * conformance traces, so a recorded trace can be downloaded and replayed with `iova-atlas replay`.
 */
import type { BusRange } from '../engine/dmaIommu.ts';
import type { Trace, TraceOp } from '../engine/trace.ts';
import { hex } from '../engine/u64.ts';

const ranges = (list: readonly BusRange[]) => list.map((r) => ({ start: hex(r.start), end: hex(r.end) }));

/** The op as the file spells it: snake_case fields in the README's order, "0x…" strings. */
function opJson(op: TraceOp): Record<string, unknown> {
  switch (op.op) {
    case 'resv_add':
      return { op: op.op, start: hex(op.start), length: hex(op.length), type: op.type };
    case 'iova_init':
      return { op: op.op, granule: hex(op.granule), start_pfn: hex(op.startPfn) };
    case 'iova_alloc':
      return { op: op.op, size: hex(op.size), limit_pfn: hex(op.limitPfn), size_aligned: op.sizeAligned };
    case 'iova_reserve':
      return { op: op.op, pfn_lo: hex(op.pfnLo), pfn_hi: hex(op.pfnHi) };
    case 'iova_free':
      return { op: op.op, pfn: hex(op.pfn) };
    case 'dma_reserve_pci':
      return { op: op.op, windows: ranges(op.windows), dma_ranges: ranges(op.dmaRanges) };
    case 'vfio_aperture':
      return { op: op.op, start: hex(op.start), end: hex(op.end) };
    default:
      return { op: op.op };
  }
}

export function traceToJsonText(t: Trace): string {
  const ops = t.ops.map((op) => `    ${JSON.stringify(opJson(op))}`).join(',\n');
  return `{\n  "format": ${JSON.stringify(t.format)},\n  "name": ${JSON.stringify(t.name)},\n  "ops": [\n${ops}\n  ]\n}\n`;
}
