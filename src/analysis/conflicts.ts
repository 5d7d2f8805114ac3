/**
 * What goes wrong, concretely, when an MSI window overlaps something (engine-spec §3c, §3d, §5,
 * §6 point 9). The consequence depends on who chose the window: the kernel (mainline, the series,
 * a dynamic choice: VFIO/iommufd simply use it) or the VMM through the proposed iommufd option
 * (the kernel validates it against the device's regions and answers -EADDRINUSE).
 */
import { hex, type Range } from '../engine/u64.ts';
import type { KernelBehaviour } from '../model/scenario.ts';
import type { DeviceContext } from './deviceContext.ts';
import { overlapping, rangeText, type Obstacle } from './obstacles.ts';
import type { Conflict } from './types.ts';

/** 'kernel': the window is the driver's SW_MSI region; 'vmm': set with IOMMU_OPTION_SW_MSI_START. */
export type Chooser = 'kernel' | 'vmm';

function reservedConsequence(o: Obstacle, at: string, chooser: Chooser): string {
  const what = `${o.with} ${rangeText(o)}`;
  if (chooser === 'vmm') {
    if (o.type === 'direct-relaxable') {
      return `accepted (DIRECT_RELAXABLE is exempt from the check), but MSI doorbell pages at ${at} shadow the identity mapping of ${what}`;
    }
    return `the kernel rejects the window: IOMMU_OPTION_SW_MSI_START fails with -EADDRINUSE (overlaps ${o.type ?? 'a reserved'} region ${what})`;
  }
  switch (o.type) {
    case 'direct':
    case 'direct-relaxable':
      return `MSI doorbell pages mapped at ${at} replace the identity mapping of ${what}: firmware-initiated DMA there reaches the doorbell instead of memory`;
    case 'msi':
      return `the window overlaps the hardware MSI region ${what}: VFIO ignores the SW_MSI (vfio_iommu_has_sw_msi) and iommufd rejects the device with -EINVAL`;
    default:
      return `VFIO maps MSI doorbells at ${at}, inside ${what} which the platform declares unusable: MSI writes are lost, no error anywhere`;
  }
}

function consequence(o: Obstacle, window: Range, chooser: Chooser): string {
  const first = o.start > window.start ? o.start : window.start;
  const at = hex(first);
  const vmm = chooser === 'vmm';
  switch (o.kind) {
    case 'outside-aperture':
      return `the IOMMU cannot translate ${at} (${o.with}): mapping the MSI doorbell fails, so MSI setup of the assigned device fails`;
    case 'outside-inbound-window':
      return `MSI writes to ${at} are outside the root complex's inbound dma-ranges and are silently lost`;
    case 'pci-window':
      return `MSI writes to ${at} fall in the ${o.with} ${rangeText(o)} and are routed peer-to-peer, never reaching the IOMMU: silently lost`;
    case 'guest-ram':
    case 'guest-memory':
      return vmm
        ? `${o.with} ${rangeText(o)} uses the same IOVAs (IOVA == GPA): attaching the device fails with -EADDRINUSE (iopt_reserve_iova); the VMM must move RAM or the window`
        : `VFIO_IOMMU_MAP_DMA of ${o.with} ${rangeText(o)} fails with -EINVAL (it crosses the MSI hole), so device assignment fails`;
    case 'guest-bar':
      return vmm
        ? `${o.with} ${rangeText(o)} uses the same IOVAs: attaching the device fails with -EADDRINUSE unless the VMM moves the BAR`
        : `VFIO_IOMMU_MAP_DMA of ${o.with} ${rangeText(o)} fails with -EINVAL: peer-to-peer DMA to that BAR is impossible`;
    case 'reserved-region':
      return reservedConsequence(o, at, chooser);
    case 'unreported-reservation':
      return vmm
        ? `the kernel does not report ${o.with} ${rangeText(o)} for this device, so it accepts the window: MSI writes to ${at} are lost, no error anywhere`
        : `the platform reserves ${o.with} ${rangeText(o)} but the kernel does not report it for this device: VFIO maps MSI doorbells at ${at} anyway; MSI writes are lost, no error anywhere`;
  }
}

function kindOf(o: Obstacle): string {
  return o.kind === 'reserved-region' ? `${o.type ?? 'reserved'}-region` : o.kind;
}

/**
 * Every conflict of a window with the device's obstacles, in address order. `itself`: the
 * region that IS the window (a hardware MSI window), not a conflict with itself.
 */
export function windowConflicts(ctx: DeviceContext, window: Range, chooser: Chooser, itself?: Range): Conflict[] {
  const isItself = (o: Obstacle) => itself !== undefined && o.kind === 'reserved-region' && o.start === itself.start && o.last === itself.last;
  return overlapping(ctx.obstacles, window).filter((o) => !isItself(o)).map((o) => ({
    with: o.with,
    withRange: { start: o.start, last: o.last },
    kind: kindOf(o),
    consequence: consequence(o, window, chooser),
  }));
}

/** Why a device without a described MSI controller has no isolating MSI domain. */
function noDomain(device: DeviceContext['device']): string {
  return device.bus === 'platform'
    ? `${device.name} has no MSI irq domain (no msi-parent: wired interrupts only)`
    : `no MSI domain of ${device.name} is flagged IRQ_DOMAIN_FLAG_ISOLATED_MSI (no GICv3 ITS, no x86 interrupt remapping described)`;
}

/**
 * Conflicts that hold whatever the window: MSIs a VFIO user cannot get at all. The group must
 * have isolated MSIs (msiIsolation.ts) or VFIO type1 and iommufd refuse it with -EPERM.
 */
export function deviceConflicts(ctx: DeviceContext, behaviour: KernelBehaviour): Conflict[] {
  const bad = ctx.unisolatedMsi;
  if (!bad || behaviour.allowUnsafeInterrupts) return [];
  const refused = 'vfio_iommu_type1_attach_group and iommufd_device_bind refuse the group with -EPERM unless allow_unsafe_interrupts';
  const who = bad.device.id === ctx.device.id ? '' : ` (group member ${bad.device.name})`;
  if (bad.controller) {
    return [{
      with: `${bad.controller.name}${who}`,
      withRange: bad.controller.doorbell,
      kind: 'msi-isolation',
      consequence: `${refused}: ${bad.controller.name} does not flag its MSI domain IRQ_DOMAIN_FLAG_ISOLATED_MSI, so MSIs are not isolated per device`,
    }];
  }
  return [{
    with: `no MSI domain${who || ` (${ctx.device.name})`}`,
    // Nothing to point at: the whole address space of the refused group.
    withRange: ctx.iommu.aperture,
    kind: 'msi-isolation',
    consequence: `${refused}: ${noDomain(bad.device)}, so msi_device_has_isolated_msi falls back to arch_is_isolated_msi(), false on arm64 and x86`,
  }];
}

/** The series or a dynamic rule found no window: no SW_MSI region at all (engine-spec §5.2). */
export function noWindowConflict(withText: string, withRange: Range): Conflict {
  return {
    with: withText,
    withRange,
    kind: 'no-sw-msi',
    consequence: 'no SW_MSI region: VFIO creates no MSI cookie and iommu_dma_prepare_msi returns -EOPNOTSUPP, so MSI setup of the assigned device fails',
  };
}
