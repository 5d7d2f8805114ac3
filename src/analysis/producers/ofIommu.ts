/**
 * of_iommu_get_resv_regions (drivers/iommu/of_iommu.c, v6.17-rc3; engine-spec §2.3).
 *
 * Walks the `memory-region` phandles of the device's own DT node. A reserved-memory node with an
 * `iommu-addresses` tuple naming that node yields one region: DIRECT when the IOVA range equals
 * the node's `reg`, RESERVED when there is no `reg` or it differs (iommu_resv_region_get_type;
 * DT never yields DIRECT_RELAXABLE). PCI endpoints normally have no DT node, so a reservation on
 * the host bridge reaches them only with patch 2/4 of the v4 series (ctx.dtReachesPci).
 */
import { PROT } from '../../engine/resvRegions.ts';
import type { FirmwareReservation, ResvTypeName } from '../../model/scenario.ts';
import { lengthOf, memoPerScenario, produced, reservationsById, type ProducedRegion, type ProducerContext } from './types.ts';

const RESERVED_NO_REG = { type: 'reserved', rule: 'iommu-addresses without reg: IOMMU_RESV_RESERVED (iommu_resv_region_get_type)' } as const;
const DIRECT = { type: 'direct', rule: 'iommu-addresses equal to reg: IOMMU_RESV_DIRECT (iommu_resv_region_get_type)' } as const;
const RESERVED_OTHER_REG = {
  type: 'reserved',
  rule: 'iommu-addresses differ from reg: "treating non-direct mapping as reservation", IOMMU_RESV_RESERVED',
} as const;

/** iommu_resv_region_get_type. */
export function dtReservationType(r: FirmwareReservation): { readonly type: ResvTypeName; readonly rule: string } {
  if (!r.reg) return RESERVED_NO_REG;
  return r.reg.start === r.start && r.reg.last === r.last ? DIRECT : RESERVED_OTHER_REG;
}

interface OfNodeOwner {
  readonly id: string;
  readonly memoryRegions: readonly string[];
  readonly what: string;
  /** The device or host bridge object the node belongs to: what the regions depend on. */
  readonly key: object;
}

/** The DT node whose memory-region list the kernel reads for this device, if any. */
function ofNodeOwner(ctx: ProducerContext): OfNodeOwner | undefined {
  const { device, bridge } = ctx;
  if (device.hasOfNode) return { id: device.id, memoryRegions: device.memoryRegions ?? [], what: `node of ${device.name}`, key: device };
  if (device.bus === 'pci' && ctx.dtReachesPci && bridge) {
    return { id: bridge.id, memoryRegions: bridge.memoryRegions ?? [], what: `host-bridge node ${bridge.name} (inherited, series v4 2/4)`, key: bridge };
  }
  return undefined;
}

const ofRegionsMemo = memoPerScenario<object, readonly ProducedRegion[]>();

export function ofIommuResvRegions(ctx: ProducerContext): ProducedRegion[] {
  const owner = ofNodeOwner(ctx);
  return owner ? [...ofRegionsMemo(ctx.scenario, owner.key, () => ofNodeRegions(ctx, owner))] : [];
}

function ofNodeRegions(ctx: ProducerContext, owner: OfNodeOwner): ProducedRegion[] {
  const out: ProducedRegion[] = [];
  const byId = reservationsById(ctx.scenario);
  // The source's tail names the node, the same for every region of it: built once, not per region.
  const via = ` (iommu-addresses, via memory-region of the ${owner.what})`;
  for (const id of owner.memoryRegions) {
    const r = byId.get(id);
    // A memory-region without iommu-addresses for this node contributes nothing.
    if (!r || r.kind !== 'dt-iommu-addresses' || !r.appliesTo.includes(owner.id)) continue;
    const { type, rule } = dtReservationType(r);
    out.push(
      produced(r.start, lengthOf(r), PROT.READ | PROT.WRITE, type, r.name, rule,
        `of_iommu_get_resv_regions: reserved-memory ${r.name}${via}`),
    );
  }
  return out;
}
