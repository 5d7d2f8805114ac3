/**
 * Platform devices behind an IOMMU: any available node with an `iommus` list
 * (phandle + #iommu-cells specifier per entry, drivers/iommu/of_iommu.c). Such a device has its
 * own DT node, so of_iommu_get_resv_regions runs for it and its `memory-region` reservations count.
 */
import type { Device } from '../../model/scenario.ts';
import { isPciBus } from './address.ts';
import { sourceOf, warn, type DtContext } from './context.ts';
import { isIommuNode } from './iommus.ts';
import { cell, cellCount, u32Prop } from './props.ts';
import { memoryRegionIds } from './reserved.ts';
import { nodePath, shownPath, type DtNode } from './tree.ts';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** #iommu-cells above this are not real specifiers (SMMUs use 1 or 2). */
const MAX_IOMMU_CELLS = 8;

export function collectPlatformDevices(ctx: DtContext): void {
  for (let i = 0; i < ctx.nodes.length; i += 1) {
    const node = ctx.nodes[i]!;
    if (!node.props.has('iommus') || node.parent === undefined || isPciBus(node.parent)) continue;
    const spec = readIommus(ctx, node);
    if (spec === undefined) continue;
    const id = nodePath(node);
    const memoryRegions = memoryRegionIds(ctx, node);
    // Optional fields are added in key order rather than spread in: no temporary objects.
    const device: Mutable<Device> = { id, name: node.name, bus: 'platform', iommu: spec.iommu, group: id, hasOfNode: true };
    if (memoryRegions.length > 0) device.memoryRegions = memoryRegions;
    if (spec.streamIds.length > 0) device.streamIds = spec.streamIds;
    const msi = msiParentOf(ctx, node);
    if (msi !== undefined) device.msiController = msi;
    device.source = sourceOf(ctx, node);
    ctx.draft.devices.push(device);
  }
}

/**
 * The MSI controller a platform device's own `msi-parent` names (of_msi_configure; with
 * #msi-cells the phandle is followed by a device id, whose first cell is the phandle either way).
 */
function msiParentOf(ctx: DtContext, node: DtNode): string | undefined {
  const p = node.props.get('msi-parent');
  if (p === undefined || p.length < 4) return undefined;
  const target = ctx.phandles.get(cell(p, 0));
  return target === undefined ? undefined : ctx.msiControllers.get(target)?.id;
}

/** Collects stream ids; the device keeps an exact copy (a growing array keeps room for 17). */
const scratchIds: number[] = [];

/** The first IOMMU of `iommus` and the stream ids (first specifier cell) of its entries. */
function readIommus(ctx: DtContext, node: DtNode): { iommu: string; streamIds: number[] } | undefined {
  const p = node.props.get('iommus')!;
  const n = cellCount(p) ?? 0;
  let iommu: DtNode | undefined;
  let ids = 0; // used entries of scratchIds (setting its length would be a runtime call per device)
  for (let i = 0; i < n; ) {
    const target = ctx.phandles.get(cell(p, i));
    const cells = target === undefined ? undefined : u32Prop(target, '#iommu-cells');
    if (target === undefined || cells === undefined || cells > MAX_IOMMU_CELLS || i + 1 + cells > n) {
      warn(ctx, p.pos, `${shownPath(node)}: iommus: expected a phandle of an IOMMU with #iommu-cells at cell ${i}, found 0x${cell(p, i).toString(16)}; the rest is ignored`);
      break;
    }
    if (!isIommuNode(ctx, target)) {
      warn(ctx, p.pos, `${shownPath(node)}: iommus names ${shownPath(target)}, an IOMMU this tool does not model; entry ignored`);
    } else if (iommu === undefined || iommu === target) {
      iommu = target;
      if (cells > 0) scratchIds[ids++] = cell(p, i + 1);
    }
    i += 1 + cells;
  }
  return iommu === undefined ? undefined : { iommu: nodePath(iommu), streamIds: scratchIds.slice(0, ids) };
}
