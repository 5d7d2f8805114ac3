import { describe, expect, it } from 'vitest';
import { analyze, evaluateWindow } from './analyze.ts';
import { baseScenario, dtOverlap, juno, qemuVirt } from './fixtures.ts';
import type { Analysis, PolicyId, PolicyResult } from './types.ts';

const MiB = 0x100000n;
const GiB = 0x40000000n;

function policy(a: Analysis, p: PolicyId, device: string): PolicyResult {
  const found = a.policies.find((x) => x.policy === p && x.device === device);
  if (!found) throw new Error(`no ${p} result for ${device}`);
  return found;
}

const kinds = (r: PolicyResult) => r.conflicts.map((c) => c.kind);

describe('mainline policy', () => {
  it('QEMU virt: 0x08000000 sits on the GIC block, never guest RAM → ok (§5.1)', () => {
    const r = policy(analyze(qemuVirt()), 'mainline', 'nic');
    expect(r.window).toEqual({ base: 0x8000000n, size: MiB });
    expect(r).toMatchObject({ verdict: 'ok', conflicts: [] });
  });

  it('DT reservation on the endpoint (§5.2b): doorbells mapped inside the reserved window, silently', () => {
    const r = policy(analyze(dtOverlap('endpoint')), 'mainline', 'nic');
    expect(r.verdict).toBe('conflict');
    expect(r.conflicts).toEqual([
      expect.objectContaining({ kind: 'reserved-region', withRange: { start: 0x8000000n, last: 0x80fffffn } }),
    ]);
    expect(r.conflicts[0]!.consequence).toMatch(/MSI writes are lost, no error/);
  });

  it('DT reservation on the host bridge (§5.2a): the kernel does not even report it', () => {
    const r = policy(analyze(dtOverlap('host-bridge')), 'mainline', 'nic');
    expect(kinds(r)).toEqual(['unreported-reservation']);
    expect(r.conflicts[0]!.consequence).toContain('does not report it');
  });

  it('Juno (§5.3): 0x08000000 is below the inbound dma-ranges → MSI writes silently lost; GICv2m → -EPERM', () => {
    const r = policy(analyze(juno()), 'mainline', 'ep0');
    expect(kinds(r)).toEqual(['outside-inbound-window', 'msi-isolation']);
    expect(r.conflicts[0]!.withRange).toEqual({ start: 0n, last: 0x7fffffffn });
    expect(r.conflicts[0]!.consequence).toBe("MSI writes to 0x8000000 are outside the root complex's inbound dma-ranges and are silently lost");
    expect(r.conflicts[1]!.consequence).toContain('vfio_iommu_type1_attach_group and iommufd_device_bind refuse the group with -EPERM');
  });

  it('a platform device with no MSI domain is not isolated (arch_is_isolated_msi() is false on arm64): -EPERM', () => {
    // msi_device_has_isolated_msi finds no domain to walk, so iommu_group_has_isolated_msi fails
    // and vfio_iommu_type1_attach_group / iommufd_device_bind return -EPERM (engine-spec §3c 7).
    const s0 = juno();
    const dma330 = { id: 'dma330', name: 'DMA-330', bus: 'platform' as const, iommu: 'smmu_pcie', group: 'dma', hasOfNode: true };
    const s = { ...s0, devices: [...s0.devices, dma330] };
    const r = policy(analyze(s), 'mainline', 'dma330');
    expect(kinds(r)).toEqual(['msi-isolation']);
    expect(r.conflicts[0]!.consequence).toContain('has no MSI irq domain');
    expect(r.conflicts[0]!.consequence).toContain('-EPERM');
    const unsafe = analyze({ ...s, behaviour: { ...s.behaviour, allowUnsafeInterrupts: true } });
    expect(policy(unsafe, 'mainline', 'dma330')).toMatchObject({ verdict: 'ok', conflicts: [] });
  });

  it("a platform device's msi-parent gives it that controller's MSI domain: ITS isolated, GICv2m not", () => {
    // of_msi_configure: the platform-MSI domain's parent is the msi-parent's domain, which the ITS
    // flags IRQ_DOMAIN_FLAG_ISOLATED_MSI (its_node_init) and GICv2m does not.
    const s0 = qemuVirt();
    const its = s0.msiControllers.find((m) => m.kind === 'gicv3-its')!;
    const v2m = { id: 'v2m', name: 'GICv2m frame', kind: 'gicv2m' as const, doorbell: { start: 0x8020040n, last: 0x8020043n }, isolated: false };
    const dev = (id: string, msiController: string) => ({ id, name: id, bus: 'platform' as const, iommu: s0.devices[0]!.iommu!, group: id, hasOfNode: true, msiController });
    const s = { ...s0, msiControllers: [...s0.msiControllers, v2m], devices: [...s0.devices, dev('viaIts', its.id), dev('viaV2m', 'v2m')] };
    const a = analyze(s);
    expect(policy(a, 'mainline', 'viaIts')).toMatchObject({ verdict: 'ok', conflicts: [] });
    const r = policy(a, 'mainline', 'viaV2m');
    expect(r.conflicts).toEqual([expect.objectContaining({ kind: 'msi-isolation', with: 'GICv2m frame' })]);
  });

  it('iommu_group_has_isolated_msi ANDs over the group: an ITS device grouped with a wired-only device fails too', () => {
    const s0 = qemuVirt();
    const s = { ...s0, devices: [...s0.devices, { id: 'wired', name: 'wired', bus: 'platform' as const, iommu: s0.devices[0]!.iommu!, group: s0.devices[0]!.group, hasOfNode: true }] };
    const r = policy(analyze(s), 'mainline', 'nic');
    expect(r.conflicts).toEqual([expect.objectContaining({ kind: 'msi-isolation', with: 'no MSI domain (group member wired)' })]);
  });
});

describe('series-v4 policy (§4.4, §5.2)', () => {
  it('moves to 0xa0000000 when the DT reserves 0x08000000; fine with 1.5 GiB of guest RAM', () => {
    const r = policy(analyze(dtOverlap('host-bridge', 0x60000000n)), 'series-v4', 'nic');
    expect(r.window).toEqual({ base: 0xa0000000n, size: MiB });
    expect(r.verdict).toBe('ok');
  });

  it('a guest with more than 1.5 GiB of RAM at 0x40000000 covers 0xa0000000 → VFIO_IOMMU_MAP_DMA -EINVAL', () => {
    const r = policy(analyze(dtOverlap('host-bridge', 0x60100000n)), 'series-v4', 'nic');
    expect(kinds(r)).toEqual(['guest-ram']);
    expect(r.conflicts[0]!.consequence).toContain('VFIO_IOMMU_MAP_DMA of');
    expect(r.conflicts[0]!.consequence).toContain('-EINVAL');
  });

  it('both candidates taken → no window, -EOPNOTSUPP', () => {
    const s0 = dtOverlap('endpoint');
    const s = { ...s0, firmwareReservations: [{ ...s0.firmwareReservations[0]!, start: 0n, last: 0xffffffffn }] };
    const r = policy(analyze(s), 'series-v4', 'nic');
    expect(r.window).toBeNull();
    expect(r.verdict).toBe('no-window');
    expect(r.conflicts[0]!.consequence).toContain('iommu_dma_prepare_msi returns -EOPNOTSUPP');
  });

  it('Juno: nothing is reported, so the series keeps 0x08000000 and changes nothing (§5.3)', () => {
    expect(policy(analyze(juno()), 'series-v4', 'ep0').window).toEqual({ base: 0x8000000n, size: MiB });
  });
});

describe('dynamic policy (highest free 1 MiB window below 4 GiB the kernel can see)', () => {
  it('QEMU virt: 0xfff00000, which a guest with more than 3 GiB of RAM at 0x40000000 covers', () => {
    expect(policy(analyze(qemuVirt()), 'dynamic', 'nic')).toMatchObject({ window: { base: 0xfff00000n, size: MiB }, verdict: 'ok' });
    expect(kinds(policy(analyze(qemuVirt(), { guestRamSize: 4n * GiB }), 'dynamic', 'nic'))).toEqual(['guest-ram']);
  });

  it('Juno: inside the inbound window [0x80000000, 0xffffffff] and the 32-bit aperture', () => {
    expect(policy(analyze(juno()), 'dynamic', 'ep0').window).toEqual({ base: 0xfff00000n, size: MiB });
  });

  it('avoids reported regions and host-bridge windows', () => {
    const s0 = dtOverlap('endpoint');
    const s = { ...s0, firmwareReservations: [{ ...s0.firmwareReservations[0]!, start: 0xffe00000n, last: 0xffffffffn }] };
    expect(policy(analyze(s), 'dynamic', 'nic').window!.base).toBe(0xffd00000n);
  });

  it('falls back to the highest window above 4 GiB when nothing below is free', () => {
    const s0 = dtOverlap('endpoint');
    const s = { ...s0, firmwareReservations: [{ ...s0.firmwareReservations[0]!, start: 0n, last: 0xffffffffn }] };
    // QEMU virt's 64-bit PCIe window ends at 0xffffffffff; the aperture at 2^48 - 1.
    expect(policy(analyze(s), 'dynamic', 'nic').window).toEqual({ base: 0xfffffff00000n, size: MiB });
  });
});

describe('userspace policy (PROPOSED iommufd option, §3d)', () => {
  it('keeps 0x08000000 when it is valid (QEMU virt)', () => {
    expect(policy(analyze(qemuVirt()), 'userspace', 'nic')).toMatchObject({ window: { base: 0x8000000n, size: MiB }, verdict: 'ok' });
  });

  it('Juno: the nearest valid window is 0x80000000, the start of the inbound window above 1 GiB of guest RAM', () => {
    const s0 = juno();
    const a = analyze({ ...s0, behaviour: { ...s0.behaviour, allowUnsafeInterrupts: true } });
    expect(policy(a, 'userspace', 'ep0')).toMatchObject({ window: { base: 0x80000000n, size: MiB }, verdict: 'ok' });
  });

  it('a window given by the VMM over a reported region is refused with -EADDRINUSE', () => {
    const a = analyze(dtOverlap('endpoint'), { userspaceWindow: { base: 0x8000000n, size: MiB } });
    const r = policy(a, 'userspace', 'nic');
    expect(r.verdict).toBe('conflict');
    expect(r.conflicts.map((c) => c.consequence)).toEqual([expect.stringContaining('-EADDRINUSE')]);
  });

  it('explanations say PROPOSED', () => {
    expect(policy(analyze(qemuVirt()), 'userspace', 'nic').explanation).toContain('PROPOSED');
  });
});

describe('valid windows (interval arithmetic)', () => {
  it('Juno: exactly the inbound window inside the 32-bit aperture, minus 1 GiB of guest RAM at 0x40000000', () => {
    expect(analyze(juno()).validWindows).toEqual([{ start: 0x80000000n, last: 0xffffffffn }]);
  });

  it('QEMU virt: everything but the SW_MSI-free gaps: guest RAM, PCIe MMIO windows are holes', () => {
    const v = analyze(qemuVirt()).validWindows;
    // 0x08000000 stays valid (it is the SW_MSI itself); [0x10000000, 0x3effffff] is the MMIO window
    // (its last MiB is partial: 0x3eff0000 is PIO, not a memory window); RAM 0x40000000-0x7fffffff;
    // high MMIO 0x8000000000-0xffffffffff; aperture ends at 2^48 - 1.
    expect(v).toEqual([
      { start: 0x0n, last: 0xfffffffn },
      { start: 0x3f000000n, last: 0x3fffffffn },
      { start: 0x80000000n, last: 0x7fffffffffn },
      { start: 0x10000000000n, last: 0xffffffffffffn },
    ]);
  });
});

describe('evaluateWindow', () => {
  it('judges a dragged window like the iommufd option: misaligned → -EINVAL', () => {
    const a = analyze(qemuVirt());
    const r = evaluateWindow(a, 'nic', { base: 0x8080000n, size: MiB });
    expect(r.policy).toBe('candidate');
    expect(r.conflicts[0]).toMatchObject({ kind: 'uapi-validation' });
    expect(r.conflicts[0]!.consequence).toContain('-EINVAL');
  });

  it('finds guest RAM and PCI window overlaps', () => {
    const a = analyze(qemuVirt());
    expect(kinds(evaluateWindow(a, 'nic', { base: 0x40000000n, size: MiB }))).toEqual(['guest-ram']);
    expect(kinds(evaluateWindow(a, 'nic', { base: 0x3ef00000n, size: 2n * MiB }))).toEqual(['pci-window']);
    expect(evaluateWindow(a, 'nic', { base: 0x0n, size: MiB }).verdict).toBe('ok');
  });

  it('an unknown device is reported, not thrown', () => {
    expect(evaluateWindow(analyze(qemuVirt()), 'nope', { base: 0n, size: MiB }).conflicts[0]!.kind).toBe('no-iommu');
  });

  it('works on an analysis object it has not seen (rebuilt from scenario and guest map)', () => {
    const a = { ...analyze(qemuVirt()) };
    expect(kinds(evaluateWindow(a, 'nic', { base: 0x40000000n, size: MiB }))).toEqual(['guest-ram']);
  });
});

describe('x86 contrast (§2.5)', () => {
  // Interrupt remapping on: intel_setup_irq_remapping flags its domain IRQ_DOMAIN_FLAG_ISOLATED_MSI.
  const x86 = (remapping: boolean) => baseScenario({
    iommus: [{ id: 'vtd', name: 'VT-d', kind: 'intel-vtd', aperture: { start: 0n, last: 0xffffffffffffn }, granule: 0x1000n }],
    msiControllers: [{ id: 'ir', name: 'x86 interrupt remapping', kind: 'x86-lapic', doorbell: { start: 0xfee00000n, last: 0xfee00003n }, isolated: remapping }],
    devices: [{ id: 'gpu', name: 'GPU', bus: 'pci', iommu: 'vtd', group: '1', hasOfNode: false }],
  });

  it('HW MSI at 0xfee00000: every policy reports that window; no SW_MSI anywhere', () => {
    const a = analyze(x86(true));
    expect(a.groups[0]!.sysfs).toEqual(['0x00000000fee00000 0x00000000feefffff msi']);
    expect(a.groups[0]!.swMsiBase).toBeUndefined();
    for (const p of ['mainline', 'series-v4', 'dynamic', 'userspace'] as const) {
      expect(policy(a, p, 'gpu')).toMatchObject({ window: { base: 0xfee00000n, size: MiB }, verdict: 'ok' });
    }
    // The HW MSI range is a hole for anything else: a window there is refused (-EADDRINUSE), and
    // it is not among the valid windows.
    const onMsi = evaluateWindow(a, 'gpu', { base: 0xfee00000n, size: MiB });
    expect(onMsi.conflicts.map((c) => [c.kind, c.consequence.includes('-EADDRINUSE')])).toEqual([['msi-region', true]]);
    expect(a.validWindows.some((w) => w.start <= 0xfee00000n && 0xfee00000n <= w.last)).toBe(false);
  });

  it('without interrupt remapping the PCI/MSI domain is not isolated: -EPERM', () => {
    expect(kinds(policy(analyze(x86(false)), 'mainline', 'gpu'))).toEqual(['msi-isolation']);
  });
});
