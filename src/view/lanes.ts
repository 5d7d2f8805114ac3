/**
 * The lanes of the map, built from an analysis: each lane is one address space the kernel (or the
 * VMM) builds, in the order a reader follows the story — the CPU's physical map, the group's
 * reserved regions, what dma-iommu made of them, what VFIO and iommufd let userspace map, and
 * where the VMM puts guest memory. Items carry their provenance and kernel rule as text.
 */
import type { Analysis, GroupAnalysis } from '../analysis/analyze.ts';
import { sysfsTypeName } from '../engine/resvRegions.ts';
import { U64_MAX, hex, type Range } from '../engine/u64.ts';
import type { PhysKind, PhysRegion, SourceRef } from '../model/scenario.ts';
import { assignRows, inLaneOrder, packRows, type Lane, type LaneItem } from './laneModel.ts';
import { runToEnd, SLICE_ITEMS, type Sliced } from './sliced.ts';

type Unplaced = Omit<LaneItem, 'row'>;

export const PHYS_KIND_LABEL: Readonly<Record<PhysKind, string>> = {
  ram: 'RAM',
  mmio: 'MMIO',
  flash: 'flash',
  'pcie-ecam': 'PCIe ECAM',
  'pcie-mmio': 'PCIe memory window',
  'pcie-io': 'PCIe I/O window',
  'msi-doorbell': 'MSI doorbell',
  iommu: 'IOMMU registers',
  'interrupt-controller': 'interrupt controller',
  'reserved-memory': 'reserved memory',
  firmware: 'firmware',
  other: 'other',
};

/** "hw/arm/virt.c (QEMU 7.2), base_memmap" */
export function formatSource(s: SourceRef): string {
  return `${s.file} (${s.version})${s.where ? `, ${s.where}` : ''}`;
}

function itemKey(prefix: string, start: bigint, last: bigint, name: string): string {
  return `${prefix}:${hex(start)}-${hex(last)}:${name}`;
}

function lane(id: string, title: string, subtitle: string, items: readonly Unplaced[], message?: string): Lane {
  const packed = packRows(items);
  return { id, title, subtitle, items: packed.items, rows: packed.rows, ...(message ? { message } : {}) };
}

const PHYS_RULE = 'CPU physical address map of the platform; with no vIOMMU a guest-physical address is also the IOVA a VFIO user maps.';
const PHYS_CLS = Object.fromEntries(Object.keys(PHYS_KIND_LABEL).map((k) => [k, `phys-${k}`])) as Record<PhysKind, string>;

/**
 * An item of the physical map: the region and its row, and everything else derived on demand. An
 * uploaded /proc/iomem has a million regions; building their keys and texts up front took seconds,
 * while only the few drawn, listed or selected ones are ever read.
 */
class PhysItem implements LaneItem {
  constructor(
    private readonly region: PhysRegion,
    readonly row: number,
  ) {}
  get name(): string {
    return this.region.name;
  }
  get start(): bigint {
    return this.region.start;
  }
  get last(): bigint {
    return this.region.last;
  }
  get cls(): string {
    return PHYS_CLS[this.region.kind];
  }
  get key(): string {
    return itemKey('phys', this.region.start, this.region.last, this.region.name);
  }
  get type(): string {
    const r = this.region;
    return PHYS_KIND_LABEL[r.kind] + (r.parent ? ` (inside ${r.parent})` : '');
  }
  get sources(): readonly string[] {
    return this.region.source ? [formatSource(this.region.source)] : [];
  }
  get rule(): string {
    return PHYS_RULE;
  }
}

function* physicalLane(a: Analysis): Sliced<Lane> {
  const regions = yield* inLaneOrder(a.scenario.physicalMap);
  const { row, rows } = yield* assignRows(regions);
  const items: PhysItem[] = [];
  for (let i = 0; i < regions.length; i++) {
    if (i % SLICE_ITEMS === SLICE_ITEMS - 1) yield;
    items.push(new PhysItem(regions[i]!, row[i]!));
  }
  return { id: 'phys', title: 'Physical map', subtitle: `${a.scenario.name}: RAM, MMIO, PCIe windows, doorbells`, items, rows };
}

function reservedLane(g: GroupAnalysis): Lane {
  const items = g.reservedRegions.map((r) => ({
    key: itemKey('resv', r.start, r.last, `${r.type}:${r.name}`),
    name: r.name,
    start: r.start,
    last: r.last,
    cls: `resv-${r.type}`,
    type: `${r.type} (sysfs prints "${sysfsTypeName(r.type)}")`,
    sources: r.sources,
    rule: r.rule,
  }));
  return lane('resv', 'Reserved regions', `iommu group ${g.group}: /sys/kernel/iommu_groups/${g.group}/reserved_regions`, items);
}

function dmaLane(g: GroupAnalysis, device: string): Lane {
  const d = g.dmaDomain;
  if (!d) return lane('dma', 'dma-iommu IOVA domain', 'kernel DMA API domain', [], 'No dma-iommu domain: the group has no IOMMU-backed DMA domain.');
  const nodes = d.nodes.map((n) => {
    const start = n.pfnLo * d.granule;
    const last = (n.pfnHi + 1n) * d.granule - 1n;
    const name = n.label ?? (n.kind === 'reserved' ? 'reserved IOVA' : 'allocated IOVA');
    return {
      key: itemKey('dma', start, last, name),
      name,
      start,
      last: last > U64_MAX ? U64_MAX : last,
      cls: `iova-${n.kind}`,
      type: n.kind === 'reserved' ? 'reserved (reserve_iova)' : 'allocated (alloc_iova_fast)',
      sources: [`pfns ${hex(n.pfnLo)}-${hex(n.pfnHi)} at granule ${hex(d.granule)}`],
      rule:
        n.kind === 'reserved'
          ? 'iova_reserve_iommu_regions / iova_reserve_pci_windows: never handed out by the allocator.'
          : 'iommu_dma_alloc_iova: top-down from the cached node, 32-bit first for PCI devices.',
    };
  });
  const doorbells = g.msiDoorbells
    .filter((m) => m.cookie === 'iova' && m.device === device)
    .map((m) => doorbellItem('dma', m, d.granule, 'iommu_dma_get_msi_page: the doorbell page gets a normal IOVA from the allocator (the SW_MSI region is skipped).'));
  return lane('dma', 'dma-iommu IOVA domain', `host kernel driver of ${device}: granule ${hex(d.granule)}, reservations and allocations`, [...nodes, ...doorbells]);
}

function doorbellItem(prefix: string, m: GroupAnalysis['msiDoorbells'][number], granule: bigint, rule: string): Unplaced {
  const name = `MSI doorbell page of ${m.device}`;
  return {
    key: itemKey(prefix, m.iova, m.iova + granule - 1n, name),
    name,
    start: m.iova,
    last: m.iova + granule - 1n,
    cls: 'doorbell',
    type: `MSI doorbell mapping (${m.cookie} cookie)`,
    // iommu_dma_compose_msi_msg: the device writes the page's IOVA plus the register's offset.
    sources: [`doorbell register ${hex(m.doorbell)} (page ${hex(m.page)}) mapped at IOVA ${hex(m.iova)}: the device writes ${hex(m.address)}`],
    rule,
  };
}

/** Valid ranges and the holes between them, up to the end of the space. */
function rangesWithHoles(prefix: string, ranges: readonly Range[], validRule: string, holeRule: string): Unplaced[] {
  const out: Unplaced[] = [];
  let next = 0n;
  const hole = (start: bigint, last: bigint, name: string): void => {
    out.push({ key: itemKey(prefix, start, last, name), name, start, last, cls: 'hole', type: 'hole', sources: [], rule: holeRule });
  };
  for (const r of ranges) {
    if (r.start > next) hole(next, r.start - 1n, 'hole');
    out.push({ key: itemKey(prefix, r.start, r.last, 'valid'), name: 'valid IOVA range', start: r.start, last: r.last, cls: 'valid', type: 'valid IOVA range', sources: [], rule: validRule });
    next = r.last + 1n;
  }
  if (ranges.length > 0 && next <= U64_MAX) hole(next, U64_MAX, 'beyond the aperture');
  return out;
}

function vfioLane(g: GroupAnalysis, device: string): Lane {
  const subtitle = 'VFIO_IOMMU_GET_INFO, VFIO_IOMMU_TYPE1_INFO_CAP_IOVA_RANGE';
  if (g.vfioRanges === 'einval') {
    return lane('vfio', 'VFIO type1 ranges', subtitle, [], 'Attaching the group fails with -EINVAL (vfio_iommu_type1_attach_group): its reserved regions cannot be excluded.');
  }
  const items = rangesWithHoles(
    'vfio',
    g.vfioRanges,
    'vfio_iommu_type1_attach_group: the aperture minus every reserved region except direct-relaxable; VFIO_IOMMU_MAP_DMA must fit inside one range.',
    'VFIO_IOMMU_MAP_DMA into a hole fails with -EINVAL.',
  );
  const granule = g.dmaDomain?.granule ?? 0x1000n;
  const doorbells = g.msiDoorbells
    .filter((m) => m.cookie === 'msi' && m.device === device)
    .map((m) => doorbellItem('vfio', m, granule, 'iommu_get_msi_cookie: VFIO maps doorbells page by page from the SW_MSI base (bump allocator).'));
  const base = g.swMsiBase === undefined ? 'no SW_MSI window: no MSI cookie' : `SW_MSI base ${hex(g.swMsiBase)} (vfio_iommu_has_sw_msi)`;
  return lane('vfio', 'VFIO type1 ranges', `${subtitle}; ${base}`, [...items, ...doorbells]);
}

function iommufdLane(g: GroupAnalysis): Lane {
  const items = rangesWithHoles(
    'iommufd',
    g.iommufdRanges,
    'IOMMU_IOAS_IOVA_RANGES: the domain apertures minus the reserved interval tree.',
    'IOMMU_IOAS_MAP at a fixed IOVA here fails (-EINVAL); attaching a device whose region covers an existing mapping fails with -EADDRINUSE.',
  );
  return lane('iommufd', 'iommufd IOAS ranges', 'IOMMU_IOAS_IOVA_RANGES after attaching the group', items);
}

function guestLane(a: Analysis): Lane {
  const items = a.guestMap.map((r) => ({
    key: itemKey('guest', r.start, r.start + r.size - 1n, r.name),
    name: r.name,
    start: r.start,
    last: r.start + r.size - 1n,
    cls: `guest-${r.kind}`,
    type: `guest ${r.kind} (IOVA == guest-physical address)`,
    sources: a.scenario.guest?.source ? [formatSource(a.scenario.guest.source)] : [],
    rule: 'The VMM maps all guest memory with VFIO_IOMMU_MAP_DMA / IOMMU_IOAS_MAP at IOVA = GPA; every block must fit in a valid range.',
  }));
  const layout = a.scenario.guest?.layout ?? 'no guest map';
  return lane('guest', 'Guest memory as IOVA', `VMM layout: ${layout}`, items);
}

/** The group a device belongs to in the analysis. */
export function groupOf(a: Analysis, device: string | null): GroupAnalysis | undefined {
  return a.groups.find((g) => device !== null && g.devices.includes(device)) ?? a.groups[0];
}

/** All lanes above the candidates lane, for one device, built in slices (the physical map can be huge). */
export function* buildLanesSliced(a: Analysis, device: string | null): Sliced<Lane[]> {
  const g = groupOf(a, device);
  const dev = device ?? g?.devices[0] ?? '';
  const group: Lane[] = g ? [reservedLane(g), dmaLane(g, dev), vfioLane(g, dev), iommufdLane(g)] : [];
  return [yield* physicalLane(a), ...group, guestLane(a)];
}

/** All lanes above the candidates lane, for one device. */
export function buildLanes(a: Analysis, device: string | null): Lane[] {
  return runToEnd(buildLanesSliced(a, device));
}
