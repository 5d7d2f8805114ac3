/**
 * sysfs prints IOMMU_RESV_MSI and IOMMU_RESV_SW_MSI both as "msi" (iommu_group_resv_type_string
 * in drivers/iommu/iommu.c, engine-spec §1.1), so a dump alone cannot tell them apart. We decide
 * from the window itself: software MSI windows are fixed constants chosen by drivers, anything
 * else comes from hardware or firmware.
 */
import type { Range } from '../../engine/u64.ts';
import type { ResvTypeName } from '../../model/scenario.ts';

export interface MsiVerdict {
  readonly type: Extract<ResvTypeName, 'msi' | 'sw-msi'>;
  readonly inferred: string;
}

const KNOWN: readonly { start: bigint; last: bigint; verdict: MsiVerdict }[] = [
  {
    start: 0x8000000n,
    last: 0x80fffffn,
    verdict: {
      type: 'sw-msi',
      inferred:
        'SW_MSI: 1 MiB at 0x08000000 is MSI_IOVA_BASE/MSI_IOVA_LENGTH, the window the Arm SMMU drivers (arm_smmu_get_resv_regions) and virtio-iommu add for software-mapped MSI doorbells',
    },
  },
  {
    start: 0xfee00000n,
    last: 0xfeefffffn,
    verdict: {
      type: 'msi',
      inferred:
        'hardware MSI: 0xfee00000-0xfeefffff is the x86 interrupt address range the Intel and AMD IOMMU drivers report as IOMMU_RESV_MSI',
    },
  },
  {
    start: 0xa0000000n,
    last: 0xa00fffffn,
    verdict: {
      type: 'sw-msi',
      inferred:
        'SW_MSI: 1 MiB at 0xa0000000 is the second candidate (MSI_IOVA_BASE2) of the unmerged "arm-smmu: select suitable MSI IOVA" series',
    },
  },
];

const UNKNOWN: MsiVerdict = {
  type: 'msi',
  inferred:
    'hardware MSI (assumed): not a window any driver uses for SW_MSI, so most likely a firmware or hardware doorbell range (e.g. an IORT ITS quirk or a virtio-iommu PROBE MSI region); sysfs cannot tell',
};

export function inferMsiKind(r: Range): MsiVerdict {
  for (const k of KNOWN) {
    if (r.start === k.start && r.last === k.last) return k.verdict;
  }
  return UNKNOWN;
}
