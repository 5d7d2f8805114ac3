/**
 * What a report says about its input besides the analysis itself (issue 5: "the report says which
 * behaviour it assumed"): the sentences the parsers or the platform file wrote into
 * `scenario.notes` (a modelled representative endpoint, how an "msi" line was read, skipped
 * nodes), and what was assumed: the kernel behaviour switches in effect, then the analysis's own
 * assumptions. Plain strings, shared by the text report, the JSON report and the app.
 */
import type { KernelBehaviour } from '../model/scenario.ts';
import type { Analysis } from './types.ts';

export interface ReportNotes {
  /** What the input files (or the built-in platform file) say they read, modelled or inferred. */
  readonly read: readonly string[];
  /** The kernel behaviour in effect, then the analysis's assumptions (guest map, DMA mask, ...). */
  readonly assumed: readonly string[];
}

/** The three switches of KernelBehaviour in words, each marked as mainline or not. */
export function behaviourNote(b: KernelBehaviour): string {
  const dt = b.dtReservationsReachPci
    ? 'DT reservations on a host bridge reach its PCI endpoints (patch 2/4 of the series, not mainline)'
    : 'DT reservations on a host bridge do not reach its PCI endpoints (mainline: they have no DT node)';
  const dac = b.forcedac
    ? 'iommu.forcedac=1 (PCI devices get no 32-bit-first IOVA allocation)'
    : 'iommu.forcedac=0 (mainline default: PCI devices get IOVAs below 4 GiB first)';
  const unsafe = b.allowUnsafeInterrupts
    ? 'vfio_iommu_type1.allow_unsafe_interrupts=1 (VFIO accepts MSI controllers without per-device isolation)'
    : 'vfio_iommu_type1.allow_unsafe_interrupts=0 (mainline default)';
  return `Kernel behaviour: ${dt}; ${dac}; ${unsafe}.`;
}

export function reportNotes(a: Analysis): ReportNotes {
  return { read: [...(a.scenario.notes ?? [])], assumed: [behaviourNote(a.scenario.behaviour), ...a.assumptions] };
}
