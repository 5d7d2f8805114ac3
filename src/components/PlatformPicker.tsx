/** A labelled <select> of the built-in platforms in public/platforms/index.json. */
import { useId } from 'react';
import { useApp } from '../store/appStore.ts';
import { pickerValue, pickScenario, UploadOptions } from './upload/uploadPicker.tsx';

export function PlatformPicker() {
  const id = useId();
  const platforms = useApp((s) => s.platforms);
  const source = useApp((s) => s.source);
  const current = pickerValue(source);
  return (
    <div className="field">
      <label htmlFor={id}>Platform</label>
      <select id={id} value={current} onChange={(e) => pickScenario(e.target.value)} disabled={platforms.length === 0}>
        {current === '' && <option value="">Loading…</option>}
        {platforms.map((p) => (
          <option key={p.id} value={p.id} title={p.summary}>
            {p.name}
          </option>
        ))}
        <UploadOptions />
      </select>
    </div>
  );
}
