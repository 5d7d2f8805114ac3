/**
 * iommufd's view of a group (engine-spec §3d): an IOAS with the group's paging domain, every
 * device attached in turn (iopt_table_enforce_dev_resv_regions on its per-device list), then
 * IOMMU_IOAS_IOVA_RANGES.
 */
import { Ioas } from '../engine/iommufd.ts';
import type { Range } from '../engine/u64.ts';
import type { Iommu } from '../model/scenario.ts';
import type { DeviceKernel } from './deviceContext.ts';

export function iommufdRanges(iommu: Iommu, members: readonly DeviceKernel[]): { ranges: Range[]; error?: string } {
  const ioas = new Ioas();
  ioas.addDomain(iommu.aperture);
  for (const ctx of members) {
    const r = ioas.enforceDevResvRegions(ctx.device.id, ctx.mainline);
    if (!r.ok) return { ranges: ioas.iovaRanges(), error: `attaching ${ctx.device.name} fails with -${r.errno}: ${r.reason}` };
  }
  return { ranges: ioas.iovaRanges() };
}
