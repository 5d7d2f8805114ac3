/**
 * The tour on the real built-in platforms: every step's platform exists, its highlight finds an
 * item on the map the analysis draws, its zoom range is sane and contains what it talks about,
 * and the steps switch platform and policy where the story needs it (engine-spec §4-§6).
 */
import { describe, expect, it } from 'vitest';
import { analyze, type Analysis } from '../analysis/analyze.ts';
import { loadBuiltin, readBuiltinIndex } from '../platforms/builtins.ts';
import { buildLanes } from '../view/lanes.ts';
import { MSI_WINDOW, TOUR_STEPS, findHighlight, focusRange, type TourStep } from './tourSteps.ts';

const analyses = new Map<string, Analysis>();
function analysisOf(id: string): Analysis {
  let a = analyses.get(id);
  if (!a) {
    const s = loadBuiltin(id);
    if (!s.ok) throw new Error(`${id}: ${s.error.message}`);
    a = analyze(s.value);
    analyses.set(id, a);
  }
  return a;
}

/** The device the map shows first: the first with policy results (selectDevice's default). */
const firstDevice = (a: Analysis): string => a.policies[0]!.device;

function windowOf(step: TourStep) {
  const a = analysisOf(step.platform);
  return a.policies.find((p) => p.device === firstDevice(a) && p.policy === step.policy)?.window;
}

describe('tour steps', () => {
  const index = readBuiltinIndex();
  const ids = index.ok ? index.value.map((e) => e.id) : [];

  for (const step of TOUR_STEPS) {
    it(step.id, () => {
      expect(ids).toContain(step.platform);
      expect(step.kernel.length).toBeGreaterThan(0);
      expect(step.paragraphs.join(' ').length).toBeGreaterThan(100);
      const a = analysisOf(step.platform);
      const lanes = buildLanes(a, firstDevice(a));
      const h = findHighlight(step, lanes);
      expect(h, `${step.id}: nothing to highlight`).toBeDefined();
      if (h!.lane === 'windows') expect(windowOf(step)).toBeTruthy();
      const focus = focusRange(step, windowOf(step));
      expect(focus).toBeDefined();
      expect(focus!.start).toBeLessThanOrEqual(focus!.last);
      // The zoom shows the highlighted item (or at least its start).
      const item = lanes.find((l) => l.id === h!.lane)?.items.find((it) => it.key === h!.key);
      const start = item?.start ?? windowOf(step)!.base;
      expect(start >= focus!.start && start <= focus!.last, `${step.id}: highlight outside the zoom`).toBe(true);
    });
  }

  it('tells the story in order: QEMU virt first, then Juno, then the series platform', () => {
    expect(TOUR_STEPS.map((s) => s.platform)).toEqual(['qemu-virt', 'qemu-virt', 'qemu-virt', 'qemu-virt', 'qemu-virt', 'juno-r1', 'dt-faulty-msi-iova', 'dt-faulty-msi-iova']);
    expect(TOUR_STEPS.map((s) => s.policy).slice(-2)).toEqual(['series-v4', 'userspace']);
  });

  it('highlights the SW_MSI region [0x08000000, 0x080fffff] on QEMU virt', () => {
    const step = TOUR_STEPS.find((s) => s.id === 'sw-msi')!;
    const a = analysisOf(step.platform);
    const key = findHighlight(step, buildLanes(a, firstDevice(a)))!.key;
    const item = buildLanes(a, firstDevice(a)).flatMap((l) => l.items).find((it) => it.key === key)!;
    expect([item.start, item.last]).toEqual([MSI_WINDOW.start, MSI_WINDOW.last]);
  });

  it('Juno: the mainline window is unreachable (outside the dma-ranges) and the zoom shows 0x80000000', () => {
    const step = TOUR_STEPS.find((s) => s.id === 'juno')!;
    const a = analysisOf(step.platform);
    const mainline = a.policies.find((p) => p.device === firstDevice(a) && p.policy === 'mainline')!;
    expect(mainline.window?.base).toBe(MSI_WINDOW.start);
    expect(mainline.conflicts.map((c) => c.kind)).toContain('outside-inbound-window');
    const f = focusRange(step, mainline.window)!;
    expect(f.start <= 0x80000000n && 0x80000000n <= f.last).toBe(true);
  });

  it('the series picks 0xa0000000 on the DT platform, inside a 2 GiB guest’s RAM', () => {
    const step = TOUR_STEPS.find((s) => s.id === 'series')!;
    const r = analysisOf(step.platform).policies.find((p) => p.policy === 'series-v4' && p.device === firstDevice(analysisOf(step.platform)))!;
    expect(r.window).toEqual({ base: 0xa0000000n, size: 0x100000n });
    expect(r.conflicts.map((c) => c.kind)).toContain('guest-ram');
  });

  it('zooms around the window the userspace policy picks', () => {
    const step = TOUR_STEPS.find((s) => s.id === 'reviewers')!;
    expect(focusRange(step, { base: 0x7f00000n, size: 0x100000n })).toEqual({ start: 0x7700000n, last: 0x87fffffn });
    expect(focusRange(step, null)).toBeUndefined();
  });
});
