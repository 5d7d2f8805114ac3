import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze } from '../analysis/analyze.ts';
import { hex } from '../engine/u64.ts';
import { scenarioFromJson } from '../model/codec.ts';
import { buildLanes } from './lanes.ts';

function lanesOf(id: string) {
  const r = scenarioFromJson(readFileSync(new URL(`../../public/platforms/${id}.json`, import.meta.url), 'utf8'), id);
  if (!r.ok) throw new Error(r.error.message);
  const a = analyze(r.value);
  return buildLanes(a, a.policies[0]!.device);
}

const text = (items: readonly { start: bigint; last: bigint; cls: string }[], cls: string) =>
  items.filter((i) => i.cls === cls).map((i) => `${hex(i.start)}-${hex(i.last)}`);

describe('buildLanes', () => {
  it('orders the story: physical map, reserved regions, dma-iommu, VFIO, iommufd, guest', () => {
    expect(lanesOf('qemu-virt').map((l) => l.id)).toEqual(['phys', 'resv', 'dma', 'vfio', 'iommufd', 'guest']);
  });

  it('draws QEMU virt VFIO ranges with the SW_MSI hole and the end of the 48-bit aperture (engine-spec §5.1)', () => {
    const vfio = lanesOf('qemu-virt').find((l) => l.id === 'vfio')!;
    expect(text(vfio.items, 'valid')).toEqual(['0x0-0x7ffffff', '0x8100000-0xffffffffffff']);
    expect(text(vfio.items, 'hole')).toEqual(['0x8000000-0x80fffff', '0x1000000000000-0xffffffffffffffff']);
    expect(vfio.items.find((i) => i.start === 0x1000000000000n)!.name).toBe('beyond the aperture');
  });

  it('says which address the device writes through each doorbell page (engine-spec §5.1: GITS_TRANSLATER 0x08090040)', () => {
    const lanes = lanesOf('qemu-virt');
    const vfio = lanes.find((l) => l.id === 'vfio')!;
    const dma = lanes.find((l) => l.id === 'dma')!;
    // VFIO's MSI cookie maps the page 0x08090000 at the SW_MSI base; the offset 0x40 is kept.
    const viaCookie = vfio.items.find((i) => i.cls === 'doorbell')!;
    expect([viaCookie.start, viaCookie.last]).toEqual([0x8000000n, 0x8000fffn]);
    expect(viaCookie.sources[0]).toContain('the device writes 0x8000040');
    // dma-iommu: the first 32-bit allocation, pfn 0xfffff, so 0xfffff040.
    expect(dma.items.find((i) => i.cls === 'doorbell')!.sources[0]).toContain('the device writes 0xfffff040');
  });

  it('names the reserved region with its sysfs type', () => {
    const resv = lanesOf('qemu-virt').find((l) => l.id === 'resv')!;
    const sw = resv.items.find((i) => i.cls === 'resv-sw-msi')!;
    expect([sw.start, sw.last]).toEqual([0x8000000n, 0x80fffffn]);
    expect(sw.type).toBe('sw-msi (sysfs prints "msi")');
    expect(sw.sources.length).toBeGreaterThan(0);
  });

  it('shows the Juno dma-iommu reservations of iova_reserve_pci_windows (engine-spec §5.3)', () => {
    const dma = lanesOf('juno-r1').find((l) => l.id === 'dma')!;
    const reserved = text(dma.items, 'iova-reserved');
    // pfns [0x58000, 0x80000] (the gap below the first dma-range, first page of it included).
    expect(reserved).toContain('0x58000000-0x80000fff');
    // pfns [0x100000, 0x800000]: the gap between the two dma-ranges.
    expect(reserved).toContain('0x100000000-0x800000fff');
  });

  it('packs overlapping items into rows', () => {
    for (const l of lanesOf('juno-r1')) {
      for (const a of l.items) {
        for (const b of l.items) {
          if (a !== b && a.row === b.row && a.row < l.rows - 1) expect(a.last < b.start || b.last < a.start).toBe(true);
        }
      }
    }
  });
});
