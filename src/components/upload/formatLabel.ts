/** Human names of the input formats (detected from content by src/formats/load.ts). */
import type { FormatId } from '../../formats/load.ts';

const LABELS: Record<FormatId, string> = {
  'sysfs-reserved-regions': 'sysfs reserved_regions',
  'proc-iomem': '/proc/iomem',
  dts: 'device tree source',
  dtb: 'device tree blob',
  'qemu-mtree': 'QEMU info mtree',
  'scenario-json': 'scenario JSON',
};

export function formatLabel(format: string): string {
  return LABELS[format as FormatId] ?? format;
}
