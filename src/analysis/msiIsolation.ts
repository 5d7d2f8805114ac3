/**
 * Whether a device's MSIs are isolated, as VFIO and iommufd ask before they take a group
 * (engine-spec §3c step 7). Kernel facts, Linux v6.17-rc3:
 * - vfio_iommu_type1_attach_group and iommufd_device_bind both refuse a group with -EPERM unless
 *   iommu_group_has_isolated_msi() or their allow_unsafe_interrupts module parameter;
 * - iommu_group_has_isolated_msi (drivers/iommu/iommu.c) ANDs msi_device_has_isolated_msi over
 *   every device of the group;
 * - msi_device_has_isolated_msi (kernel/irq/msi.c) walks the device's MSI irq domain and its
 *   parents for IRQ_DOMAIN_FLAG_ISOLATED_MSI, and otherwise returns arch_is_isolated_msi(), which
 *   include/linux/msi.h defines as false unless the architecture overrides it (only s390 does):
 *   a device with no MSI domain is NOT isolated on arm64 or x86.
 */
import type { Device, MsiController, Scenario } from '../model/scenario.ts';

/**
 * The MSI controller whose irq domain is the device's MSI domain. PCI devices below a host bridge
 * use the bridge's msi-parent/msi-map. On x86, intel_irq_remap_add_device (and AMD's
 * amd_iommu_set_pci_msi_domain) make the interrupt-remapping domain the MSI domain of every PCI
 * device behind the IOMMU, whatever the host bridge: the scenario's x86 interrupt window stands
 * for it. A platform device has the controller of its own msi-parent, if any (its platform-MSI
 * domain's parent is that controller's domain: the ITS's is flagged isolated, GICv2m's is not);
 * without one it has no MSI domain.
 */
export function msiControllerOf(s: Scenario, device: Device): MsiController | undefined {
  if (device.msiController !== undefined) return s.msiControllers.find((m) => m.id === device.msiController);
  const bridge = s.hostBridges.find((b) => b.id === device.hostBridge);
  if (bridge) return s.msiControllers.find((m) => m.id === bridge.msiController);
  if (device.bus !== 'pci') return undefined;
  return s.msiControllers.find((m) => m.kind === 'x86-lapic');
}

/** The first device of the group whose MSIs are not isolated, with its controller (if any). */
export interface UnisolatedMsi {
  readonly device: Device;
  readonly controller?: MsiController;
}

/**
 * iommu_group_has_isolated_msi for the device's group: undefined when every member is isolated.
 * A member read from a reserved_regions dump without any MSI description is not judged (the
 * dump does not say which MSI domain it has).
 */
export function unisolatedMsiInGroup(s: Scenario, device: Device): UnisolatedMsi | undefined {
  let groups = verdicts.get(s);
  if (!groups) verdicts.set(s, (groups = new Map()));
  if (!groups.has(device.group)) groups.set(device.group, firstUnisolated(s, device.group));
  return groups.get(device.group);
}

/** The group's answer, once per scenario and group: every member of a group asks the same question. */
const verdicts = new WeakMap<Scenario, Map<string, UnisolatedMsi | undefined>>();

function firstUnisolated(s: Scenario, group: string): UnisolatedMsi | undefined {
  for (const member of s.devices) {
    if (member.group !== group) continue;
    const controller = msiControllerOf(s, member);
    if (controller?.isolated) continue;
    if (!controller && member.observedRegions !== undefined) continue;
    return controller ? { device: member, controller } : { device: member };
  }
  return undefined;
}
