/**
 * The trace player's picture of a replay state, in the map's own lane model (laneModel.ts) so the
 * map's components draw it: the group's reserved regions, the iova_domain's nodes (pfns scaled by
 * the granule) and VFIO's iova list. Also the item the current op touched, and the cut points of
 * a compressed axis that stays the same for the whole trace.
 */
import type { TraceOp } from '../engine/trace.ts';
import type { TraceSnapshot, TraceStepper } from '../engine/traceStepper.ts';
import { resvLast, sysfsTypeName } from '../engine/resvRegions.ts';
import { U64_MAX, hex } from '../engine/u64.ts';
import { packRows, type Lane, type LaneItem } from '../view/laneModel.ts';

type Unplaced = Omit<LaneItem, 'row'>;

const key = (lane: string, start: bigint, last: bigint, what: string): string => `${lane}:${hex(start)}-${hex(last)}:${what}`;

function lane(id: string, title: string, subtitle: string, items: readonly Unplaced[], message?: string): Lane {
  const packed = packRows(items);
  return { id, title, subtitle, items: packed.items, rows: packed.rows, ...(message && items.length === 0 ? { message } : {}) };
}

/** Byte range of a pfn range at a granule, clipped to the 64-bit space. */
function pfnBytes(granule: bigint, pfnLo: bigint, pfnHi: bigint): { start: bigint; last: bigint } {
  const last = (pfnHi + 1n) * granule - 1n;
  return { start: pfnLo * granule, last: last > U64_MAX ? U64_MAX : last };
}

export function traceLanes(s: TraceSnapshot): Lane[] {
  const resv = s.groupRegions.map((r) => {
    const last = resvLast(r);
    return {
      key: key('trace-resv', r.start, last, r.type),
      name: `${r.type} region`,
      start: r.start,
      last,
      cls: `resv-${r.type}`,
      type: `${r.type} (sysfs prints "${sysfsTypeName(r.type)}")`,
      sources: ['resv_add'],
      rule: 'iommu_insert_resv_region: sorted by start then type; same-type regions that overlap or touch merge.',
    };
  });
  const d = s.domain;
  const nodes = (d?.nodes ?? []).map((n) => {
    const { start, last } = pfnBytes(d!.granule, n.pfnLo, n.pfnHi);
    return {
      key: key('trace-iova', start, last, n.kind),
      name: n.label ?? `${n.kind} IOVA`,
      start,
      last,
      cls: `iova-${n.kind}`,
      type: `${n.kind} node, pfns ${hex(n.pfnLo)}-${hex(n.pfnHi)}`,
      sources: [`granule ${hex(d!.granule)}`],
    };
  });
  const vfio = s.vfio.map((r) => ({
    key: key('trace-vfio', r.start, r.last, 'valid'),
    name: 'valid IOVA range',
    start: r.start,
    last: r.last,
    cls: 'valid',
    type: 'VFIO iova list node',
    sources: [],
  }));
  return [
    lane('trace-resv', 'Reserved regions', 'the group list (resv_add, iommu_insert_resv_region)', resv, 'No regions yet.'),
    lane(
      'trace-iova',
      'IOVA domain',
      d ? `iova_domain: granule ${hex(d.granule)}, start_pfn ${hex(d.startPfn)}` : 'iova_domain (created by iova_init)',
      nodes,
      d ? 'No nodes yet.' : 'No iova_domain yet: iova_init creates it.',
    ),
    lane('trace-vfio', 'VFIO iova list', 'vfio_iommu_aper_resize, vfio_iommu_resv_exclude', vfio, 'Empty: vfio_aperture fills it.'),
  ];
}

/** The node an op printed ("alloc 0x1 0x2", "reserve 0x1 0x2"), as a pfn pair. */
function printedPfns(lines: readonly string[]): { lo: bigint; hi: bigint } | undefined {
  const m = /^(?:alloc|reserve|free) (0x[0-9a-f]+) (0x[0-9a-f]+)$/.exec(lines[0] ?? '');
  return m ? { lo: BigInt(m[1]!), hi: BigInt(m[2]!) } : undefined;
}

/** The lane item the op just made or changed, for highlighting; undefined when none. */
export function touchedItem(op: TraceOp | undefined, printed: readonly string[], lanes: readonly Lane[], s: TraceSnapshot): { lane: string; key: string } | undefined {
  if (!op) return undefined;
  const find = (laneId: string, hit: (it: LaneItem) => boolean) => {
    const it = lanes.find((l) => l.id === laneId)?.items.find(hit);
    return it ? { lane: laneId, key: it.key } : undefined;
  };
  if (op.op === 'resv_add') return find('trace-resv', (it) => it.cls === `resv-${op.type}` && it.start <= op.start && op.start <= it.last);
  const pfns = printedPfns(printed);
  if (pfns && s.domain && op.op !== 'iova_free') {
    const { start, last } = pfnBytes(s.domain.granule, pfns.lo, pfns.hi);
    return find('trace-iova', (it) => it.start === start && it.last === last);
  }
  return undefined;
}

/**
 * Boundaries for a compressed axis that fits every state of the trace: the final state's items,
 * every range an op names, and every node an op printed (freed nodes included).
 */
export function traceCuts(stepper: TraceStepper): bigint[] {
  const cuts: bigint[] = [];
  const add = (start: bigint, last: bigint): void => void cuts.push(start, last + 1n);
  for (const l of traceLanes(stepper.snapshotAt(stepper.length))) for (const it of l.items) add(it.start, it.last);
  let granule: bigint | undefined;
  // The ops the player can reach: up to the one the kernel would fail on, if any.
  stepper.trace.ops.slice(0, stepper.length).forEach((op, i) => {
    if (op.op === 'iova_init') granule = op.granule;
    if (op.op === 'resv_add') add(op.start, resvLast({ start: op.start, length: op.length }));
    if (op.op === 'vfio_aperture') add(op.start, op.end);
    if (op.op === 'dma_reserve_pci') for (const r of [...op.windows, ...op.dmaRanges]) add(r.start, r.end);
    const pfns = printedPfns(stepper.outputs[i]!);
    if (pfns && granule !== undefined) {
      const r = pfnBytes(granule, pfns.lo, pfns.hi);
      add(r.start, r.last);
    }
  });
  return cuts;
}

/** The state as plain text: what the player shows beside the lanes (and what tests compare). */
export function snapshotText(s: TraceSnapshot): string {
  const out = [`after ${s.position} op${s.position === 1 ? '' : 's'}`, 'group reserved regions:'];
  for (const r of s.groupRegions) out.push(`  ${hex(r.start)} ${hex(resvLast(r))} ${r.type}`);
  if (s.domain) {
    out.push(`iova_domain (granule ${hex(s.domain.granule)}, start_pfn ${hex(s.domain.startPfn)}):`);
    for (const n of s.domain.nodes) out.push(`  ${hex(n.pfnLo)} ${hex(n.pfnHi)} ${n.kind}${n.label ? ` (${n.label})` : ''}`);
  } else out.push('iova_domain: none yet');
  out.push('vfio iova list:');
  for (const r of s.vfio) out.push(`  ${hex(r.start)} ${hex(r.last)}`);
  return out.join('\n');
}
