/**
 * Arm SMMUv3 and SMMU v1/v2 reserved regions (engine-spec §2.1, §4.4).
 *
 * Mainline arm_smmu_get_resv_regions (arm-smmu-v3.c and arm-smmu.c, identical): the SW_MSI
 * window [MSI_IOVA_BASE, +MSI_IOVA_LENGTH) first, unconditionally, then
 * iommu_dma_get_resv_regions.
 *
 * Shyam Saini's v4 series (3/4 + 4/4, iommu_set_sw_msi; not merged): the firmware regions first,
 * then SW_MSI at the first of {MSI_IOVA_BASE, MSI_IOVA_BASE2} whose window intersects no region
 * already in the list (closed intervals, any type). If both intersect, the loop just ends: no
 * SW_MSI region at all and no message (the pr_warn sits on the allocation-failure branch).
 */
import { MSI_IOVA_BASE, MSI_IOVA_BASE2, MSI_IOVA_LENGTH, SW_MSI_PROT, resvLast, type ResvRegion } from '../../engine/resvRegions.ts';
import { hex } from '../../engine/u64.ts';
import { iommuDmaResvRegions } from './dmaResv.ts';
import { produced, type ProducedRegion, type ProducerContext } from './types.ts';

const DRIVER = { 'smmu-v3': 'SMMUv3 driver, arm-smmu-v3.c', 'smmu-v2': 'SMMU v1/v2 driver, arm-smmu.c' } as const;

function driverName(ctx: ProducerContext): string {
  return ctx.iommu.kind === 'smmu-v2' ? DRIVER['smmu-v2'] : DRIVER['smmu-v3'];
}

export function smmuResvRegions(ctx: ProducerContext): ProducedRegion[] {
  const swMsi = produced(MSI_IOVA_BASE, MSI_IOVA_LENGTH, SW_MSI_PROT, 'sw-msi', 'SW_MSI window (MSI_IOVA_BASE)',
    'added unconditionally by the SMMU driver for VFIO/iommufd MSI mapping',
    `arm_smmu_get_resv_regions (${driverName(ctx)}): MSI_IOVA_BASE`);
  return [swMsi, ...iommuDmaResvRegions(ctx)];
}

/** resv_region_intersects of the series: closed-interval overlap with any region in the list. */
export function intersectsAny(base: bigint, length: bigint, list: readonly ResvRegion[]): boolean {
  const last = base + length - 1n;
  return list.some((r) => base <= resvLast(r) && r.start <= last);
}

/** Candidate bases of the series, in order. */
export const SERIES_CANDIDATES: readonly bigint[] = [MSI_IOVA_BASE, MSI_IOVA_BASE2];

/** The series' choice on top of a device's firmware regions (shared by SMMU and observed lists). */
export function seriesSwMsi(dmaRegions: readonly ResvRegion[], driver: string): ProducedRegion | undefined {
  const base = SERIES_CANDIDATES.find((c) => !intersectsAny(c, MSI_IOVA_LENGTH, dmaRegions));
  if (base === undefined) return undefined;
  const skipped = SERIES_CANDIDATES.slice(0, SERIES_CANDIDATES.indexOf(base));
  const why = skipped.length ? `first candidate not intersecting any region (${skipped.map(hex).join(', ')} intersects)` : 'first candidate, intersects no region';
  return produced(base, MSI_IOVA_LENGTH, SW_MSI_PROT, 'sw-msi', `SW_MSI window (series v4: ${hex(base)})`, why,
    `iommu_set_sw_msi (series v4 4/4, ${driver}): ${base === MSI_IOVA_BASE ? 'MSI_IOVA_BASE' : 'MSI_IOVA_BASE2'}`);
}

export function smmuResvRegionsSeriesV4(ctx: ProducerContext): ProducedRegion[] {
  const dma = iommuDmaResvRegions(ctx);
  const swMsi = seriesSwMsi(dma, driverName(ctx));
  return swMsi ? [...dma, swMsi] : dma;
}
