/**
 * How the trace player names an iova-trace/1 op: the kernel function that performs it (engine-spec
 * Appendix A) and its arguments, written the way the trace file spells them.
 */
import type { BusRange } from '../engine/dmaIommu.ts';
import type { TraceOp, TraceOpName } from '../engine/trace.ts';
import { hex } from '../engine/u64.ts';

/** The kernel function(s) behind each op, and where they live. */
export const OP_KERNEL_FUNCTION: Readonly<Record<TraceOpName, { readonly fn: string; readonly file: string }>> = {
  resv_add: { fn: 'iommu_insert_resv_region (from iommu_get_group_resv_regions)', file: 'drivers/iommu/iommu.c' },
  resv_show: { fn: 'iommu_group_show_resv_regions (sysfs reserved_regions)', file: 'drivers/iommu/iommu.c' },
  iova_init: { fn: 'init_iova_domain', file: 'drivers/iommu/iova.c' },
  iova_alloc: { fn: 'alloc_iova', file: 'drivers/iommu/iova.c' },
  iova_reserve: { fn: 'reserve_iova', file: 'drivers/iommu/iova.c' },
  iova_free: { fn: 'find_iova + __free_iova', file: 'drivers/iommu/iova.c' },
  iova_show: { fn: 'in-order walk of iovad->rbroot (without the anchor)', file: 'drivers/iommu/iova.c' },
  dma_reserve_resv: { fn: 'iova_reserve_iommu_regions (reserved-region part; skips SW_MSI)', file: 'drivers/iommu/dma-iommu.c' },
  dma_reserve_pci: { fn: 'iova_reserve_pci_windows', file: 'drivers/iommu/dma-iommu.c' },
  vfio_aperture: { fn: 'vfio_iommu_aper_resize', file: 'drivers/vfio/vfio_iommu_type1.c' },
  vfio_exclude: { fn: 'vfio_iommu_resv_exclude', file: 'drivers/vfio/vfio_iommu_type1.c' },
  vfio_sw_msi: { fn: 'vfio_iommu_has_sw_msi', file: 'drivers/vfio/vfio_iommu_type1.c' },
};

const ranges = (list: readonly BusRange[]): string => `[${list.map((r) => `${hex(r.start)}-${hex(r.end)}`).join(', ')}]`;

/** The op's arguments as "name=value" pairs, in the trace format's field order. */
export function opArguments(op: TraceOp): string[] {
  switch (op.op) {
    case 'resv_add':
      return [`start=${hex(op.start)}`, `length=${hex(op.length)}`, `type=${op.type}`];
    case 'iova_init':
      return [`granule=${hex(op.granule)}`, `start_pfn=${hex(op.startPfn)}`];
    case 'iova_alloc':
      return [`size=${hex(op.size)}`, `limit_pfn=${hex(op.limitPfn)}`, `size_aligned=${op.sizeAligned}`];
    case 'iova_reserve':
      return [`pfn_lo=${hex(op.pfnLo)}`, `pfn_hi=${hex(op.pfnHi)}`];
    case 'iova_free':
      return [`pfn=${hex(op.pfn)}`];
    case 'dma_reserve_pci':
      return [`windows=${ranges(op.windows)}`, `dma_ranges=${ranges(op.dmaRanges)}`];
    case 'vfio_aperture':
      return [`start=${hex(op.start)}`, `end=${hex(op.end)}`];
    default:
      return [];
  }
}

/** "iova_reserve(pfn_lo=0x8000, pfn_hi=0x80ff)" */
export function opCallText(op: TraceOp): string {
  return `${op.op}(${opArguments(op).join(', ')})`;
}
