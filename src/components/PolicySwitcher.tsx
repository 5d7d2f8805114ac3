/** The four MSI-window policies of the analysis as a radio group. */
import { useApp } from '../store/appStore.ts';
import { POLICIES } from '../store/uiSlice.ts';

export function PolicySwitcher() {
  const policy = useApp((s) => s.policy);
  const setPolicy = useApp((s) => s.setPolicy);
  return (
    <fieldset className="field policy-switcher">
      <legend>Policy</legend>
      <div className="segmented">
        {POLICIES.map((p) => (
          <label key={p.id} title={p.summary} className={p.id === policy ? 'on' : undefined}>
            <input type="radio" name="policy" value={p.id} checked={p.id === policy} onChange={() => setPolicy(p.id)} />
            {p.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
