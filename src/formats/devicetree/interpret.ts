/**
 * Device tree → Scenario, shared by the DTS parser and the DTB reader. Passes, in dependency
 * order: IOMMUs and MSI controllers (referenced by the rest), memory and reservations (referenced
 * by devices), the physical map, PCIe host bridges with their endpoints, platform devices.
 * Behaviour switches stay at mainline (MAINLINE_BEHAVIOUR) and the notes say so.
 */
import { ok, type Result } from '../../model/located.ts';
import type { Scenario } from '../../model/scenario.ts';
import { finishScenario, newDraft } from '../common/draft.ts';
import { excerpt } from '../common/text.ts';
import { readRanges } from './address.ts';
import { newContext, warn, type DtContext } from './context.ts';
import { collectIommus } from './iommus.ts';
import { collectMsiControllers } from './msi.ts';
import { collectPci } from './pci.ts';
import { collectPhysical } from './physmap.ts';
import { collectPlatformDevices } from './platform.ts';
import { firstString } from './props.ts';
import { collectMemory } from './reserved.ts';
import { shownPath, type DtTree } from './tree.ts';

/** Said when the tree describes no IOMMU: the map then has nothing of the MSI-window story to show. */
export const NO_IOMMU_NOTE =
  'No IOMMU in this device tree (no available node compatible with an Arm SMMUv1/v2/v3, virtio-iommu or Apple DART): devices use physical addresses for DMA, so there are no IOVA spaces and no MSI window to place. QEMU virt gets an SMMUv3 with -machine virt,iommu=smmuv3.';

export function interpretDeviceTree(tree: DtTree, source: string, parser: 'dts' | 'dtb'): Result<Scenario> {
  const draft = newDraft();
  const ctx = newContext(tree, source, parser, draft);
  collectIommus(ctx);
  collectMsiControllers(ctx);
  collectMemory(ctx);
  collectPhysical(ctx);
  collectPci(ctx);
  collectPlatformDevices(ctx);
  keepKnownTargets(ctx);
  warnUnreadableRanges(ctx);
  if (draft.iommus.length === 0) draft.notes.push(NO_IOMMU_NOTE);
  draft.physicalMap.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  if (ctx.suppressed.count > 0) ctx.warnings.push({ source, message: `${ctx.suppressed.count} more warning(s) like the ones above were not listed` });
  const model = firstString(tree.root, 'model') ?? firstString(tree.root, 'compatible');
  const what = parser === 'dtb' ? 'device tree blob' : 'device tree source';
  return ok(finishScenario(source, parser, draft, model === undefined ? what : `${what} of ${model}`), ctx.warnings);
}

/**
 * A reservation applies only to devices and host bridges the scenario models; an iommu-addresses
 * tuple naming any other node has no effect in the kernel either (that node has no IOMMU). The
 * warning points at the iommu-addresses property the reservation came from.
 */
function keepKnownTargets(ctx: DtContext): void {
  const { draft } = ctx;
  if (draft.firmwareReservations.length === 0) return;
  // The few ids reservations name, then which of them a device or host bridge has: a set of
  // every device id would cost a hash insert per device of a big tree.
  const named = new Set<string>();
  for (const r of draft.firmwareReservations) for (const id of r.appliesTo) named.add(id);
  const known = new Set<string>();
  for (const d of draft.devices) if (named.has(d.id)) known.add(d.id);
  for (const b of draft.hostBridges) if (named.has(b.id)) known.add(b.id);
  const propPos = new Map<string, number>();
  for (const [node, ids] of ctx.reservations) for (const id of ids) propPos.set(id, node.props.posOf('iommu-addresses'));
  draft.firmwareReservations = draft.firmwareReservations.map((r) => {
    if (r.appliesTo.every((id) => known.has(id))) return r;
    const kept = r.appliesTo.filter((id) => known.has(id));
    const dropped = r.appliesTo.filter((id) => !known.has(id));
    const names = dropped.map((id) => excerpt(id, 'end')).join(', ');
    warn(ctx, Math.max(0, propPos.get(r.id) ?? 0), `${excerpt(r.id, 'end')}: iommu-addresses names ${names}, which is neither a device behind a modelled IOMMU nor a host bridge; it applies to nothing here`);
    return { ...r, appliesTo: kept };
  });
}

/**
 * A bus whose ranges or dma-ranges cannot be read translates nothing (of_translate_one finds no
 * match), so every child device below it is left out of the map. Say so once per property, at
 * the property, unless the host-bridge pass already warned about it.
 */
function warnUnreadableRanges(ctx: DtContext): void {
  const already = new Set(ctx.warnings.map((w) => `${w.line}:${w.column}:${w.offset}:${w.message}`));
  for (const [prop, byNode] of ctx.ranges) {
    for (const [node, entries] of byNode) {
      const p = entries === null ? node.props.get(prop) : undefined;
      const read = p === undefined || p.length === 0 ? undefined : readRanges(p, node);
      if (p === undefined || read === undefined || read.ok) continue;
      const message = `${shownPath(node)}: ${prop} ignored: ${read.why}`;
      const at = ctx.tree.locate(p.pos);
      if (already.has(`${at.line}:${at.column}:${at.offset}:${message}`)) continue;
      warn(ctx, p.pos, `${message}; addresses below it cannot be translated, so its child devices are left out`);
    }
  }
}
