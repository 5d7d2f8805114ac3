/**
 * The scenario model: everything the kernel and the VMM would know about one platform.
 *
 * Every input format (built-in platform JSON, device tree source/blob, /proc/iomem, sysfs
 * reserved_regions, QEMU `info mtree`) is parsed into this one model. The engine derives the
 * reserved regions, IOVA domains, VFIO and iommufd ranges from it; the analysis compares MSI-window
 * policies on it; the UI draws it.
 *
 * In memory every address and size is an exact BigInt; on disk (scenario JSON, links) they are
 * lower-case "0x…" hex strings (see codec.ts). Ranges are inclusive: { start, last }.
 */
import type { Range } from '../engine/u64.ts';

export const SCENARIO_SCHEMA = 'iova-atlas/scenario@1';

/** Where a fact comes from: a public file at a version, a user upload, or a kernel rule. */
export interface SourceRef {
  /** e.g. "arch/arm64/boot/dts/arm/juno-base.dtsi", "hw/arm/virt.c", "upload: board.dtb". */
  readonly file: string;
  /** e.g. "Linux v6.17-rc3", "QEMU 7.2", or for an upload the parser ("dtb", "iomem"). */
  readonly version: string;
  /** Optional repository, node path, line or function: "torvalds/linux", "/soc/pcie@40000000", "base_memmap". */
  readonly where?: string;
}

/** Kinds of things on the platform's physical (CPU) address map. */
export type PhysKind =
  | 'ram'
  | 'mmio'
  | 'flash'
  | 'pcie-ecam'
  | 'pcie-mmio' // a host bridge's memory window (CPU address)
  | 'pcie-io'
  | 'msi-doorbell' // GICv2m frame, ITS translater page, x86 0xfee00000
  | 'iommu' // the IOMMU's own registers
  | 'interrupt-controller'
  | 'reserved-memory' // DT /reserved-memory or /memreserve/, iomem "Reserved"
  | 'firmware'
  | 'other';

export interface PhysRegion extends Range {
  readonly name: string;
  readonly kind: PhysKind;
  /** Nesting parent's name (iomem/mtree children), for display only. */
  readonly parent?: string;
  readonly source?: SourceRef;
}

export type IommuKind = 'smmu-v3' | 'smmu-v2' | 'virtio-iommu' | 'intel-vtd' | 'amd-vi' | 'apple-dart';

export interface Iommu {
  readonly id: string;
  readonly name: string;
  readonly kind: IommuKind;
  /** Input address range a paging domain can translate (e.g. [0, 2^48-1] for SMMUv3 with IAS 48). */
  readonly aperture: Range;
  /** Smallest IOMMU page size (the IOVA granule), e.g. 0x1000. */
  readonly granule: bigint;
  /** Register base (CPU address), if known. */
  readonly base?: bigint;
  /**
   * virtio-iommu only: regions the device reports in PROBE. If none of them is an MSI region,
   * the driver adds the SW_MSI window (viommu_get_resv_regions).
   */
  readonly probeRegions?: readonly FirmwareReservation[];
  readonly source?: SourceRef;
}

export type ResvTypeName = 'direct' | 'direct-relaxable' | 'reserved' | 'msi' | 'sw-msi';

export interface BridgeWindow {
  readonly kind: 'mem' | 'mem-prefetch' | 'io';
  readonly cpuStart: bigint;
  readonly busStart: bigint;
  readonly size: bigint;
}

export interface DmaRange {
  readonly busStart: bigint;
  readonly cpuStart: bigint;
  readonly size: bigint;
}

export interface HostBridge {
  readonly id: string;
  readonly name: string;
  /** Outbound windows (DT `ranges`): bus addresses routed to PCI, reserved by dma-iommu. */
  readonly windows: readonly BridgeWindow[];
  /** Inbound windows (DT `dma-ranges`): the only bus addresses a device's DMA can reach. Empty = no restriction. */
  readonly dmaRanges: readonly DmaRange[];
  /** IOMMU this bridge's `iommu-map` routes to (undefined: no IOMMU). */
  readonly iommu?: string;
  /** MSI controller (`msi-parent` / `msi-map`). */
  readonly msiController?: string;
  /** DT `memory-region` phandles of the host-bridge node itself (patch 2/4 makes endpoints inherit them). */
  readonly memoryRegions?: readonly string[];
  readonly source?: SourceRef;
}

export type MsiControllerKind = 'gicv2m' | 'gicv3-its' | 'x86-lapic' | 'other';

export interface MsiController {
  readonly id: string;
  readonly name: string;
  readonly kind: MsiControllerKind;
  /**
   * The doorbell register devices write their MSIs to (CPU/physical address): GITS_TRANSLATER
   * (ITS base + 0x10040), MSI_SETSPI_NS (v2m frame + 0x40), 0xfee00000 on x86. The kernel maps
   * the page that contains it (iommu_dma_get_msi_page) and keeps the offset in the message.
   */
  readonly doorbell: Range;
  /** Whether MSIs are isolated per device (ITS: yes; GICv2m: no → VFIO needs allow_unsafe_interrupts). */
  readonly isolated: boolean;
  readonly source?: SourceRef;
}

export interface Device {
  readonly id: string;
  readonly name: string;
  readonly bus: 'pci' | 'platform';
  /** PCI devices: the host bridge they sit below. */
  readonly hostBridge?: string;
  /**
   * Platform devices: the MSI controller of their own DT `msi-parent` (of_msi_configure gives
   * them its platform-MSI domain). PCI devices take their host bridge's.
   */
  readonly msiController?: string;
  /** IOMMU the device is behind; undefined = no IOMMU (group gets an empty reserved_regions file). */
  readonly iommu?: string;
  /** IOMMU group name/number; devices with the same group share a reserved-region list. */
  readonly group: string;
  /**
   * Whether the device has its own DT node (of_node). PCI endpoints normally do not, so
   * of_iommu_get_resv_regions never runs for them (unless behaviour.dtReservationsReachPci).
   */
  readonly hasOfNode: boolean;
  /** DT `memory-region` references (ids of firmwareReservations) on the device's own node. */
  readonly memoryRegions?: readonly string[];
  /** Stream/requester IDs, for IORT RMR matching and display. */
  readonly streamIds?: readonly number[];
  /** Regions read verbatim from a reserved_regions dump for this device's group (upload). */
  readonly observedRegions?: readonly ObservedRegion[];
  /** True when the device was modelled (e.g. one representative endpoint per host bridge), not read. */
  readonly representative?: boolean;
  readonly source?: SourceRef;
}

export interface ObservedRegion extends Range {
  readonly type: ResvTypeName;
  /** How the MSI kind was decided when sysfs printed just "msi". */
  readonly inferred?: string;
}

export type FirmwareKind =
  | 'dt-iommu-addresses' // reserved-memory node with iommu-addresses (of_iommu_get_resv_regions)
  | 'iort-rmr' // ACPI IORT RMR descriptor (iort_iommu_get_resv_regions)
  | 'iort-msi-quirk' // HiSilicon HI161X ITS bypass window
  | 'vtd-rmrr' // Intel DMAR RMRR
  | 'amd-ivmd' // AMD IVMD unity map / exclusion range
  | 'virtio-probe'; // virtio-iommu PROBE RESV_MEM

export interface FirmwareReservation extends Range {
  readonly id: string;
  readonly name: string;
  readonly kind: FirmwareKind;
  /**
   * DT: the reserved-memory node's `reg` (absent → RESERVED; equal to the IOVA range → DIRECT;
   * else RESERVED with a warning), per iommu_resv_region_get_type.
   */
  readonly reg?: Range;
  /** IORT RMR: ACPI_IORT_RMR_REMAP_PERMITTED → DIRECT_RELAXABLE, else DIRECT. */
  readonly remapPermitted?: boolean;
  /** Explicit type where the firmware says it (IVMD exclusion → reserved, virtio probe → reserved/msi). */
  readonly type?: ResvTypeName;
  /** Device ids (or a host bridge id) this reservation is attached to. */
  readonly appliesTo: readonly string[];
  readonly source?: SourceRef;
}

/** Kernel behaviour switches that change the derivation. Defaults are mainline v6.17. */
export interface KernelBehaviour {
  /** Patch 2/4 of the v4 series: PCI endpoints inherit the host bridge's DT node (mainline: false). */
  readonly dtReservationsReachPci: boolean;
  /** iommu.forcedac=1: no 32-bit-first IOVA allocation for PCI devices (mainline default: false). */
  readonly forcedac: boolean;
  /** vfio_iommu_type1.allow_unsafe_interrupts (default false). */
  readonly allowUnsafeInterrupts: boolean;
}

export const MAINLINE_BEHAVIOUR: KernelBehaviour = {
  dtReservationsReachPci: false,
  forcedac: false,
  allowUnsafeInterrupts: false,
};

export interface GuestRegion {
  readonly name: string;
  readonly kind: 'ram' | 'bar' | 'rom' | 'other';
  /** Guest physical address = IOVA that VFIO maps (no vIOMMU: IOVA == GPA). */
  readonly start: bigint;
  readonly size: bigint;
}

/** The VMM's guest memory map: what a VFIO user maps with VFIO_IOMMU_MAP_DMA / IOMMU_IOAS_MAP. */
export interface GuestMap {
  /** e.g. "qemu-virt" (RAM at 0x40000000), "x86-pc" (below 4 GiB + above). */
  readonly layout: string;
  readonly regions: readonly GuestRegion[];
  readonly source?: SourceRef;
}

export interface Scenario {
  readonly schema: typeof SCENARIO_SCHEMA;
  /** Stable id: built-ins use fixed ids ("qemu-virt", "juno-r1"); uploads get "upload:<name>". */
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  /** Version of a built-in platform file, bumped when its facts change (links pin it). */
  readonly version?: number;
  readonly sources: readonly SourceRef[];
  readonly physicalMap: readonly PhysRegion[];
  readonly iommus: readonly Iommu[];
  readonly hostBridges: readonly HostBridge[];
  readonly msiControllers: readonly MsiController[];
  readonly devices: readonly Device[];
  readonly firmwareReservations: readonly FirmwareReservation[];
  readonly behaviour: KernelBehaviour;
  readonly guest?: GuestMap;
  /** Free-text notes a parser or author wants shown (assumptions made, things not modelled). */
  readonly notes?: readonly string[];
}
