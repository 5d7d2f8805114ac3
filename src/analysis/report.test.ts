/**
 * Golden tests of the reports for built-in platforms. Every expected value is derived by hand
 * from /work/shared (section cited) and the platform file's own facts, not from the code's output.
 */
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../model/scenario.ts';
import { loadBuiltin, readBuiltinIndex } from '../platforms/builtins.ts';
import { analyze } from './analyze.ts';
import { baseScenario } from './fixtures.ts';
import { textReport } from './report.ts';
import { jsonReport, type JsonReport } from './reportJson.ts';

function builtin(id: string): Scenario {
  const r = loadBuiltin(id);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const SW_MSI_LINE = '0x0000000008000000 0x00000000080fffff msi'; // §1.4 example line, §5.1
const MIB = '0x100000';

type PolicyRow = JsonReport['policies'][number];
/** A group without its doorbells, which their own tests check. */
const basics = ({ devices, reservedRegions, vfioRanges }: JsonReport['groups'][number]) => ({ devices, reservedRegions, vfioRanges });
const brief = (p: PolicyRow) => [p.policy, p.device, p.window?.base ?? null, p.verdict, p.conflicts.map((c) => c.kind)];

describe('qemu-virt report (engine-spec §5.1)', () => {
  const a = analyze(builtin('qemu-virt'));
  const json = jsonReport(a);

  it('JSON: the keys of issue 3, plus the MSI doorbells of each group', () => {
    expect(Object.keys(json).slice(0, 5)).toEqual(['platform', 'regions', 'groups', 'policies', 'validWindows']);
    expect(Object.keys(json.groups[0]!)).toEqual(['devices', 'reservedRegions', 'vfioRanges', 'msiDoorbells']);
    expect(Object.keys(json.policies[0]!)).toEqual(['policy', 'device', 'window', 'conflicts', 'verdict']);
    expect(json.platform).toBe('qemu-virt');
    expect(json.regions[0]).toEqual({ name: 'virt.flash0', kind: 'flash', start: '0x0', last: '0x3ffffff' });
  });

  it('groups: the one SW_MSI line, VFIO ranges around it up to the 48-bit aperture', () => {
    expect(json.groups.map(basics)).toEqual([
      { devices: ['ep0'], reservedRegions: [SW_MSI_LINE], vfioRanges: [['0x0', '0x7ffffff'], ['0x8100000', '0xffffffffffff']] },
    ]);
  });

  it('policies: 0x08000000 fits the virt map; dynamic takes the top MiB below 4 GiB', () => {
    // 1 GiB guest RAM at 0x40000000 (platform guest map) never reaches 0x08000000 or 0xfff00000.
    expect(json.policies.map(brief)).toEqual([
      ['mainline', 'ep0', '0x8000000', 'ok', []],
      ['series-v4', 'ep0', '0x8000000', 'ok', []],
      ['dynamic', 'ep0', '0xfff00000', 'ok', []],
      ['userspace', 'ep0', '0x8000000', 'ok', []],
    ]);
    expect(json.policies.every((p) => p.window === null || p.window.size === MIB)).toBe(true);
  });

  it('valid windows: aperture minus PCIe MEM windows and guest RAM, trimmed to whole MiB', () => {
    // MEM 0x10000000+0x2eff0000 and 0x8000000000+0x8000000000 (pcie@10000000 ranges), RAM
    // 0x40000000-0x7fffffff, aperture 0-0xffffffffffff; the PIO window is not memory.
    expect(json.validWindows).toEqual([
      ['0x0', '0xfffffff'],
      ['0x3f000000', '0x3fffffff'],
      ['0x80000000', '0x7fffffffff'],
      ['0x10000000000', '0xffffffffffff'],
    ]);
  });

  it('text: sysfs and VFIO lines in the kernel hex style', () => {
    const text = textReport(a);
    expect(text).toContain(`\n    ${SW_MSI_LINE}\n`);
    expect(text).toContain('\n    [0x0000000000000000-0x0000000007ffffff]\n    [0x0000000008100000-0x0000ffffffffffff]\n');
    expect(text).toContain('\n  SW_MSI base (VFIO MSI cookie): 0x8000000\n');
    // §5.1: the ITS doorbell page gets 0xfffff000 from dma-iommu, 0x8000000 from the MSI cookie;
    // the device writes GITS_TRANSLATER, offset 0x40 in that page.
    const flat = text.replace(/\s+/g, ' '); // long lines wrap
    expect(flat).toContain('0x8090040 -> 0xfffff040 (page 0x8090000 -> 0xfffff000; dma-iommu, kernel driver)');
    expect(flat).toContain('0x8090040 -> 0x8000040 (page 0x8090000 -> 0x8000000; VFIO, MSI cookie)');
  });

  it('doorbells: GITS_TRANSLATER (ITS 0x8080000 + 0x10040) mapped by page, written at page IOVA + 0x40', () => {
    // iommu_dma_get_msi_page maps the page 0x8090000; iommu_dma_compose_msi_msg tells the device
    // the page's IOVA plus the offset 0x40. dma-iommu: first 32-bit allocation, pfn 0xfffff
    // (§5.1); VFIO: the MSI cookie's first page at the SW_MSI base 0x8000000.
    expect(json.groups[0]!.msiDoorbells).toEqual([
      { device: 'ep0', cookie: 'iova', doorbell: '0x8090040', page: '0x8090000', iova: '0xfffff000', address: '0xfffff040' },
      { device: 'ep0', cookie: 'msi', doorbell: '0x8090040', page: '0x8090000', iova: '0x8000000', address: '0x8000040' },
    ]);
  });
});

describe('juno-r1 report (engine-spec §5.3)', () => {
  const a = analyze(builtin('juno-r1'));
  const json = jsonReport(a);

  it('every SMMU group: SW_MSI from arm_smmu_get_resv_regions, 32-bit aperture', () => {
    const vfio = [['0x0', '0x7ffffff'], ['0x8100000', '0xffffffff']];
    expect(json.groups.map(basics)).toEqual([
      { devices: ['ep0'], reservedRegions: [SW_MSI_LINE], vfioRanges: vfio },
      { devices: ['dma330'], reservedRegions: [SW_MSI_LINE], vfioRanges: vfio },
      { devices: ['ohci', 'ehci'], reservedRegions: [SW_MSI_LINE], vfioRanges: vfio },
    ]);
  });

  it('PCIe: 0x08000000 is below dma-ranges (lost MSIs) and GICv2m needs allow_unsafe_interrupts', () => {
    const ep = json.policies.filter((p) => p.device === 'ep0').map(brief);
    expect(ep).toEqual([
      ['mainline', 'ep0', '0x8000000', 'conflict', ['outside-inbound-window', 'msi-isolation']],
      // Nothing is reported for the endpoint, so the series keeps the first candidate.
      ['series-v4', 'ep0', '0x8000000', 'conflict', ['outside-inbound-window', 'msi-isolation']],
      // Highest MiB below 4 GiB inside dma-range [0x80000000, 0xffffffff].
      ['dynamic', 'ep0', '0xfff00000', 'conflict', ['msi-isolation']],
      // Nearest valid window to 0x08000000: the start of the inbound window.
      ['userspace', 'ep0', '0x80000000', 'conflict', ['msi-isolation']],
    ]);
    const lost = json.policies.find((p) => p.policy === 'mainline' && p.device === 'ep0')!.conflicts[0]!;
    expect(lost.consequence).toBe("MSI writes to 0x8000000 are outside the root complex's inbound dma-ranges and are silently lost");
    expect(json.policies.find((p) => p.policy === 'mainline' && p.device === 'ep0')!.conflicts[1]!.consequence).toContain('-EPERM');
  });

  it('platform devices: 0x08000000 itself is fine (no inbound limit), but with no MSI domain VFIO refuses them (-EPERM)', () => {
    // juno-base.dtsi gives the DMA-330 and the USB controllers wired interrupts and no msi-parent:
    // msi_device_has_isolated_msi falls back to arch_is_isolated_msi(), false on arm64.
    const platform = json.policies.filter((p) => p.policy === 'mainline' && p.device !== 'ep0');
    expect(platform.map((p) => [p.device, p.verdict, p.conflicts.map((c) => c.kind)])).toEqual([
      ['dma330', 'conflict', ['msi-isolation']],
      ['ohci', 'conflict', ['msi-isolation']],
      ['ehci', 'conflict', ['msi-isolation']],
    ]);
    expect(platform[0]!.conflicts[0]!.consequence).toContain('-EPERM unless allow_unsafe_interrupts');
  });

  it('valid windows: only the inbound window [0x80000000, 0xffffffff] inside the 32-bit aperture', () => {
    expect(json.validWindows).toEqual([['0x80000000', '0xffffffff']]);
  });
});

describe('dt-faulty-msi-iova report (engine-spec §5.2)', () => {
  const json = jsonReport(analyze(builtin('dt-faulty-msi-iova')));

  it('host-bridge reservation invisible (a); endpoint-node reservation listed before the msi line (b)', () => {
    const vfio = [['0x0', '0x7ffffff'], ['0x8100000', '0xffffffffffff']];
    expect(json.groups.map(basics)).toEqual([
      { devices: ['ep-a'], reservedRegions: [SW_MSI_LINE], vfioRanges: vfio },
      { devices: ['ep-b'], reservedRegions: ['0x0000000008000000 0x00000000080fffff reserved', SW_MSI_LINE], vfioRanges: vfio },
    ]);
  });

  it('mainline breaks MSIs silently; the series moves to 0xa0000000, inside 2 GiB of guest RAM', () => {
    expect(json.policies.map(brief)).toEqual([
      ['mainline', 'ep-a', '0x8000000', 'conflict', ['unreported-reservation']],
      ['mainline', 'ep-b', '0x8000000', 'conflict', ['reserved-region']],
      ['series-v4', 'ep-a', '0xa0000000', 'conflict', ['guest-ram']],
      ['series-v4', 'ep-b', '0xa0000000', 'conflict', ['guest-ram']],
      ['dynamic', 'ep-a', '0xfff00000', 'ok', []],
      ['dynamic', 'ep-b', '0xfff00000', 'ok', []],
      // Nearest valid to 0x08000000 with [0x8000000, 0x80fffff] reserved: 0x7f00000 and 0x8100000
      // are both 1 MiB away; the lower wins.
      ['userspace', 'ep-a', '0x7f00000', 'ok', []],
      ['userspace', 'ep-b', '0x7f00000', 'ok', []],
    ]);
    const map = json.policies.find((p) => p.policy === 'series-v4')!.conflicts[0]!;
    expect(map.consequence).toContain('VFIO_IOMMU_MAP_DMA');
    expect(map.consequence).toContain('-EINVAL');
  });
});

describe('juno-r0 report (juno-base.dtsi, engine-spec §5.3, §3c step 7)', () => {
  const json = jsonReport(analyze(builtin('juno-r0')));

  it('platform devices only (r0 leaves the PCIe RC disabled): SW_MSI on every MMU-401 group, 32-bit aperture', () => {
    // arm_smmu_get_resv_regions adds [0x08000000, 0x080fffff] for every device (§2.1); the MMU-401
    // S1 aperture is [0, 0xffffffff] (§5.3); OHCI and EHCI share stream ID 0 of smmu_usb.
    const vfio = [['0x0', '0x7ffffff'], ['0x8100000', '0xffffffff']];
    expect(json.groups.map(basics)).toEqual([
      { devices: ['dma330'], reservedRegions: [SW_MSI_LINE], vfioRanges: vfio },
      { devices: ['ohci', 'ehci'], reservedRegions: [SW_MSI_LINE], vfioRanges: vfio },
    ]);
    // No MSI controller serves them, so no doorbell is mapped for them.
    expect(json.groups.flatMap((g) => g.msiDoorbells)).toEqual([]);
  });

  it('why VFIO cannot use it as is: no MSI domain, so every group is refused with -EPERM under every policy', () => {
    // Wired interrupts, no msi-parent: msi_device_has_isolated_msi -> arch_is_isolated_msi() = false
    // on arm64; vfio_iommu_type1_attach_group and iommufd_device_bind return -EPERM.
    expect(json.policies.every((p) => p.verdict === 'conflict' && p.conflicts.some((c) => c.kind === 'msi-isolation'))).toBe(true);
    const mainline = json.policies.filter((p) => p.policy === 'mainline');
    expect(mainline.map(brief)).toEqual([
      ['mainline', 'dma330', '0x8000000', 'conflict', ['msi-isolation']],
      ['mainline', 'ohci', '0x8000000', 'conflict', ['msi-isolation']],
      ['mainline', 'ehci', '0x8000000', 'conflict', ['msi-isolation']],
    ]);
    expect(mainline[0]!.conflicts[0]!.consequence).toContain('arch_is_isolated_msi()');
  });

  it('with allow_unsafe_interrupts the fixed window itself is fine (no inbound window on platform devices)', () => {
    const s = builtin('juno-r0');
    const unsafe = jsonReport(analyze({ ...s, behaviour: { ...s.behaviour, allowUnsafeInterrupts: true } }));
    expect(unsafe.policies.filter((p) => p.policy === 'mainline').map((p) => p.verdict)).toEqual(['ok', 'ok', 'ok']);
  });
});

describe('qemu-virt-gicv2 report (shared/samples/qemu-virt-gicv2-smmuv3-3g.dts)', () => {
  const json = jsonReport(analyze(builtin('qemu-virt-gicv2')));

  it('same SW_MSI line and VFIO ranges as GICv3 (§5.1); the v2m doorbell MSI_SETSPI_NS = 0x08020000 + 0x40', () => {
    expect(json.groups.map(basics)).toEqual([
      { devices: ['ep0'], reservedRegions: [SW_MSI_LINE], vfioRanges: [['0x0', '0x7ffffff'], ['0x8100000', '0xffffffffffff']] },
    ]);
    expect(json.groups[0]!.msiDoorbells.map((m) => [m.cookie, m.page, m.iova, m.address])).toEqual([
      ['iova', '0x8020000', '0xfffff000', '0xfffff040'],
      ['msi', '0x8020000', '0x8000000', '0x8000040'],
    ]);
  });

  it('GICv2m does not isolate MSIs: -EPERM under every policy; dynamic 0xfff00000 also lies in 3 GiB of guest RAM', () => {
    // Guest RAM 0x40000000 + 3 GiB reaches 0xffffffff, so the top MiB below 4 GiB is guest RAM.
    expect(json.policies.map(brief)).toEqual([
      ['mainline', 'ep0', '0x8000000', 'conflict', ['msi-isolation']],
      ['series-v4', 'ep0', '0x8000000', 'conflict', ['msi-isolation']],
      ['dynamic', 'ep0', '0xfff00000', 'conflict', ['guest-ram', 'msi-isolation']],
      ['userspace', 'ep0', '0x8000000', 'conflict', ['msi-isolation']],
    ]);
  });
});

describe('x86-intel-vtd report (engine-spec §2.5, §3c)', () => {
  const json = jsonReport(analyze(builtin('x86-intel-vtd')));
  const MSI_LINE = '0x00000000fee00000 0x00000000feefffff msi'; // IOAPIC_RANGE_START..END, IOMMU_RESV_MSI

  it('RMRRs of USB and graphics are direct-relaxable, so not VFIO holes; the HW MSI window is', () => {
    const vfio = [['0x0', '0xfedfffff'], ['0xfef00000', '0xffffffffffff']];
    expect(json.groups.map(basics)).toEqual([
      { devices: ['igd'], reservedRegions: ['0x000000007c000000 0x000000007fffffff direct-relaxable', MSI_LINE], vfioRanges: vfio },
      { devices: ['xhci'], reservedRegions: ['0x000000003e2e0000 0x000000003e2fffff direct-relaxable', MSI_LINE], vfioRanges: vfio },
      { devices: ['nic'], reservedRegions: [MSI_LINE], vfioRanges: vfio },
    ]);
  });

  it('every policy is the hardware window; interrupt remapping isolates MSIs, so all are ok', () => {
    expect(json.policies.every((p) => p.window?.base === '0xfee00000' && p.window.size === MIB && p.verdict === 'ok')).toBe(true);
    expect(json.policies).toHaveLength(12);
    // HW MSI pages are identity-mapped by dma-iommu (cookie_init_hw_msi_region); VFIO has no MSI cookie.
    expect(json.groups.flatMap((g) => g.msiDoorbells.map((m) => [m.cookie, m.iova]))).toEqual([
      ['iova', '0xfee00000'],
      ['iova', '0xfee00000'],
      ['iova', '0xfee00000'],
    ]);
  });
});

describe('text report layout (every built-in)', () => {
  const index = readBuiltinIndex();
  const ids = index.ok ? index.value.map((e) => e.id) : [];

  it.each(ids)('%s: ASCII, no tabs, at most 80 columns', (id) => {
    const text = textReport(analyze(builtin(id)));
    for (const line of text.split('\n')) {
      expect(line.length).toBeLessThanOrEqual(80);
      expect(line).toMatch(/^[\x20-\x7e]*$/);
    }
  });

  it.each(ids)('%s: guest map names whole (QEMU names such as "guest RAM (mach-virt.ram)" are never cut)', (id) => {
    const a = analyze(builtin(id));
    const text = textReport(a);
    for (const g of a.guestMap) expect(text).toContain(`  ${g.name} `);
    expect(text).not.toMatch(/~ \[0x/);
  });

  it.each(ids)('%s: sizes exact, in one style (no "2.0 GiB" for 2030 MiB)', (id) => {
    expect(textReport(analyze(builtin(id)))).not.toMatch(/\d\.\d*0 [KMGTPE]iB/);
  });

  it('x86: the valid window [0x80000000, 0xfedfffff] is 0x7ee00000 bytes = 2030 MiB exactly', () => {
    expect(textReport(analyze(builtin('x86-intel-vtd')))).toContain('\n  [0x0000000080000000-0x00000000fedfffff] 2030 MiB\n');
  });

  it('highmem=off: [0x80000000, 2^48 - 1] is 256 TiB - 2 GiB = 262142 GiB, not "256.0 TiB"', () => {
    expect(textReport(analyze(builtin('qemu-virt-highmem-off')))).toContain('\n  [0x0000000080000000-0x0000ffffffffffff] 262142 GiB\n');
  });
});

describe('a scenario with no device behind an IOMMU', () => {
  it('says there is no window to place rather than that no window is valid', () => {
    const text = textReport(analyze(baseScenario({ iommus: [], devices: [] })));
    expect(text).toContain('(no device behind an IOMMU: no MSI window to place)');
    expect(text).not.toMatch(/^ {2}none$/m);
  });
});
