/** Kernel behaviour switches that change the derivation (mainline v6.17 defaults unless set). */
import type { KernelBehaviour } from '../model/scenario.ts';
import { useApp } from '../store/appStore.ts';

const SWITCHES: readonly { key: keyof KernelBehaviour; label: string; title: string }[] = [
  { key: 'dtReservationsReachPci', label: 'DT reservations reach PCI endpoints (patch 2/4)', title: 'Series v4 patch 2: PCI endpoints inherit the host bridge DT node, so of_iommu_get_resv_regions sees its memory-region' },
  { key: 'forcedac', label: 'iommu.forcedac=1', title: 'No 32-bit-first IOVA allocation for PCI devices (iommu_dma_alloc_iova)' },
  { key: 'allowUnsafeInterrupts', label: 'allow_unsafe_interrupts', title: 'vfio_iommu_type1.allow_unsafe_interrupts: accept MSI controllers without isolation' },
];

export function BehaviourSwitches() {
  const scenario = useApp((s) => s.scenario);
  const behaviour = useApp((s) => s.behaviour);
  const setBehaviour = useApp((s) => s.setBehaviour);
  const effective = scenario ? { ...scenario.behaviour, ...behaviour } : undefined;
  return (
    <fieldset className="field switches">
      <legend>Kernel behaviour</legend>
      {SWITCHES.map((sw) => (
        <label key={sw.key} title={sw.title}>
          <input type="checkbox" checked={effective?.[sw.key] ?? false} disabled={!effective} onChange={(e) => setBehaviour({ [sw.key]: e.target.checked })} />
          {sw.label}
        </label>
      ))}
    </fieldset>
  );
}
