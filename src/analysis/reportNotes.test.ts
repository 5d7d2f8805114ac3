/**
 * The reports say what the input said it read or modelled (scenario.notes) and which kernel
 * behaviour they assumed (issue 5). Real inputs (the shared samples, a reserved_regions dump) are
 * covered end to end in src/cli/analyzeFormats.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { MAINLINE_BEHAVIOUR, type Scenario } from '../model/scenario.ts';
import { loadBuiltin } from '../platforms/builtins.ts';
import { analyze } from './analyze.ts';
import { textReport } from './report.ts';
import { jsonReport } from './reportJson.ts';
import { behaviourNote, reportNotes } from './reportNotes.ts';
import { ascii } from './textLayout.ts';

function builtin(id: string): Scenario {
  const r = loadBuiltin(id);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('behaviourNote', () => {
  it('mainline: DT reservations stop at the host bridge, forcedac and allow_unsafe_interrupts off', () => {
    const note = behaviourNote(MAINLINE_BEHAVIOUR);
    expect(note).toContain('DT reservations on a host bridge do not reach its PCI endpoints (mainline');
    expect(note).toContain('iommu.forcedac=0');
    expect(note).toContain('vfio_iommu_type1.allow_unsafe_interrupts=0');
  });

  it('each switch turned on is said, and said not to be mainline where it is not', () => {
    const note = behaviourNote({ dtReservationsReachPci: true, forcedac: true, allowUnsafeInterrupts: true });
    expect(note).toContain('DT reservations on a host bridge reach its PCI endpoints (patch 2/4 of the series, not mainline)');
    expect(note).toContain('iommu.forcedac=1');
    expect(note).toContain('vfio_iommu_type1.allow_unsafe_interrupts=1');
  });
});

describe('notes in the reports (juno-r1: its platform file explains the representative endpoint)', () => {
  const s = builtin('juno-r1');
  const a = analyze(s);

  it('text: every note of the scenario under "From the input", wrapped to 80 columns', () => {
    const text = textReport(a);
    const section = text.slice(text.indexOf('\nFrom the input (what was read, modelled or inferred):\n'), text.indexOf('\nAssumptions:\n'));
    expect(s.notes!.length).toBeGreaterThan(0);
    for (const n of s.notes!) expect(flat(section)).toContain(ascii(n));
    expect(flat(section)).toContain('The PCI endpoint is representative (modelled).');
  });

  it('text: the behaviour in effect opens the assumptions; the generic assumptions follow', () => {
    const text = flat(textReport(a).slice(textReport(a).indexOf('\nAssumptions:\n')));
    expect(text).toContain(`- ${behaviourNote(MAINLINE_BEHAVIOUR)}`);
    expect(text).toContain('Kernel drivers are assumed to set a 64-bit DMA mask');
    expect(text.indexOf('Kernel behaviour:')).toBeLessThan(text.indexOf('Kernel drivers are assumed'));
  });

  it('JSON: the same notes and assumptions, unwrapped', () => {
    const json = jsonReport(a);
    expect(json.notes).toEqual(s.notes);
    expect(json.assumptions[0]).toBe(behaviourNote(s.behaviour));
    expect(json.assumptions.slice(1)).toEqual(a.assumptions);
    expect(json.inferredRegions).toEqual([]); // nothing read from a reserved_regions dump
  });

  it('a switched behaviour is what the report says, whatever the notes said at load time', () => {
    const switched = analyze({ ...s, behaviour: { ...s.behaviour, dtReservationsReachPci: true } });
    expect(reportNotes(switched).assumed[0]).toContain('reach its PCI endpoints (patch 2/4');
    expect(flat(textReport(switched))).toContain('DT reservations on a host bridge reach its PCI endpoints');
  });

  it('a scenario without notes has no "From the input" section', () => {
    const text = textReport(analyze({ ...s, notes: [] }));
    expect(text).not.toContain('From the input');
    expect(text).toContain('\nAssumptions:\n');
  });
});
