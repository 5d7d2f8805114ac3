import { describe, expect, it } from 'vitest';
import type { Trace } from '../engine/trace.ts';
import { TraceStepper } from '../engine/traceStepper.ts';
import { snapshotText, touchedItem, traceCuts, traceLanes } from './traceLanes.ts';

// engine-spec §5.3 (Juno PCIe, 4 KiB granule) followed by one doorbell page allocation.
const juno: Trace = {
  format: 'iova-trace/1',
  name: 'juno',
  ops: [
    { op: 'resv_add', start: 0x8000000n, length: 0x100000n, type: 'sw-msi' },
    { op: 'iova_init', granule: 0x1000n, startPfn: 1n },
    {
      op: 'dma_reserve_pci',
      windows: [
        { start: 0x50000000n, end: 0x57ffffffn },
        { start: 0x4000000000n, end: 0x40ffffffffn },
      ],
      dmaRanges: [
        { start: 0x80000000n, end: 0xffffffffn },
        { start: 0x800000000n, end: 0x9ffffffffn },
      ],
    },
    { op: 'iova_alloc', size: 1n, limitPfn: 0xfffffn, sizeAligned: true },
    { op: 'iova_free', pfn: 0xfffffn },
  ],
};

describe('traceLanes', () => {
  const stepper = new TraceStepper(juno);

  it('draws the fresh state as three empty lanes with their messages', () => {
    const lanes = traceLanes(stepper.snapshotAt(0));
    expect(lanes.map((l) => [l.id, l.items.length, l.message])).toEqual([
      ['trace-resv', 0, 'No regions yet.'],
      ['trace-iova', 0, 'No iova_domain yet: iova_init creates it.'],
      ['trace-vfio', 0, 'Empty: vfio_aperture fills it.'],
    ]);
  });

  it('scales the §5.3 nodes by the granule, the tail clipped at 2^64 - 1', () => {
    const iova = traceLanes(stepper.snapshotAt(3))[1]!;
    expect(iova.items.map((it) => [it.start, it.last])).toEqual([
      [0x0n, 0x57ffffffn],
      [0x58000000n, 0x80000fffn],
      [0x100000000n, 0x800000fffn],
      [0xa00000000n, 0x40ffffffffn],
      [0x4100000000n, 0xffffffffffffffffn],
    ]);
  });

  it('points at the region a resv_add made and the node an alloc returned, not at a freed one', () => {
    const s1 = stepper.snapshotAt(1);
    expect(touchedItem(juno.ops[0], stepper.outputs[0]!, traceLanes(s1), s1)).toEqual({ lane: 'trace-resv', key: 'trace-resv:0x8000000-0x80fffff:sw-msi' });
    const s4 = stepper.snapshotAt(4);
    expect(stepper.outputs[3]).toEqual(['alloc 0xfffff 0xfffff']);
    expect(touchedItem(juno.ops[3], stepper.outputs[3]!, traceLanes(s4), s4)).toEqual({ lane: 'trace-iova', key: 'trace-iova:0xfffff000-0xffffffff:allocated' });
    const s5 = stepper.snapshotAt(5);
    expect(touchedItem(juno.ops[4], stepper.outputs[4]!, traceLanes(s5), s5)).toBeUndefined();
  });

  it('cuts the axis at the freed doorbell page too', () => {
    const cuts = traceCuts(stepper);
    expect(cuts).toContain(0xfffff000n);
    expect(cuts).toContain(0x100000000n);
    expect(cuts).toContain(0x8100000n);
  });

  it('cuts the axis only at ops the player can reach when the kernel would fail on the trace', () => {
    const alloc = { op: 'iova_alloc', size: 1n, limitPfn: 0x100n, sizeAligned: true } as const;
    const oops = new TraceStepper({
      format: 'iova-trace/1',
      name: 'oops',
      ops: [{ op: 'iova_init', granule: 0x1000n, startPfn: 1n }, { op: 'iova_reserve', pfnLo: 0x100n, pfnHi: 0xffn }, alloc, alloc, { op: 'vfio_aperture', start: 0x7000000000n, end: 0x7fffffffffn }],
    });
    expect(oops.oops?.index).toBe(3);
    const cuts = traceCuts(oops);
    expect(cuts).toContain(0x100000n); // the alloc at pfn 0x100 before the crash
    expect(cuts).not.toContain(0x7000000000n); // the op after it never runs
  });

  it('writes the state as text', () => {
    expect(snapshotText(stepper.snapshotAt(2))).toBe(
      ['after 2 ops', 'group reserved regions:', '  0x8000000 0x80fffff sw-msi', 'iova_domain (granule 0x1000, start_pfn 0x1):', 'vfio iova list:'].join('\n'),
    );
    expect(snapshotText(stepper.snapshotAt(0))).toContain('iova_domain: none yet');
  });
});
