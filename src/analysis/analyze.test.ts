import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { rangesOverlap } from '../engine/u64.ts';
import type { FirmwareReservation, Scenario } from '../model/scenario.ts';
import { analyze, evaluateWindow } from './analyze.ts';
import { baseScenario, qemuVirt } from './fixtures.ts';
import { textReport } from './report.ts';

const MiB = 0x100000n;

/** Random DT platforms: one SMMU, one bridge, a few devices and reservations anywhere in u64. */
const arbScenario: fc.Arbitrary<Scenario> = fc
  .record({
    apertureBits: fc.integer({ min: 20, max: 64 }),
    granuleShift: fc.integer({ min: 12, max: 16 }),
    dma: fc.array(fc.tuple(fc.bigInt({ min: 0n, max: 1n << 40n }), fc.bigInt({ min: 1n, max: 1n << 36n })), { maxLength: 3 }),
    window: fc.tuple(fc.bigInt({ min: 0n, max: 1n << 40n }), fc.bigInt({ min: 1n, max: 1n << 32n })),
    resv: fc.array(fc.tuple(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), fc.bigInt({ min: 0n, max: 1n << 34n }), fc.integer({ min: 0, max: 2 })), { maxLength: 6 }),
    ram: fc.bigInt({ min: MiB, max: 1n << 36n }),
  })
  .map(({ apertureBits, granuleShift, dma, window, resv, ram }) => {
    const reservations: FirmwareReservation[] = resv.map(([start, len, dev], i) => ({
      id: `r${i}`,
      name: `r${i}`,
      kind: 'dt-iommu-addresses',
      start,
      last: start + len > (1n << 64n) - 1n ? (1n << 64n) - 1n : start + len,
      appliesTo: [`d${dev}`],
    }));
    return baseScenario({
      iommus: [{ id: 'smmu', name: 'SMMU', kind: 'smmu-v3', aperture: { start: 0n, last: (1n << BigInt(apertureBits)) - 1n }, granule: 1n << BigInt(granuleShift) }],
      hostBridges: [
        {
          id: 'pcie',
          name: 'pcie',
          windows: [{ kind: 'mem', cpuStart: window[0], busStart: window[0], size: window[1] }],
          dmaRanges: dma.map(([busStart, size]) => ({ busStart, cpuStart: busStart, size })),
          iommu: 'smmu',
          msiController: 'its',
        },
      ],
      msiControllers: [{ id: 'its', name: 'ITS', kind: 'gicv3-its', doorbell: { start: 0x8090000n, last: 0x8090fffn }, isolated: true }],
      devices: [0, 1, 2].map((d) => ({
        id: `d${d}`,
        name: `dev${d}`,
        bus: d === 2 ? ('platform' as const) : ('pci' as const),
        hostBridge: 'pcie',
        iommu: 'smmu',
        group: `g${d % 2}`,
        hasOfNode: d !== 0,
        memoryRegions: reservations.map((r) => r.id),
      })),
      firmwareReservations: reservations,
      guest: { layout: 'qemu-virt', regions: [{ name: 'RAM', kind: 'ram', start: 0x40000000n, size: ram }] },
    });
  });

describe('analyze on random platforms', () => {
  it('never throws; verdicts agree with conflicts; valid windows are conflict-free for every device', () => {
    fc.assert(
      fc.property(arbScenario, (s) => {
        const a = analyze(s);
        for (const p of a.policies) {
          if (p.window === null) expect(p.verdict).toBe('no-window');
          else expect(p.verdict).toBe(p.conflicts.length > 0 ? 'conflict' : 'ok');
        }
        // Any 1 MiB window inside a valid range conflicts with nothing (the ITS is isolated).
        for (const v of a.validWindows.slice(0, 3)) {
          for (const d of ['d0', 'd1', 'd2']) expect(evaluateWindow(a, d, { base: v.start, size: MiB }).conflicts).toEqual([]);
        }
        // The guest never overlaps a valid window.
        for (const g of a.guestMap) for (const v of a.validWindows) expect(rangesOverlap(v, { start: g.start, last: g.start + g.size - 1n })).toBe(false);
        expect(() => textReport(a)).not.toThrow();
      }),
      { numRuns: 150 },
    );
  });

  it('an empty scenario gives an empty analysis', () => {
    const a = analyze(baseScenario({}));
    expect(a).toMatchObject({ groups: [], policies: [], candidates: [], validWindows: [] });
    expect(textReport(a)).toContain('(no device behind an IOMMU)');
  });

  it('evaluates the option candidates for every device', () => {
    const a = analyze(qemuVirt(), { candidates: [{ id: 'c1', base: 0x40000000n, size: MiB }] });
    expect(a.candidates.map((c) => [c.policy, c.candidateId, c.device, c.verdict])).toEqual([['candidate', 'c1', 'nic', 'conflict']]);
  });

  it('re-analysing the same scenario with another guest size reuses the kernel derivation', () => {
    const s = qemuVirt();
    const a = analyze(s);
    const b = analyze(s, { guestRamSize: 0x100000000n });
    expect(b.groups).toBe(a.groups);
    expect(b.guestMap[0]!.size).toBe(0x100000000n);
  });
});
