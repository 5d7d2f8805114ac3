/**
 * Public types of the analysis (shared contract with the UI and the CLI; see analyze.ts).
 */
import type { Range } from '../engine/u64.ts';
import type { IovaNode } from '../engine/iova.ts';
import type { GuestRegion, ResvTypeName, Scenario } from '../model/scenario.ts';

export type PolicyId = 'mainline' | 'series-v4' | 'dynamic' | 'userspace';

export const POLICY_IDS: readonly PolicyId[] = ['mainline', 'series-v4', 'dynamic', 'userspace'];

export interface MsiWindow {
  readonly base: bigint;
  readonly size: bigint;
}

export interface AnalysisOptions {
  /** Resize the guest's RAM (QEMU virt: RAM at 0x40000000). */
  readonly guestRamSize?: bigint;
  /** The window the VMM asks for under the userspace policy (default: the best valid window). */
  readonly userspaceWindow?: MsiWindow;
  /** Extra windows to evaluate for every device (UI candidates). */
  readonly candidates?: readonly { readonly id: string; readonly base: bigint; readonly size: bigint }[];
}

export type DerivedRegion = Range & {
  readonly type: ResvTypeName;
  readonly name: string;
  /** Driver function + firmware node/entry of every producer region merged into this one. */
  readonly sources: string[];
  /** The kernel rule that made the (first) region. */
  readonly rule: string;
};

export interface Conflict {
  /** What the window collides with, in words. */
  readonly with: string;
  readonly withRange: Range;
  /** e.g. "guest-ram", "reserved-region", "outside-inbound-window", "msi-isolation", "no-sw-msi". */
  readonly kind: string;
  /** Which call fails with which error, or which MSI writes are lost. */
  readonly consequence: string;
}

export interface PolicyResult {
  readonly policy: PolicyId | 'candidate';
  readonly candidateId?: string;
  readonly device: string;
  readonly window: MsiWindow | null;
  readonly conflicts: Conflict[];
  readonly verdict: 'ok' | 'conflict' | 'no-window';
  readonly explanation: string;
}

/**
 * One MSI doorbell as the kernel maps it (iommu_dma_get_msi_page) and tells the device
 * (iommu_dma_compose_msi_msg: the page's IOVA plus the doorbell's offset within the page).
 */
export interface MsiDoorbellMapping {
  readonly device: string;
  /** Physical address of the register the MSI targets (GITS_TRANSLATER, MSI_SETSPI_NS, 0xfee00000). */
  readonly doorbell: bigint;
  /** Physical page mapped for it: the doorbell aligned down to the cookie's page size. */
  readonly page: bigint;
  /** IOVA at which that page is mapped. */
  readonly iova: bigint;
  /** IOVA the device writes its MSI to: the page's IOVA plus the doorbell's offset in the page. */
  readonly address: bigint;
  /** 'iova': dma-iommu (kernel driver); 'msi': VFIO type1's MSI cookie at the SW_MSI base. */
  readonly cookie: 'iova' | 'msi';
}

export interface GroupAnalysis {
  readonly group: string;
  readonly devices: string[];
  /** Merged group list (iommu_get_group_resv_regions), as sysfs shows it. */
  readonly reservedRegions: DerivedRegion[];
  /** sysfs reserved_regions lines. */
  readonly sysfs: string[];
  /** VFIO_IOMMU_TYPE1_INFO_CAP_IOVA_RANGE, or 'einval' when the exclusion leaves nothing. */
  readonly vfioRanges: Range[] | 'einval';
  /** vfio_iommu_has_sw_msi: the MSI cookie base; undefined when HW MSI wins or there is none. */
  readonly swMsiBase?: bigint;
  /** IOMMU_IOAS_IOVA_RANGES after attaching every device of the group. */
  readonly iommufdRanges: Range[];
  /** iommufd attach failure (e.g. SW_MSI together with HW MSI → -EINVAL), if any. */
  readonly iommufdError?: string;
  /** The dma-iommu IOVA domain of the group's default domain, after reservations and MSI pages. */
  readonly dmaDomain?: { readonly granule: bigint; readonly nodes: IovaNode[] };
  readonly msiDoorbells: MsiDoorbellMapping[];
}

export interface Analysis {
  readonly scenario: Scenario;
  readonly groups: GroupAnalysis[];
  readonly policies: PolicyResult[];
  readonly candidates: PolicyResult[];
  /** Union of all 1 MiB-aligned 1 MiB windows valid for every device that needs a SW_MSI window. */
  readonly validWindows: Range[];
  readonly guestMap: GuestRegion[];
  readonly assumptions: string[];
}
