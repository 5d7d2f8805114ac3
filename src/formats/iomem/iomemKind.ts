/**
 * /proc/iomem names each resource after whoever requested it (a driver, the firmware tables, the
 * kernel image), so the PhysKind is a guess from the name. First match wins.
 */
import type { PhysKind } from '../../model/scenario.ts';

const RULES: readonly (readonly [RegExp, PhysKind])[] = [
  [/^system ram|^kernel (code|data|rodata|bss)/, 'ram'],
  [/reserved|crash kernel/, 'reserved-memory'],
  [/ecam|mmconfig|mmcfg/, 'pcie-ecam'],
  [/^pci io|ioport/, 'pcie-io'],
  [/^pci bus|^pcie?\b|pcie@|pci@/, 'pcie-mmio'],
  [/local apic|v2m|msi/, 'msi-doorbell'],
  [/apic|gic|intc|interrupt|its@/, 'interrupt-controller'],
  [/smmu|iommu|dmar|amd-?vi|dart/, 'iommu'],
  [/flash|nor\b|cfi/, 'flash'],
  [/acpi|\brom\b|bios|efi|firmware|smbios/, 'firmware'],
];

export function iomemKind(name: string): PhysKind {
  const n = name.toLowerCase();
  for (const [re, kind] of RULES) if (re.test(n)) return kind;
  return 'mmio';
}
