/**
 * Recorded traces replay to what the analysis shows: for every built-in platform and every IOMMU
 * group, the VFIO trace ends with the analysis's VFIO ranges and SW_MSI base, and the dma-iommu
 * trace ends with the analysis's IOVA nodes. Hand facts from engine-spec §5.1 (QEMU virt) and §5.3
 * (Juno) pin the content.
 */
import { describe, expect, it } from 'vitest';
import { analyze, type Analysis } from '../analysis/analyze.ts';
import { parseTrace, replayTrace, type Trace } from '../engine/trace.ts';
import { TraceStepper } from '../engine/traceStepper.ts';
import { hex } from '../engine/u64.ts';
import { loadBuiltin, readBuiltinIndex } from '../platforms/builtins.ts';
import { recordTrace } from './recordTrace.ts';
import { traceToJsonText } from './traceJson.ts';

function analysisOf(id: string): Analysis {
  const s = loadBuiltin(id);
  if (!s.ok) throw new Error(`${id}: ${s.error.message}`);
  return analyze(s.value);
}

function recorded(a: Analysis, device: string, kind: 'dma' | 'vfio'): Trace {
  const r = recordTrace(a, device, kind);
  if (!r.ok) throw new Error(r.reason);
  return r.trace;
}

const index = readBuiltinIndex();
const ids = index.ok ? index.value.map((e) => e.id) : [];

describe('recorded traces reproduce the analysis', () => {
  it('finds the built-in platforms', () => expect(ids.length).toBeGreaterThan(0));

  for (const id of ids) {
    it(id, () => {
      const a = analysisOf(id);
      for (const g of a.groups) {
        const device = g.devices[0]!;
        const vfio = recordTrace(a, device, 'vfio');
        if (!vfio.ok) {
          // Only groups the kernel gives no IOMMU domain cannot be recorded.
          expect(g.dmaDomain).toBeUndefined();
          expect(g.vfioRanges).toEqual([]);
          continue;
        }
        const v = new TraceStepper(vfio.trace);
        const end = v.snapshotAt(v.length);
        const printed = v.outputUpTo(v.length).trimEnd().split('\n');
        if (g.vfioRanges === 'einval') expect(printed).toContain('vfio_exclude einval');
        else expect(end.vfio).toEqual(g.vfioRanges);
        expect(printed.at(-1)).toBe(g.swMsiBase === undefined ? 'sw_msi none' : `sw_msi ${hex(g.swMsiBase)}`);
        expect(printed.slice(0, g.sysfs.length)).toEqual(g.sysfs);

        const dma = recorded(a, device, 'dma');
        const d = new TraceStepper(dma);
        const nodes = d.snapshotAt(d.length).domain?.nodes;
        if (g.dmaDomain) expect(nodes, `${id} group ${g.group}`).toEqual(g.dmaDomain.nodes);
        else expect(d.outputUpTo(d.length)).toContain('dma_reserve_pci fail');
      }
    });
  }
});

describe('recorded traces, by hand', () => {
  it('QEMU virt VFIO: engine-spec §5.1 lines', () => {
    const a = analysisOf('qemu-virt');
    const t = recorded(a, a.groups[0]!.devices[0]!, 'vfio');
    expect(replayTrace(t)).toBe('0x0000000008000000 0x00000000080fffff msi\nvfio_iova 0x0 0x7ffffff\nvfio_iova 0x8100000 0xffffffffffff\nsw_msi 0x8000000\n');
  });

  it('QEMU virt dma-iommu: the SW_MSI region is skipped and the ITS doorbell page gets pfn 0xfffff, 32-bit first', () => {
    const a = analysisOf('qemu-virt');
    const t = recorded(a, a.groups[0]!.devices[0]!, 'dma');
    const out = replayTrace(t).trimEnd().split('\n');
    expect(out).toContain('alloc 0xfffff 0xfffff');
    // 4K granule: the 32-bit try's limit is 0xffffffff >> 12.
    expect(t.ops.find((op) => op.op === 'iova_alloc')).toEqual({ op: 'iova_alloc', size: 1n, limitPfn: 0xfffffn, sizeAligned: true });
    expect(t.ops.some((op) => op.op === 'resv_add' && op.type === 'sw-msi')).toBe(true);
    expect(out).not.toContain('0x8000 0x80ff');
  });

  it('Juno r1 dma-iommu: the §5.3 dma-ranges reservations', () => {
    const a = analysisOf('juno-r1');
    const g = a.groups.find((x) => a.scenario.devices.find((d) => d.id === x.devices[0])?.bus === 'pci')!;
    const t = recorded(a, g.devices[0]!, 'dma');
    const out = replayTrace(t).trimEnd().split('\n');
    expect(out.slice(0, 5)).toEqual(['0x0 0x57fff', '0x58000 0x80000', '0x100000 0x800000', '0xa00000 0x40fffff', '0x4100000 0xfffffffffffff']);
  });

  it('a recorded trace written as JSON parses back to the same trace', () => {
    const a = analysisOf('juno-r1');
    for (const kind of ['dma', 'vfio'] as const) {
      const t = recorded(a, a.groups[0]!.devices[0]!, kind);
      const back = parseTrace(traceToJsonText(t), `${t.name}.json`);
      expect(back.ok && back.value).toEqual(t);
      expect(back.ok && back.warnings).toEqual([]);
    }
  });

  it('explains a device without an IOMMU', () => {
    const a = analysisOf('qemu-virt');
    expect(recordTrace(a, 'no-such-device', 'vfio')).toEqual({ ok: false, reason: 'no device "no-such-device" in the scenario' });
  });
});
