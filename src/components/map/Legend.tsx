/** What the colours and patterns mean; each entry is also written out, never colour alone. */
const ENTRIES: readonly { cls: string; label: string }[] = [
  { cls: 'resv-direct', label: 'direct (identity-mapped)' },
  { cls: 'resv-direct-relaxable', label: 'direct-relaxable' },
  { cls: 'resv-reserved', label: 'reserved' },
  { cls: 'resv-msi', label: 'msi (hardware MSI)' },
  { cls: 'resv-sw-msi', label: 'sw-msi (software MSI window)' },
  { cls: 'valid', label: 'valid IOVA range' },
  { cls: 'hole', label: 'hole' },
  { cls: 'iova-allocated', label: 'allocated IOVA' },
  { cls: 'iova-reserved', label: 'reserved IOVA' },
  { cls: 'conflict', label: 'conflict (hatched, labelled)' },
];

export function Legend() {
  return (
    <ul className="legend" aria-label="Legend">
      {ENTRIES.map((e) => (
        <li key={e.cls}>
          <svg width="18" height="12" aria-hidden="true" className={e.cls === 'conflict' ? undefined : `mark ${e.cls}`}>
            <rect width="18" height="12" rx="2" className={e.cls === 'conflict' ? 'conflict-hatch' : undefined} />
          </svg>
          {e.label}
        </li>
      ))}
    </ul>
  );
}
