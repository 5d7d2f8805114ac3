/**
 * The physical map entries of ordinary nodes: every available node with a translatable `reg`
 * that the other passes do not already describe (memory, reserved-memory, host bridges, PCI
 * functions). The kind comes from what the node is: IOMMU registers, an MSI frame, an interrupt
 * controller, flash, or plain MMIO.
 */
import type { PhysKind } from '../../model/scenario.ts';
import { isPciBus } from './address.ts';
import { cpuWindows, sourceOf, type DtContext } from './context.ts';
import { isIommuNode } from './iommus.ts';
import { hasCompatible, stringList } from './props.ts';
import { isHostBridge } from './pci.ts';
import { isMemoryNode, isReservedMemoryChild } from './reserved.ts';
import { hasBaseName, type DtNode } from './tree.ts';

function kindOf(ctx: DtContext, node: DtNode): PhysKind {
  if (isIommuNode(ctx, node)) return 'iommu';
  if (hasCompatible(node, 'arm,gic-v2m-frame')) return 'msi-doorbell';
  if (node.props.has('interrupt-controller') || hasCompatible(node, 'arm,gic-v3-its')) return 'interrupt-controller';
  if (hasBaseName(node, 'flash')) return 'flash';
  for (const c of stringList(node, 'compatible')) if (c.includes('flash')) return 'flash';
  return 'mmio';
}

export function collectPhysical(ctx: DtContext): void {
  const map = ctx.draft.physicalMap;
  for (let i = 0; i < ctx.nodes.length; i += 1) {
    const node = ctx.nodes[i]!;
    const parent = node.parent;
    if (parent === undefined || !node.props.has('reg')) continue;
    if (isPciBus(parent) || isMemoryNode(node) || isReservedMemoryChild(node) || isHostBridge(node)) continue;
    const windows = cpuWindows(ctx, node);
    if (windows.length === 0) continue;
    const kind = kindOf(ctx, node);
    const source = sourceOf(ctx, node);
    // Two literals rather than a spread: one object shape each, and no copy per entry.
    const top = parent.parent === undefined;
    for (const w of windows) {
      const start = w.start;
      const last = start + w.size - 1n;
      const name = w.label === '' ? node.name : `${node.name} ${w.label}`;
      map.push(top ? { start, last, name, kind, source } : { start, last, name, kind, parent: parent.name, source });
    }
  }
}
