/** A labelled <select> of the built-in platforms in public/platforms/index.json. */
import { useId } from 'react';
import { appStore, useApp } from '../store/appStore.ts';
import { loadPlatform } from '../store/platformLoader.ts';

export function PlatformPicker() {
  const id = useId();
  const platforms = useApp((s) => s.platforms);
  const source = useApp((s) => s.source);
  const current = source?.kind === 'builtin' ? source.id : '';
  return (
    <div className="field">
      <label htmlFor={id}>Platform</label>
      <select id={id} value={current} onChange={(e) => void loadPlatform(appStore, e.target.value)} disabled={platforms.length === 0}>
        {current === '' && <option value="">{source?.kind === 'upload' ? source.name : 'Loading…'}</option>}
        {platforms.map((p) => (
          <option key={p.id} value={p.id} title={p.summary}>
            {p.name}
          </option>
        ))}
      </select>
    </div>
  );
}
