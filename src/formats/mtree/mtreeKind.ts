/** PhysKind of a QEMU memory region, from its type and name (QEMU names first, then /proc/iomem words). */
import type { PhysKind } from '../../model/scenario.ts';
import { iomemKind } from '../iomem/iomemKind.ts';
import type { MtreeEntry } from './mtreeLines.ts';

export function mtreeKind(e: MtreeEntry, parent: string | undefined): PhysKind {
  const name = e.target ?? e.name;
  if (e.type.endsWith('ram')) return 'ram';
  if (name === 'translation' && (parent === undefined || parent.includes('its'))) return 'msi-doorbell';
  if (/mmio[_-]window|^pcie-mmio/.test(name) || /^pcie-mmio/.test(e.name)) return 'pcie-mmio';
  if (/ioport/.test(name)) return 'pcie-io';
  if (/ecam|mmcfg/.test(name) || /ecam/.test(e.name)) return 'pcie-ecam';
  if (e.type.startsWith('rom')) return /flash/.test(name) ? 'flash' : 'firmware';
  return iomemKind(name);
}
