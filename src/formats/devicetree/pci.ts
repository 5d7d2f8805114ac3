/**
 * PCIe host bridges (device_type "pci" nodes not below another PCI bus) and the PCI functions
 * behind them.
 * - `ranges`/`dma-ranges`: 3 PCI address cells; phys.hi bits 24-25 are the space code
 *   (1 I/O, 2 32-bit memory, 3 64-bit memory), bit 30 "prefetchable" (IEEE 1275 PCI binding).
 * - `iommu-map`/`msi-map`: (rid-base, phandle, out-base, length) entries, the RID masked by
 *   `iommu-map-mask`/`msi-map-mask` first (of_map_id in drivers/of/base.c).
 * A device tree has no nodes for ordinary PCI endpoints, so one representative endpoint per
 * bridge whose iommu-map reaches an IOMMU is modelled; DT nodes of PCI functions, when present,
 * become real devices (with an of_node, so of_iommu_get_resv_regions runs for them).
 */
import type { BridgeWindow, Device, DmaRange, HostBridge } from '../../model/scenario.ts';
import { isPciBus, readRanges, translate, type RangeEntry } from './address.ts';
import { cpuWindows, sourceOf, warn, type DtContext } from './context.ts';
import { isIommuNode } from './iommus.ts';
import { cell, cellCount, firstString, firstStringIs, stringList, u32Prop } from './props.ts';
import { memoryRegionIds } from './reserved.ts';
import { allNodes, nodePath, shownPath, type DtNode } from './tree.ts';

const SPACE_IO = 1;
const PREFETCHABLE = 0x40000000;
const U64_MAX = 0xffff_ffff_ffff_ffffn;
/** Bounds for hostile inputs: map entries read, and RIDs tried when picking a representative. */
const MAX_MAP_ENTRIES = 4096;
const MAX_RID_PROBES = 4096;

interface MapEntry {
  readonly ridBase: number;
  readonly target: DtNode | undefined;
  readonly outBase: number;
  readonly length: number;
}

interface IdMap {
  readonly mask: number;
  readonly entries: readonly MapEntry[];
}

export function isHostBridge(node: DtNode): boolean {
  return (firstStringIs(node, 'device_type', 'pci') || firstStringIs(node, 'device_type', 'pciex')) && node.parent !== undefined && !isPciBus(node.parent);
}

function readIdMap(ctx: DtContext, node: DtNode, prop: 'iommu-map' | 'msi-map'): IdMap | undefined {
  const p = node.props.get(prop);
  if (p === undefined) return undefined;
  const n = cellCount(p);
  if (n === undefined || n % 4 !== 0) {
    warn(ctx, p.pos, `${shownPath(node)}: ${prop} ignored: expected (rid-base, phandle, out-base, length) entries of 4 cells, found ${p.length} bytes`);
    return undefined;
  }
  if (n / 4 > MAX_MAP_ENTRIES) warn(ctx, p.pos, `${shownPath(node)}: ${prop} has ${n / 4} entries; only the first ${MAX_MAP_ENTRIES} are read`);
  const entries: MapEntry[] = [];
  for (let i = 0; i < Math.min(n, MAX_MAP_ENTRIES * 4); i += 4) {
    entries.push({ ridBase: cell(p, i), target: ctx.phandles.get(cell(p, i + 1)), outBase: cell(p, i + 2), length: cell(p, i + 3) });
  }
  return { mask: u32Prop(node, `${prop}-mask`) ?? 0xffffffff, entries };
}

/** of_map_id: the entry covering the masked RID and the output id it maps to. */
function mapRid(map: IdMap, rid: number): { target: DtNode | undefined; out: number } | undefined {
  const masked = (rid & map.mask) >>> 0;
  for (const e of map.entries) {
    if (masked >= e.ridBase && masked - e.ridBase < e.length) return { target: e.target, out: (masked - e.ridBase + e.outBase) >>> 0 };
  }
  return undefined;
}

function windowKind(flags: number): BridgeWindow['kind'] | undefined {
  const space = (flags >>> 24) & 3;
  if (space === SPACE_IO) return 'io';
  if (space === 0) return undefined; // configuration space: not a window
  return flags & PREFETCHABLE ? 'mem-prefetch' : 'mem';
}

function windowName(w: BridgeWindow): string {
  if (w.kind === 'io') return 'I/O window';
  const width = w.busStart + w.size - 1n > 0xffffffffn ? '64-bit' : '32-bit';
  return `${width} ${w.kind === 'mem-prefetch' ? 'prefetchable memory' : 'memory'} window`;
}

function fits(start: bigint, size: bigint): boolean {
  return size > 0n && start + size - 1n <= U64_MAX;
}

function rangesOf(ctx: DtContext, node: DtNode, prop: 'ranges' | 'dma-ranges'): RangeEntry[] {
  const p = node.props.get(prop);
  if (p === undefined || p.length === 0) return [];
  const read = readRanges(p, node);
  if (!read.ok) {
    warn(ctx, p.pos, `${shownPath(node)}: ${prop} ignored: ${read.why}`);
    return [];
  }
  return read.entries;
}

function windowsOf(ctx: DtContext, node: DtNode): BridgeWindow[] {
  const out: BridgeWindow[] = [];
  for (const r of rangesOf(ctx, node, 'ranges')) {
    const kind = windowKind(r.flags);
    const cpuStart = kind === undefined || node.parent === undefined ? undefined : translate(r.parent, r.size, node.parent, 'ranges', ctx.ranges);
    if (kind === undefined || cpuStart === undefined || !fits(cpuStart, r.size) || !fits(r.child.addr, r.size)) continue;
    out.push({ kind, cpuStart, busStart: r.child.addr, size: r.size });
  }
  return out;
}

function dmaRangesOf(ctx: DtContext, node: DtNode): DmaRange[] {
  const out: DmaRange[] = [];
  for (const r of rangesOf(ctx, node, 'dma-ranges')) {
    const cpuStart = node.parent === undefined ? undefined : translate(r.parent, r.size, node.parent, 'dma-ranges', ctx.ranges);
    if (cpuStart === undefined || !fits(cpuStart, r.size) || !fits(r.child.addr, r.size)) continue;
    out.push({ busStart: r.child.addr, cpuStart, size: r.size });
  }
  return out;
}

/** The MSI controller of a bridge: msi-map's first target, else msi-parent. */
function msiTargetOf(ctx: DtContext, node: DtNode, msiMap: IdMap | undefined): DtNode | undefined {
  const fromMap = msiMap?.entries.find((e) => e.target !== undefined)?.target;
  if (fromMap !== undefined) return fromMap;
  const p = node.props.get('msi-parent');
  return p !== undefined && p.length >= 4 ? ctx.phandles.get(cell(p, 0)) : undefined;
}

/** Requester ID (bus << 8 | devfn) of a PCI function node: bits 8-23 of its reg's phys.hi. */
function ridOf(node: DtNode): number | undefined {
  const p = node.props.get('reg');
  return p === undefined || p.length < 4 ? undefined : (cell(p, 0) >>> 8) & 0xffff;
}

function hex4(rid: number): string {
  return '0x' + rid.toString(16).padStart(4, '0');
}

export function collectPci(ctx: DtContext): void {
  let representatives = 0;
  for (let i = 0; i < ctx.nodes.length; i += 1) {
    const node = ctx.nodes[i]!;
    if (!isHostBridge(node)) continue;
    const id = nodePath(node);
    const src = sourceOf(ctx, node);
    const ecam = stringList(node, 'compatible').some((c) => c.includes('ecam'));
    for (const w of cpuWindows(ctx, node)) {
      const name = `${node.name} ${w.label === '' ? (ecam ? 'ECAM' : 'registers') : w.label}`;
      ctx.draft.physicalMap.push({ start: w.start, last: w.start + w.size - 1n, name, kind: ecam ? 'pcie-ecam' : 'mmio', source: src });
    }
    const windows = windowsOf(ctx, node);
    for (const w of windows) {
      ctx.draft.physicalMap.push({
        start: w.cpuStart,
        last: w.cpuStart + w.size - 1n,
        name: `${node.name} ${windowName(w)}`,
        kind: w.kind === 'io' ? 'pcie-io' : 'pcie-mmio',
        source: src,
      });
    }
    const iommuMap = readIdMap(ctx, node, 'iommu-map');
    const msiMap = readIdMap(ctx, node, 'msi-map');
    const iommuNode = iommuMap?.entries.find((e) => e.target !== undefined && isIommuNode(ctx, e.target))?.target;
    const msiNode = msiTargetOf(ctx, node, msiMap);
    const msi = msiNode === undefined ? undefined : ctx.msiControllers.get(msiNode);
    const memoryRegions = memoryRegionIds(ctx, node);
    const bridge: HostBridge = {
      id,
      name: node.name,
      windows,
      dmaRanges: dmaRangesOf(ctx, node),
      ...(iommuNode === undefined ? {} : { iommu: nodePath(iommuNode) }),
      ...(msi === undefined ? {} : { msiController: msi.id }),
      ...(memoryRegions.length === 0 ? {} : { memoryRegions }),
      source: src,
    };
    ctx.draft.hostBridges.push(bridge);
    if (iommuMap === undefined) continue;
    const claimed = functionNodes(ctx, node, id, iommuMap);
    const rep = representative(ctx, node, id, iommuMap, claimed);
    if (rep !== undefined) {
      ctx.draft.devices.push(rep);
      representatives += 1;
    }
  }
  if (representatives > 0) {
    ctx.draft.notes.push(
      `A device tree has no nodes for ordinary PCI endpoints: ${representatives} representative endpoint(s) were modelled, one per host bridge whose iommu-map routes to an IOMMU (no DT node, so DT reservations do not reach it in mainline). A reserved_regions dump or manual entries can add real devices.`,
    );
  }
}

/** DT nodes of PCI functions below a bridge: real devices. Returns the RIDs they (and IOMMUs) use. */
function functionNodes(ctx: DtContext, bridgeNode: DtNode, bridgeId: string, iommuMap: IdMap): Set<number> {
  const claimed = new Set<number>();
  for (const node of allNodes(bridgeNode)) {
    if (node.parent === undefined || !node.available || !isPciBus(node.parent)) continue;
    const rid = ridOf(node);
    if (rid === undefined) continue;
    claimed.add(rid);
    if (isIommuNode(ctx, node) || firstString(node, 'device_type') === 'pci') continue;
    const hit = mapRid(iommuMap, rid);
    const iommu = hit?.target !== undefined && isIommuNode(ctx, hit.target) ? nodePath(hit.target) : undefined;
    const memoryRegions = memoryRegionIds(ctx, node);
    const device: Device = {
      id: nodePath(node),
      name: node.name,
      bus: 'pci',
      hostBridge: bridgeId,
      ...(iommu === undefined ? {} : { iommu }),
      group: nodePath(node),
      hasOfNode: true,
      ...(memoryRegions.length === 0 ? {} : { memoryRegions }),
      ...(hit === undefined ? {} : { streamIds: [hit.out] }),
      source: sourceOf(ctx, node),
    };
    ctx.draft.devices.push(device);
  }
  return claimed;
}

/** One endpoint standing for those without DT nodes: the first RID the iommu-map sends to an IOMMU. */
function representative(ctx: DtContext, node: DtNode, bridgeId: string, map: IdMap, claimed: Set<number>): Device | undefined {
  let probes = 0;
  for (const e of map.entries) {
    if (e.target === undefined || !isIommuNode(ctx, e.target)) continue;
    for (let rid = e.ridBase, k = 0; k < e.length && rid <= 0xffff; rid += 1, k += 1) {
      probes += 1;
      if (probes > MAX_RID_PROBES) return undefined;
      if (claimed.has(rid)) continue;
      const hit = mapRid(map, rid);
      if (hit?.target !== e.target) continue;
      return {
        id: `${bridgeId}/endpoint@${hex4(rid)}`,
        name: `PCI endpoint RID ${hex4(rid)} below ${node.name} (representative)`,
        bus: 'pci',
        hostBridge: bridgeId,
        iommu: nodePath(e.target),
        group: `${bridgeId}/endpoint@${hex4(rid)}`,
        hasOfNode: false,
        streamIds: [hit.out],
        representative: true,
        source: sourceOf(ctx, node),
      };
    }
  }
  return undefined;
}
