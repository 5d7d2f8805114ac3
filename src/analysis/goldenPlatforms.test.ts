/**
 * Golden JSON reports of the built-in platforms that report.test.ts does not cover (issue 3).
 * Every expected value is worked out by hand in the comment above it, from the kernel rules in
 * ../shared/engine-spec.md (section cited) and the facts the platform file cites (its device tree
 * or QEMU dump), never copied from the code's output.
 */
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../model/scenario.ts';
import { loadBuiltin } from '../platforms/builtins.ts';
import { analyze } from './analyze.ts';
import { jsonReport, type JsonReport } from './reportJson.ts';

function reportOf(id: string, change: (s: Scenario) => Scenario = (s) => s): JsonReport {
  const r = loadBuiltin(id);
  if (!r.ok) throw new Error(r.error.message);
  return jsonReport(analyze(change(r.value)));
}

/** [devices, sysfs lines, VFIO ranges] of each group. */
const groups = (r: JsonReport) => r.groups.map((g) => [g.devices, g.reservedRegions, g.vfioRanges]);
/** [policy, device, window base, verdict, conflict kinds] of each policy row. */
const rows = (r: JsonReport) => r.policies.map((p) => [p.policy, p.device, p.window?.base ?? null, p.verdict, p.conflicts.map((c) => c.kind)]);
/** [device, cookie, page mapped, IOVA, address written] of each doorbell mapping. */
const doorbells = (r: JsonReport) => r.groups.flatMap((g) => g.msiDoorbells.map((m) => [m.device, m.cookie, m.page, m.iova, m.address]));

// arm_smmu_get_resv_regions: MSI_IOVA_BASE 0x8000000, MSI_IOVA_LENGTH 0x100000, IOMMU_RESV_SW_MSI,
// which sysfs prints as "msi" (§2.1, §1.4).
const SW_MSI = '0x0000000008000000 0x00000000080fffff msi';
// vfio_iommu_resv_exclude cuts that MiB out of the aperture [0, 2^48 - 1] (§3c step 5).
const VFIO_48 = [['0x0', '0x7ffffff'], ['0x8100000', '0xffffffffffff']];
const POLICIES = ['mainline', 'series-v4', 'dynamic', 'userspace'];
/**
 * The two mappings of a doorbell page on an SMMU (iommu_dma_get_msi_page, §3a): the kernel's DMA
 * cookie takes the top free page below 4 GiB (0xfffff000), VFIO's MSI cookie maps it at
 * MSI_IOVA_BASE; the device writes the register's offset in the page (0x40 for GITS_TRANSLATER
 * at ITS + 0x10040 and for MSI_SETSPI_NS at v2m + 0x40).
 */
const swMsiDoorbell = (device: string, page: string) => [
  [device, 'iova', page, '0xfffff000', '0xfffff040'],
  [device, 'msi', page, '0x8000000', '0x8000040'],
];
/** Every policy ok for every device: 0x08000000 for all but dynamic, which takes 0xfff00000. */
const allOk = (devices: string[]) =>
  POLICIES.flatMap((policy) => devices.map((d) => [policy, d, policy === 'dynamic' ? '0xfff00000' : '0x8000000', 'ok', []]));

describe('juno-r2 (juno-r2.dts on juno-base.dtsi, engine-spec §5.3)', () => {
  const json = reportOf('juno-r2');
  // MMU-401/SMMUv2 stage-1 aperture [0, 0xffffffff] (§5.3): the SW_MSI MiB cut out of 32 bits.
  const vfio32 = [['0x0', '0x7ffffff'], ['0x8100000', '0xffffffff']];

  it('every SMMU group has the one SW_MSI line; OHCI and EHCI share smmu_usb stream 0', () => {
    expect(groups(json)).toEqual([
      [['ep0'], [SW_MSI], vfio32],
      [['dma330'], [SW_MSI], vfio32],
      [['ohci', 'ehci'], [SW_MSI], vfio32],
    ]);
  });

  it('the PCIe endpoint writes MSI_SETSPI_NS of v2m_0 (0x2c1c0000 + 0x40); platform devices have no MSI', () => {
    // v2m_0 reg 0x2c1c0000 (juno-base.dtsi): the page mapped is the frame itself.
    expect(doorbells(json)).toEqual(swMsiDoorbell('ep0', '0x2c1c0000'));
  });

  it('GICv2m and wired interrupts isolate nothing; 0x08000000 is also below the PCIe dma-ranges', () => {
    // GICv2m sets no IRQ_DOMAIN_FLAG_ISOLATED_MSI and the platform devices have no MSI domain:
    // -EPERM for every group (§3c step 7). dma-ranges start at 0x80000000, so 0x08000000 is
    // outside the root complex's inbound window (§5.3). The series keeps 0x08000000 (no reported
    // region hits it); dynamic takes the top MiB below 4 GiB, inside [0x80000000, 0xffffffff].
    // The VMM's nearest valid window for ep0 is 0x80000000: the guest RAM 0x40000000 + 1 GiB
    // ends at 0x7fffffff, right below the inbound window.
    const iso = ['msi-isolation'];
    expect(rows(json)).toEqual([
      ['mainline', 'ep0', '0x8000000', 'conflict', ['outside-inbound-window', 'msi-isolation']],
      ['mainline', 'dma330', '0x8000000', 'conflict', iso],
      ['mainline', 'ohci', '0x8000000', 'conflict', iso],
      ['mainline', 'ehci', '0x8000000', 'conflict', iso],
      ['series-v4', 'ep0', '0x8000000', 'conflict', ['outside-inbound-window', 'msi-isolation']],
      ['series-v4', 'dma330', '0x8000000', 'conflict', iso],
      ['series-v4', 'ohci', '0x8000000', 'conflict', iso],
      ['series-v4', 'ehci', '0x8000000', 'conflict', iso],
      ['dynamic', 'ep0', '0xfff00000', 'conflict', iso],
      ['dynamic', 'dma330', '0xfff00000', 'conflict', iso],
      ['dynamic', 'ohci', '0xfff00000', 'conflict', iso],
      ['dynamic', 'ehci', '0xfff00000', 'conflict', iso],
      ['userspace', 'ep0', '0x80000000', 'conflict', iso],
      ['userspace', 'dma330', '0x8000000', 'conflict', iso],
      ['userspace', 'ohci', '0x8000000', 'conflict', iso],
      ['userspace', 'ehci', '0x8000000', 'conflict', iso],
    ]);
    // Valid for every device: the inbound window [0x80000000, 0xffffffff] inside 32 bits.
    expect(json.validWindows).toEqual([['0x80000000', '0xffffffff']]);
  });

  it('with allow_unsafe_interrupts only the inbound-window loss of 0x08000000 remains', () => {
    const unsafe = reportOf('juno-r2', (s) => ({ ...s, behaviour: { ...s.behaviour, allowUnsafeInterrupts: true } }));
    expect(rows(unsafe).filter(([, d]) => d === 'ep0')).toEqual([
      ['mainline', 'ep0', '0x8000000', 'conflict', ['outside-inbound-window']],
      ['series-v4', 'ep0', '0x8000000', 'conflict', ['outside-inbound-window']],
      ['dynamic', 'ep0', '0xfff00000', 'ok', []],
      ['userspace', 'ep0', '0x80000000', 'ok', []],
    ]);
  });
});

describe('arm-morello-sdp (morello.dtsi: two root complexes, each with its SMMUv3 and ITS)', () => {
  const json = reportOf('arm-morello-sdp');

  it('one SW_MSI line per endpoint group, 48-bit SMMUv3 aperture', () => {
    expect(groups(json)).toEqual([
      [['ep-pcie'], [SW_MSI], VFIO_48],
      [['ep-ccix'], [SW_MSI], VFIO_48],
    ]);
  });

  it('each endpoint writes GITS_TRANSLATER of its own ITS (base + 0x10040)', () => {
    // its_pcie at 0x300a0000 -> page 0x300b0000; its_ccix at 0x30080000 -> page 0x30090000.
    expect(doorbells(json)).toEqual([
      ...swMsiDoorbell('ep-pcie', '0x300b0000'),
      ...swMsiDoorbell('ep-ccix', '0x30090000'),
    ]);
  });

  it('0x08000000 and 0xfff00000 are clear of both root complexes: every policy ok', () => {
    // MEM windows 0x60000000 + 0xf000000 and 0x70000000 + 0xf000000, prefetchable 0x900000000
    // and 0x3000000000 (+ 0x1fc0000000 each); no dma-ranges; ITS isolates (its_init_domain).
    expect(rows(json)).toEqual(allOk(['ep-pcie', 'ep-ccix']));
    // Guest RAM [0x40000000, 0x7fffffff] and both prefetchable windows cut the 48-bit space:
    // [0x900000000, 0x28bfffffff] and [0x3000000000, 0x4fbfffffff].
    expect(json.validWindows).toEqual([
      ['0x0', '0x3fffffff'],
      ['0x80000000', '0x8ffffffff'],
      ['0x28c0000000', '0x2fffffffff'],
      ['0x4fc0000000', '0xffffffffffff'],
    ]);
  });
});

describe('arm-fvp-base-revc (fvp-base-revc.dts)', () => {
  const json = reportOf('arm-fvp-base-revc');

  it('one SW_MSI line; the ITS at 0x2f020000 has GITS_TRANSLATER at 0x2f030040', () => {
    expect(groups(json)).toEqual([[['ep0'], [SW_MSI], VFIO_48]]);
    expect(doorbells(json)).toEqual(swMsiDoorbell('ep0', '0x2f030000'));
  });

  it('every policy ok; the one MEM window [0x50000000, 0x5fffffff] lies inside guest RAM', () => {
    expect(rows(json)).toEqual(allOk(['ep0']));
    expect(json.validWindows).toEqual([['0x0', '0x3fffffff'], ['0x80000000', '0xffffffffffff']]);
  });
});

describe('nxp-ls1028a (fsl-ls1028a.dtsi, fsl-ls1028a-rdb.dts)', () => {
  const json = reportOf('nxp-ls1028a');

  it('the ENETC functions share a group; each group has the one SW_MSI line (MMU-500, 48 bits)', () => {
    expect(groups(json)).toEqual([
      [['enetc-mdio', 'enetc-ptp'], [SW_MSI], VFIO_48],
      [['ep-pcie1'], [SW_MSI], VFIO_48],
    ]);
  });

  it('all MSIs go to GITS_TRANSLATER of the ITS at 0x6020000 (page 0x6030000)', () => {
    // One DMA cookie page and one MSI cookie page per device of the shared group.
    expect(doorbells(json)).toEqual([
      ['enetc-mdio', 'iova', '0x6030000', '0xfffff000', '0xfffff040'],
      ['enetc-ptp', 'iova', '0x6030000', '0xfffff000', '0xfffff040'],
      ['enetc-mdio', 'msi', '0x6030000', '0x8000000', '0x8000040'],
      ['enetc-ptp', 'msi', '0x6030000', '0x8000000', '0x8000040'],
      ...swMsiDoorbell('ep-pcie1', '0x6030000'),
    ]);
  });

  it('every policy ok; the translated pcie1 window is a bus-address hole at [0x40000000, 0x7fffffff]', () => {
    // pcie1 MEM: CPU 0x8040000000 = bus 0x40000000, 1 GiB (iova_reserve_pci_windows reserves bus
    // addresses); the integrated-endpoint windows sit at 0x1f8000000-0x1f824ffff and
    // 0x1fc000000-0x1fc3fffff, above 4 GiB. So 0x08000000 and 0xfff00000 are free.
    expect(rows(json)).toEqual(allOk(['enetc-mdio', 'enetc-ptp', 'ep-pcie1']));
    // Whole MiB outside guest RAM and every window: 0x1f824ffff rounds up to 0x1f8300000.
    expect(json.validWindows).toEqual([
      ['0x0', '0x3fffffff'],
      ['0x80000000', '0x1f7ffffff'],
      ['0x1f8300000', '0x1fbffffff'],
      ['0x1fc400000', '0xffffffffffff'],
    ]);
  });
});

describe('qemu-virt-highmem-off (QEMU 7.2.22 tree, virt,highmem=off)', () => {
  const json = reportOf('qemu-virt-highmem-off');

  it('same SW_MSI line, VFIO ranges and ITS doorbell as highmem on (§5.1)', () => {
    expect(groups(json)).toEqual([[['ep0'], [SW_MSI], VFIO_48]]);
    // its@8080000: GITS_TRANSLATER 0x8090040, page 0x8090000.
    expect(doorbells(json)).toEqual(swMsiDoorbell('ep0', '0x8090000'));
    expect(rows(json)).toEqual(allOk(['ep0']));
  });

  it('no 64-bit MEM window: everything from 0x80000000 to 2^48 - 1 is valid', () => {
    // Only MEM [0x10000000, 0x3efeffff] (ECAM 0x3f000000 is not a window) and guest RAM
    // [0x40000000, 0x7fffffff] are cut; highmem on also loses [0x8000000000, 0xffffffffff].
    expect(json.validWindows).toEqual([
      ['0x0', '0xfffffff'],
      ['0x3f000000', '0x3fffffff'],
      ['0x80000000', '0xffffffffffff'],
    ]);
  });
});

describe('qemu-virt-virtio-iommu (QEMU 7.2.22 tree and info qtree, §2.5)', () => {
  const json = reportOf('qemu-virt-virtio-iommu');
  // virt_machine_device_pre_plug_cb: reserved-regions[0] = ITS base 0x8080000 + 0x10000 .. ITS end
  // 0x809ffff, VIRTIO_IOMMU_RESV_MEM_T_MSI; viommu_get_resv_regions copies it as IOMMU_RESV_MSI and,
  // having seen an MSI region, adds no SW_MSI.
  const HW_MSI = '0x0000000008090000 0x000000000809ffff msi';

  it('the PROBE region is the only line; VFIO cuts it out of the 64-bit input range', () => {
    expect(groups(json)).toEqual([[['ep0'], [HW_MSI], [['0x0', '0x808ffff'], ['0x80a0000', '0xffffffffffffffff']]]]);
  });

  it('the doorbell page is identity-mapped by dma-iommu; VFIO makes no MSI cookie', () => {
    // cookie_init_hw_msi_region maps 0x8090000 at 0x8090000; vfio_iommu_has_sw_msi is false.
    expect(doorbells(json)).toEqual([['ep0', 'iova', '0x8090000', '0x8090000', '0x8090040']]);
  });

  it('every policy is the hardware window 0x8090000 (64 KiB), ok', () => {
    expect(json.policies.map((p) => [p.policy, p.window, p.verdict])).toEqual(
      POLICIES.map((p) => [p, { base: '0x8090000', size: '0x10000' }, 'ok']),
    );
  });

  it('valid windows: 64-bit space minus guest RAM, both MEM windows and the MiB holding the PROBE region', () => {
    expect(json.validWindows).toEqual([
      ['0x0', '0x7ffffff'],
      ['0x8100000', '0xfffffff'],
      ['0x3f000000', '0x3fffffff'],
      ['0x80000000', '0x7fffffffff'],
      ['0x10000000000', '0xffffffffffffffff'],
    ]);
  });
});

describe('x86-amd-vi (amd_iommu_get_resv_regions, §2.5)', () => {
  const json = reportOf('x86-amd-vi');

  it('the MSI window and the HyperTransport range are both VFIO holes', () => {
    // MSI_RANGE 0xfee00000-0xfeefffff (IOMMU_RESV_MSI) and HT_RANGE 0xfd00000000-0xffffffffff
    // (IOMMU_RESV_RESERVED), sorted by start; both excluded from [0, 2^48 - 1] (§3c step 5).
    expect(groups(json)).toEqual([
      [
        ['nic'],
        ['0x00000000fee00000 0x00000000feefffff msi', '0x000000fd00000000 0x000000ffffffffff reserved'],
        [['0x0', '0xfedfffff'], ['0xfef00000', '0xfcffffffff'], ['0x10000000000', '0xffffffffffff']],
      ],
    ]);
    expect(doorbells(json)).toEqual([['nic', 'iova', '0xfee00000', '0xfee00000', '0xfee00000']]);
  });

  it('every policy is the hardware window; AMD-IR isolates MSIs, so all are ok', () => {
    expect(json.policies.map((p) => [p.policy, p.window, p.verdict])).toEqual(
      POLICIES.map((p) => [p, { base: '0xfee00000', size: '0x100000' }, 'ok']),
    );
    // q35 guest: RAM [0, 0x7fffffff] and [0x100000000, 0x17fffffff].
    expect(json.validWindows).toEqual([
      ['0x80000000', '0xfedfffff'],
      ['0xfef00000', '0xffffffff'],
      ['0x180000000', '0xfcffffffff'],
      ['0x10000000000', '0xffffffffffff'],
    ]);
  });
});
