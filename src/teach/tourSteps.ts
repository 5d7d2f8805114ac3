/**
 * The guided tour (issue 6, "Teach"): the story of the Arm SW_MSI window told on the real map,
 * one step per point of engine-spec §6, each with the platform and policy to show, the address
 * range to zoom to, the item to highlight, and the kernel functions involved. Facts come from
 * engine-spec §2-§5; everything not in mainline v6.17 is marked PROPOSED.
 */
import type { PolicyId } from '../analysis/analyze.ts';
import type { Lane, LaneItem } from '../view/laneModel.ts';

export interface KernelRef {
  /** Function, constant or ioctl. */
  readonly name: string;
  /** Where it lives. */
  readonly where: string;
}

/** What to highlight: an item of a map lane, or the window a policy picks (windows lane). */
export type TourHighlight =
  | { readonly lane: string; readonly cls: string; readonly contains: bigint }
  | { readonly policyWindow: PolicyId };

/** Where to zoom: an inclusive address range, or the highlighted policy window with a margin. */
export type TourFocus = { readonly start: bigint; readonly last: bigint } | { readonly aroundWindowBytes: bigint };

export interface TourStep {
  readonly id: string;
  readonly title: string;
  readonly paragraphs: readonly string[];
  readonly kernel: readonly KernelRef[];
  /** Built-in platform id (public/platforms/index.json). */
  readonly platform: string;
  readonly policy: PolicyId;
  readonly focus: TourFocus;
  readonly highlight: TourHighlight;
}

const IOMMU_C = 'drivers/iommu/iommu.c';
const DMA_IOMMU_C = 'drivers/iommu/dma-iommu.c';
const IOVA_C = 'drivers/iommu/iova.c';
const VFIO_C = 'drivers/vfio/vfio_iommu_type1.c';
const SMMU = 'drivers/iommu/arm/arm-smmu-v3/arm-smmu-v3.c, arm/arm-smmu/arm-smmu.c';

export const MSI_WINDOW = { start: 0x8000000n, last: 0x80fffffn } as const;

export const TOUR_STEPS: readonly TourStep[] = [
  {
    id: 'iova',
    title: 'What an IOVA is',
    paragraphs: [
      'A device behind an IOMMU never puts CPU physical addresses on the bus. Every address it uses for DMA is an I/O virtual address (IOVA) that the IOMMU, here an Arm SMMUv3, translates through the page tables of the device’s IOMMU domain.',
      'Two kinds of software choose IOVAs. The host kernel’s own drivers get them from dma-iommu’s allocator. A VMM that hands the device to a guest through VFIO chooses them itself: with no virtual IOMMU, the IOVA of guest memory is its guest-physical address.',
      'The lanes of the map share one address axis: the physical map, the reserved regions the IOMMU core reports, the kernel’s IOVA domain, what VFIO and iommufd let userspace map, and where the guest’s RAM lands. The highlighted item is the guest RAM of a QEMU virt guest, mapped at IOVA = GPA.',
    ],
    kernel: [
      { name: 'iommu_map', where: IOMMU_C },
      { name: 'iommu_dma_alloc_iova (a kernel driver’s DMA mapping)', where: DMA_IOMMU_C },
      { name: 'vfio_dma_do_map (VFIO_IOMMU_MAP_DMA)', where: VFIO_C },
    ],
    platform: 'qemu-virt',
    policy: 'mainline',
    focus: { start: 0x0n, last: 0xbfffffffn },
    highlight: { lane: 'guest', cls: 'guest-ram', contains: 0x40000000n },
  },
  {
    id: 'sw-msi',
    title: 'Why the SMMU drivers invent a SW_MSI window at 0x08000000',
    paragraphs: [
      'An MSI is a memory write from the device to an interrupt controller’s doorbell (on GICv3, the ITS’s GITS_TRANSLATER). Behind an SMMU that write is translated like any DMA, so the doorbell page must be mapped in the device’s domain at some IOVA.',
      'x86 has a fixed hardware MSI range (0xfee00000) that the IOMMU never translates; Arm has none. So arm_smmu_get_resv_regions adds, for every device and without checking anything else, a region of type IOMMU_RESV_SW_MSI at MSI_IOVA_BASE 0x8000000, MSI_IOVA_LENGTH 0x100000: [0x08000000, 0x080fffff]. It is a software convention, not hardware.',
      'iommu_get_group_resv_regions merges every device’s list into the group’s (iommu_insert_resv_region), and /sys/kernel/iommu_groups/N/reserved_regions prints it as “msi”.',
    ],
    kernel: [
      { name: 'arm_smmu_get_resv_regions (MSI_IOVA_BASE, MSI_IOVA_LENGTH)', where: SMMU },
      { name: 'iommu_alloc_resv_region (IOMMU_RESV_SW_MSI)', where: IOMMU_C },
      { name: 'iommu_get_group_resv_regions, iommu_insert_resv_region', where: IOMMU_C },
    ],
    platform: 'qemu-virt',
    policy: 'mainline',
    focus: { start: 0x7c00000n, last: 0x83fffffn },
    highlight: { lane: 'resv', cls: 'resv-sw-msi', contains: MSI_WINDOW.start },
  },
  {
    id: 'qemu-virt',
    title: 'Why 0x08000000 fits QEMU virt',
    paragraphs: [
      'QEMU’s virt machine (hw/arm/virt.c, base_memmap) puts flash at 0x0–0x07ffffff, the GIC block from 0x08000000 (distributor, ITS at 0x08080000, redistributors from 0x080a0000), UART and SMMU around 0x09000000, the PCIe MMIO window at 0x10000000, and RAM from 0x40000000.',
      'No guest RAM is ever placed at 0x08000000, so a VMM mapping guest memory at IOVA = GPA never needs the SW_MSI hole: it costs nothing. That is the whole reason for the constant — in Robin Murphy’s words, MSI_IOVA_BASE was picked to fit the standard QEMU virt memory map.',
    ],
    kernel: [
      { name: 'base_memmap (VIRT_GIC_DIST 0x08000000, VIRT_MEM 0x40000000)', where: 'QEMU hw/arm/virt.c' },
      { name: 'arm_smmu_get_resv_regions', where: SMMU },
    ],
    platform: 'qemu-virt',
    policy: 'mainline',
    focus: { start: 0x0n, last: 0x47ffffffn },
    highlight: { lane: 'phys', cls: 'phys-interrupt-controller', contains: MSI_WINDOW.start },
  },
  {
    id: 'dma-iommu',
    title: 'dma-iommu ignores the window',
    paragraphs: [
      'The host kernel’s drivers use dma-iommu. iommu_dma_init_domain creates the domain’s iova_domain (init_iova_domain); iova_reserve_pci_windows reserves the host bridge’s windows; iova_reserve_iommu_regions reserves every reserved region except SW_MSI (“We ARE the software that manages these!”).',
      'When a driver enables MSIs, iommu_dma_prepare_msi → iommu_dma_get_msi_page allocates the doorbell page like any DMA buffer with iommu_dma_alloc_iova: top-down, below 4 GiB first for PCI devices. The ITS page lands at 0xfffff000, nowhere near 0x08000000, and clear of every reservation.',
    ],
    kernel: [
      { name: 'iommu_dma_init_domain, init_iova_domain', where: `${DMA_IOMMU_C}, ${IOVA_C}` },
      { name: 'iova_reserve_iommu_regions (skips IOMMU_RESV_SW_MSI), iova_reserve_pci_windows', where: DMA_IOMMU_C },
      { name: 'iommu_dma_get_msi_page → iommu_dma_alloc_iova → alloc_iova_fast', where: `${DMA_IOMMU_C}, ${IOVA_C}` },
    ],
    platform: 'qemu-virt',
    policy: 'mainline',
    focus: { start: 0xfffe0000n, last: 0xffffffffn },
    highlight: { lane: 'dma', cls: 'doorbell', contains: 0xfffff000n },
  },
  {
    id: 'vfio',
    title: 'VFIO maps doorbells inside the window',
    paragraphs: [
      'For a device assigned to userspace, vfio_iommu_type1_attach_group builds the valid IOVA list: the aperture (vfio_iommu_aper_resize) minus every reserved region except direct-relaxable (vfio_iommu_resv_exclude). The SW_MSI window is a hole the VMM must not map.',
      'vfio_iommu_has_sw_msi finds the window’s base (any hardware MSI region would win), and iommu_get_msi_cookie gives the domain an MSI cookie: a bump allocator from that base. iommu_dma_get_msi_page then maps doorbells at 0x08000000, 0x08001000, … in first-use order, with no bound check. Userspace only sees the hole; the base itself is “sneaky UAPI”.',
    ],
    kernel: [
      { name: 'vfio_iommu_type1_attach_group, vfio_iommu_aper_resize, vfio_iommu_resv_exclude', where: VFIO_C },
      { name: 'vfio_iommu_has_sw_msi', where: VFIO_C },
      { name: 'iommu_get_msi_cookie, iommu_dma_get_msi_page (MSI cookie: msi_iova += size)', where: DMA_IOMMU_C },
    ],
    platform: 'qemu-virt',
    policy: 'mainline',
    focus: { start: 0x7c00000n, last: 0x83fffffn },
    highlight: { lane: 'vfio', cls: 'doorbell', contains: MSI_WINDOW.start },
  },
  {
    id: 'juno',
    title: 'Why Arm Juno can never use it',
    paragraphs: [
      'Juno’s PCIe root complex only forwards inbound transactions whose bus address is in its dma-ranges: 0x80000000–0xffffffff and 0x8_0000_0000–0x9_ffff_ffff (juno-base.dtsi, as programmed by EDK2). The SMMU driver still reports SW_MSI at 0x08000000, far below 0x80000000: an MSI write there never reaches the SMMU or the GICv2m.',
      'dma-iommu knows: iova_reserve_pci_windows reserves the gaps between dma-ranges in its private iova_domain, so kernel drivers get their doorbell at 0xfffff000 and work. Those gaps never appear in reserved_regions, so VFIO still maps its doorbell at 0x08000000 — the platform where MSI_IOVA_BASE “knowingly could never work” (Robin Murphy). The highlighted mainline window is flagged outside the inbound window.',
    ],
    kernel: [
      { name: 'iova_reserve_pci_windows (dma-ranges gaps, private to dma-iommu)', where: DMA_IOMMU_C },
      { name: 'arm_smmu_get_resv_regions', where: 'drivers/iommu/arm/arm-smmu/arm-smmu.c (MMU-401)' },
      { name: 'vfio_iommu_has_sw_msi, iommu_get_msi_cookie', where: `${VFIO_C}, ${DMA_IOMMU_C}` },
    ],
    platform: 'juno-r1',
    policy: 'mainline',
    focus: { start: 0x0n, last: 0xffffffffn },
    highlight: { policyWindow: 'mainline' },
  },
  {
    id: 'series',
    title: 'What the series proposed: a second constant, 0xa0000000',
    paragraphs: [
      'Shyam Saini’s “arm-smmu: select suitable MSI IOVA” (v1 January 2025 to v4 September 2025, not merged) targets platforms whose firmware says 0x08000000 is unusable. v4: PCI endpoints inherit the host bridge’s DT node (2/4), so of_iommu_get_resv_regions sees its memory-region; the drivers then take the first of {MSI_IOVA_BASE 0x8000000, MSI_IOVA_BASE2 0xa0000000} that intersects no reserved region (3/4, the helper iommu_set_sw_msi in 4/4). If both intersect, no SW_MSI region is produced at all, silently.',
      'On this platform 0xa0000000 is chosen — and a QEMU virt guest with 2 GiB of RAM (0x40000000–0xbfffffff) has RAM there, so VFIO_IOMMU_MAP_DMA of that RAM hits the new hole and fails with -EINVAL. A fixed address is UAPI: the VMM has to know it in advance.',
    ],
    kernel: [
      { name: 'of_iommu_configure (PROPOSED 2/4: endpoint inherits the host bridge node)', where: 'drivers/iommu/of_iommu.c' },
      { name: 'of_iommu_get_resv_regions, iommu_dma_get_resv_regions', where: `drivers/iommu/of_iommu.c, ${DMA_IOMMU_C}` },
      { name: 'iommu_set_sw_msi, MSI_IOVA_BASE2 (PROPOSED 3/4, 4/4)', where: IOMMU_C },
    ],
    platform: 'dt-faulty-msi-iova',
    policy: 'series-v4',
    focus: { start: 0x0n, last: 0xc7ffffffn },
    highlight: { policyWindow: 'series-v4' },
  },
  {
    id: 'reviewers',
    title: 'What the reviewers preferred: let userspace choose the window',
    paragraphs: [
      'Review of v4 (September 2025): Robin Murphy — an endpoint must not inherit the host bridge’s node; describe limited inbound windows with dma-ranges. Will Deacon — why another fixed constant? Jason Gunthorpe — dma-iommu already allocates MSI addresses around reserved ranges; the SW_MSI base is only used by VFIO, so let VFIO userspace specify the MSI window.',
      'Nicolin Chen’s iommufd series (Part-2 v2, October 2025, PROPOSED, not merged) adds IOMMU_OPTION_SW_MSI_START and IOMMU_OPTION_SW_MSI_SIZE: per device, set before attach (-EBUSY after), 1 MiB aligned (-EINVAL), not overlapping the device’s other regions (-EADDRINUSE). The VMM knows its guest map and picks a hole — here the valid window nearest 0x08000000.',
    ],
    kernel: [
      { name: 'IOMMU_OPTION_SW_MSI_START / IOMMU_OPTION_SW_MSI_SIZE (PROPOSED)', where: 'include/uapi/linux/iommufd.h (Part-2 v2)' },
      { name: 'iopt_table_enforce_dev_resv_regions', where: 'drivers/iommu/iommufd/io_pagetable.c' },
      { name: 'iommufd_sw_msi', where: 'drivers/iommu/iommufd/driver.c' },
    ],
    platform: 'dt-faulty-msi-iova',
    policy: 'userspace',
    focus: { aroundWindowBytes: 0x800000n },
    highlight: { policyWindow: 'userspace' },
  },
];

/** The selection (lane id and item key) that highlights a step's item on the given map lanes. */
export function findHighlight(step: TourStep, lanes: readonly Lane[]): { lane: string; key: string } | undefined {
  const h = step.highlight;
  if ('policyWindow' in h) return { lane: 'windows', key: `policy:${h.policyWindow}` };
  const hit = (it: LaneItem): boolean => it.cls === h.cls && it.start <= h.contains && h.contains <= it.last;
  const item = lanes.find((l) => l.id === h.lane)?.items.find(hit);
  return item ? { lane: h.lane, key: item.key } : undefined;
}

/** The range to zoom to, given the window the step's policy picked (if the focus follows it). */
export function focusRange(step: TourStep, window: { base: bigint; size: bigint } | null | undefined): { start: bigint; last: bigint } | undefined {
  const f = step.focus;
  if (!('aroundWindowBytes' in f)) return f;
  if (!window) return undefined;
  const start = window.base > f.aroundWindowBytes ? window.base - f.aroundWindowBytes : 0n;
  return { start, last: window.base + window.size - 1n + f.aroundWindowBytes };
}
