/**
 * MSI controllers: GICv2m frames and GICv3 ITSes. The doorbell is the register a device writes
 * its MSI to, which is what gets mapped through the IOMMU (engine-spec §3a, MSI doorbells):
 * MSI_SETSPI_NS at offset 0x40 of a v2m frame (irq-gic-v2m.c, V2M_MSI_SETSPI_NS), GITS_TRANSLATER
 * at offset 0x10040 of an ITS (the second 64 KiB frame, irq-gic-v3-its.c).
 */
import type { MsiController, MsiControllerKind } from '../../model/scenario.ts';
import { cpuWindows, sourceOf, type DtContext } from './context.ts';
import { stringList } from './props.ts';
import { nodePath } from './tree.ts';

const KINDS: readonly { compatible: string; kind: MsiControllerKind; offset: bigint; isolated: boolean }[] = [
  { compatible: 'arm,gic-v2m-frame', kind: 'gicv2m', offset: 0x40n, isolated: false },
  { compatible: 'arm,gic-v3-its', kind: 'gicv3-its', offset: 0x10040n, isolated: true },
];

function msiKind(compatible: readonly string[]): (typeof KINDS)[number] | undefined {
  for (let i = 0; i < KINDS.length; i += 1) if (compatible.includes(KINDS[i]!.compatible)) return KINDS[i];
  return undefined;
}

export function collectMsiControllers(ctx: DtContext): void {
  let unisolated = false;
  for (let i = 0; i < ctx.nodes.length; i += 1) {
    const node = ctx.nodes[i]!;
    const k = msiKind(stringList(node, 'compatible'));
    if (k === undefined) continue;
    const base = cpuWindows(ctx, node)[0]?.start;
    if (base === undefined) continue;
    const doorbell = base + k.offset;
    const msi: MsiController = {
      id: nodePath(node),
      name: node.name,
      kind: k.kind,
      doorbell: { start: doorbell, last: doorbell + 3n },
      isolated: k.isolated,
      source: sourceOf(ctx, node),
    };
    ctx.msiControllers.set(node, msi);
    ctx.draft.msiControllers.push(msi);
    unisolated ||= !k.isolated;
  }
  if (unisolated) {
    ctx.draft.notes.push('GICv2m does not isolate MSIs per device (checked in Linux v6.17-rc3: gicv2m_allocate_domains in drivers/irqchip/irq-gic-v2m.c sets no IRQ_DOMAIN_FLAG_ISOLATED_MSI, which its_node_init in irq-gic-v3-its.c sets for the ITS), so VFIO refuses assignment with -EPERM unless vfio_iommu_type1.allow_unsafe_interrupts=1 (assumed off, as in mainline).');
  }
}
