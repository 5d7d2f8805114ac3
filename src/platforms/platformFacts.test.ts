/**
 * Facts of the built-in platforms checked against their origin: expected values come from
 * ../shared (engine-spec.md, the QEMU samples) or from the QEMU 7.2 dumps in ./qemu-7.2, never
 * from the platform files themselves.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rangeContains, rangesOverlap, type Range } from '../engine/u64.ts';
import type { BridgeWindow, Scenario } from '../model/scenario.ts';
import { loadBuiltin } from './builtins.ts';
import { dtsCells, joinCells } from './dtsCells.ts';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const SHARED = fileURLToPath(new URL('../../../shared/', import.meta.url));
const SPEC = readFileSync(SHARED + 'engine-spec.md', 'utf8');
const SW_MSI: Range = { start: 0x8000000n, last: 0x80fffffn };

function platform(id: string): Scenario {
  const r = loadBuiltin(id);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** A file cited as "shared/…" or "src/platforms/…". */
function cited(file: string): string {
  return readFileSync(file.startsWith('shared/') ? SHARED + file.slice('shared/'.length) : REPO + file, 'utf8');
}

/** `reg` of a node as [base, size] pairs (#address-cells = #size-cells = 2 in QEMU's tree). */
function reg(dts: string, node: string): bigint[][] {
  const pairs = joinCells(dtsCells(dts, node, 'reg') ?? [], 2);
  return pairs.flatMap((_, i) => (i % 2 === 0 ? [[pairs[i]!, pairs[i + 1]!]] : []));
}

/** A PCI host bridge's `ranges` (3 bus cells, 2 CPU cells, 2 size cells per entry) as windows. */
function windowsOf(dts: string, node: string): BridgeWindow[] {
  const cells = dtsCells(dts, node, 'ranges') ?? [];
  const out: BridgeWindow[] = [];
  for (let i = 0; i + 7 <= cells.length; i += 7) {
    const flags = cells[i]!;
    const [bus, cpu, size] = [joinCells(cells.slice(i + 1, i + 3), 2)[0]!, joinCells(cells.slice(i + 3, i + 5), 2)[0]!, joinCells(cells.slice(i + 5, i + 7), 2)[0]!];
    const space = (flags >> 24n) & 3n;
    const kind = space === 1n ? 'io' : flags & 0x40000000n ? 'mem-prefetch' : 'mem';
    out.push({ kind, cpuStart: cpu, busStart: bus, size });
  }
  return out;
}

const span = (start: bigint, size: bigint): Range => ({ start, last: start + size - 1n });
const region = (s: Scenario, name: RegExp) => {
  const r = s.physicalMap.find((p) => name.test(p.name));
  if (!r) throw new Error(`${s.id}: no region ${name}`);
  return { start: r.start, last: r.last };
};

describe('QEMU virt platforms match the device tree QEMU generated', () => {
  const cases = ['qemu-virt', 'qemu-virt-gicv2', 'qemu-virt-highmem-off', 'qemu-virt-virtio-iommu'];
  it.each(cases)('%s: PCIe windows, ECAM, RAM, GIC and no dma-ranges', (id) => {
    const s = platform(id);
    const bridge = s.hostBridges[0]!;
    const dts = cited(bridge.source!.file);
    expect(bridge.windows).toEqual(windowsOf(dts, 'pcie@10000000'));
    expect(dtsCells(dts, 'pcie@10000000', 'dma-ranges')).toBeUndefined();
    expect(bridge.dmaRanges).toEqual([]);
    const [[ecam, ecamSize]] = reg(dts, 'pcie@10000000') as [[bigint, bigint]];
    expect(region(s, /^PCIe ECAM/)).toEqual(span(ecam, ecamSize));
    const [[ram, ramSize]] = reg(dts, 'memory@40000000') as [[bigint, bigint]];
    expect(region(s, /^RAM/)).toEqual(span(ram, ramSize));
    const [[dist, distSize]] = reg(dts, 'intc@8000000') as [[bigint, bigint]];
    expect(region(s, /^GIC distributor/)).toEqual(span(dist, distSize));
  });

  it('qemu-virt: GIC distributor at 0x08000000 and ITS at 0x08080000, as in shared/samples', () => {
    const sample = cited('shared/samples/qemu-virt-gicv3-1g.dts');
    expect(reg(sample, 'intc@8000000')[0]).toEqual([0x8000000n, 0x10000n]);
    expect(reg(sample, 'its@8080000')[0]).toEqual([0x8080000n, 0x20000n]);
    const s = platform('qemu-virt');
    expect(region(s, /^GIC distributor/)).toEqual(span(0x8000000n, 0x10000n));
    expect(region(s, /^GICv3 ITS$/)).toEqual(span(0x8080000n, 0x20000n));
    // The doorbell: GITS_TRANSLATER, offset 0x40 of the translation frame 64 KiB above the ITS
    // base (info mtree; GITS_TRANSLATER = 0x10040 in include/linux/irqchip/arm-gic-v3.h).
    expect(s.msiControllers[0]).toMatchObject({ kind: 'gicv3-its', isolated: true, doorbell: span(0x8080000n + 0x10040n, 4n) });
  });

  it('qemu-virt and qemu-virt-gicv2: SMMUv3 at 0x09050000 with a 48-bit aperture', () => {
    const sample = cited('shared/samples/qemu-virt-gicv2-smmuv3-3g.dts');
    expect(reg(sample, 'smmuv3@9050000')[0]).toEqual([0x9050000n, 0x20000n]);
    expect(SPEC).toContain('`[0, 0xffffffffffff]`');
    for (const id of ['qemu-virt', 'qemu-virt-gicv2']) {
      const smmu = platform(id).iommus[0]!;
      expect(smmu).toMatchObject({ kind: 'smmu-v3', base: 0x9050000n, granule: 0x1000n, aperture: { start: 0n, last: 0xffffffffffffn } });
    }
  });

  it('qemu-virt-gicv2: the GICv2m frame is the MSI doorbell, without isolation', () => {
    const sample = cited('shared/samples/qemu-virt-gicv2-smmuv3-3g.dts');
    const [[v2m, size]] = reg(sample, 'v2m@8020000') as [[bigint, bigint]];
    // MSI_SETSPI_NS at offset 0x40 of the frame (V2M_MSI_SETSPI_NS, drivers/irqchip/irq-gic-v2m.c).
    expect(size).toBe(0x1000n);
    expect(platform('qemu-virt-gicv2').msiControllers[0]).toMatchObject({ kind: 'gicv2m', isolated: false, doorbell: span(v2m + 0x40n, 4n) });
  });

  it('qemu-virt-virtio-iommu: the virtio-iommu function is left out of iommu-map; the endpoint is not', () => {
    const s = platform('qemu-virt-virtio-iommu');
    const dts = cited(s.hostBridges[0]!.source!.file);
    const map = dtsCells(dts, 'pcie@10000000', 'iommu-map')!;
    // <rid-base phandle iommu-base length>: RIDs [0, 0x8) and [0x9, 0x10000), so 0x8 has no IOMMU.
    expect([map[0], map[3], map[4], map[7]]).toEqual([0n, 8n, 9n, 0xfff7n]);
    const probe = s.iommus[0]!.probeRegions![0]!;
    expect(probe).toMatchObject({ type: 'msi', start: 0x8090000n, last: 0x809ffffn });
    expect(s.devices[0]!.streamIds).toEqual([0x10]);
  });

  it('QEMU guest maps put RAM at 0x40000000 (engine-spec §5.1)', () => {
    expect(SPEC).toContain('RAM from 0x40000000');
    for (const id of cases) expect(platform(id).guest!.regions[0]).toMatchObject({ kind: 'ram', start: 0x40000000n });
  });
});

describe('Arm Juno (engine-spec §5.3)', () => {
  const DMA = ['[0x80000000, 0xffffffff]', '[0x800000000, 0x9ffffffff]'];
  const WINDOWS = ['[0x50000000, 0x57ffffff]', '[0x4000000000, 0x40ffffffff]'];
  const asText = (r: Range) => `[0x${r.start.toString(16)}, 0x${r.last.toString(16)}]`;

  it.each(['juno-r1', 'juno-r2'])('%s: PCIe ranges, dma-ranges, MSI frame and MMU-401 aperture', (id) => {
    for (const t of [...DMA, ...WINDOWS, '0x5f800000, 8 MiB', 'GICv2m frame at 0x2c1c0000', 'aperture [0, 0xffffffff]']) expect(SPEC).toContain(t);
    const s = platform(id);
    const bridge = s.hostBridges[0]!;
    expect(bridge.dmaRanges.map((d) => asText(span(d.busStart, d.size)))).toEqual(DMA);
    expect(bridge.windows.filter((w) => w.kind !== 'io').map((w) => asText(span(w.busStart, w.size)))).toEqual(WINDOWS);
    expect(bridge.windows.find((w) => w.kind === 'io')).toEqual({ kind: 'io', cpuStart: 0x5f800000n, busStart: 0n, size: 8n << 20n });
    expect(s.msiControllers.find((m) => m.id === bridge.msiController)).toMatchObject({ kind: 'gicv2m', isolated: false, doorbell: { start: 0x2c1c0000n + 0x40n } });
    expect(s.iommus.find((m) => m.id === bridge.iommu)).toMatchObject({ kind: 'smmu-v2', aperture: { start: 0n, last: 0xffffffffn } });
  });

  it.each(['juno-r1', 'juno-r2'])('%s: the SW_MSI window lies outside every inbound window', (id) => {
    const bridge = platform(id).hostBridges[0]!;
    const inbound = bridge.dmaRanges.map((d) => span(d.busStart, d.size));
    expect(inbound.some((r) => rangesOverlap(r, SW_MSI))).toBe(false);
    // ... while the doorbell page a kernel driver gets (0xfffff000, engine-spec §5.3) is inside.
    expect(inbound.some((r) => rangeContains(r, span(0xfffff000n, 0x1000n)))).toBe(true);
  });

  it('all revisions: DRAM at 0x80000000 + 0x7f000000 and 0x880000000 + 0x180000000', () => {
    expect(SPEC).toContain('0x80000000+0x7f000000 and 0x880000000+0x180000000');
    for (const id of ['juno-r0', 'juno-r1', 'juno-r2']) {
      const ram = platform(id).physicalMap.filter((p) => p.kind === 'ram').map((p) => ({ start: p.start, last: p.last }));
      expect(ram).toEqual([span(0x80000000n, 0x7f000000n), span(0x880000000n, 0x180000000n)]);
    }
  });

  it('juno-r0 has no PCIe root complex', () => {
    const s = platform('juno-r0');
    expect(s.hostBridges).toEqual([]);
    expect(s.devices.every((d) => d.bus === 'platform')).toBe(true);
  });
});

describe('DT reservation over the SW_MSI window (engine-spec §4.4, §5.2)', () => {
  const s = platform('dt-faulty-msi-iova');

  it('reserves exactly the 1 MiB at 0x08000000 of the v4 example, on the bridge and on an endpoint', () => {
    expect(SPEC).toContain('iommu-addresses = <&pcieX 0x0 0x8000000 0x0\n  0x100000>');
    for (const r of s.firmwareReservations) {
      expect(r).toMatchObject({ kind: 'dt-iommu-addresses', start: SW_MSI.start, last: SW_MSI.last });
      expect(r.reg).toBeUndefined(); // no `reg`: of_iommu makes it IOMMU_RESV_RESERVED
    }
    expect(s.hostBridges[0]!.memoryRegions).toEqual(['faulty_iova']);
    const [a, b] = s.devices;
    expect(a).toMatchObject({ hasOfNode: false });
    expect(b).toMatchObject({ hasOfNode: true, memoryRegions: ['faulty_iova_ep'] });
    expect(s.behaviour.dtReservationsReachPci).toBe(false);
  });

  it('has more than 1.5 GiB of guest RAM at 0x40000000, so 0xa0000000 is guest RAM', () => {
    expect(SPEC).toContain('> 1.5 GiB RAM has GPAs covering\n  0xa0000000');
    const ram = s.guest!.regions.find((g) => g.kind === 'ram')!;
    expect(ram.start).toBe(0x40000000n);
    expect(ram.size).toBeGreaterThan(0x60000000n);
    expect(rangeContains(span(ram.start, ram.size), span(0xa0000000n, 0x100000n))).toBe(true);
  });
});

describe('x86 contrasts (engine-spec §2.5, Appendix B)', () => {
  it('both report the hardware MSI window 0xfee00000-0xfeefffff', () => {
    expect(SPEC).toContain('**0xfee00000–0xfeefffff**');
    for (const id of ['x86-intel-vtd', 'x86-amd-vi']) {
      // The MSI address inside that window (destination and handle bits modelled as 0).
      expect(platform(id).msiControllers[0]).toMatchObject({ kind: 'x86-lapic', isolated: true, doorbell: { start: 0xfee00000n, last: 0xfee00003n } });
    }
  });

  it('AMD-Vi shows the HyperTransport range', () => {
    expect(SPEC).toContain('0xfd00000000 / 0xffffffffff');
    expect(region(platform('x86-amd-vi'), /HyperTransport/)).toEqual({ start: 0xfd00000000n, last: 0xffffffffffn });
  });

  it('Intel RMRRs of USB and graphics devices are DIRECT_RELAXABLE (device_rmrr_is_relaxable)', () => {
    const s = platform('x86-intel-vtd');
    expect(s.firmwareReservations.map((r) => [r.kind, r.type, r.appliesTo])).toEqual([
      ['vtd-rmrr', 'direct-relaxable', ['igd']],
      ['vtd-rmrr', 'direct-relaxable', ['xhci']],
    ]);
  });
});
