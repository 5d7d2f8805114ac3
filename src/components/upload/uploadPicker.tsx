/**
 * Uploaded scenarios in the platform picker, as "Upload: <name>" next to the built-ins: option
 * values are "upload:<name>" so they never collide with a built-in platform id.
 */
import { appStore, useApp } from '../../store/appStore.ts';
import { loadPlatform } from '../../store/platformLoader.ts';
import type { ScenarioSource } from '../../store/scenarioSlice.ts';

const PREFIX = 'upload:';

/** The picker's value for the open scenario ('' while nothing is open). */
export function pickerValue(source: ScenarioSource | null): string {
  if (!source) return '';
  return source.kind === 'upload' ? PREFIX + source.name : source.id;
}

/** Open what the picker names: an upload kept in the store, or a built-in platform. */
export function pickScenario(value: string): void {
  if (value.startsWith(PREFIX)) appStore.getState().openUpload(value.slice(PREFIX.length));
  else void loadPlatform(appStore, value);
}

export function UploadOptions() {
  const uploads = useApp((s) => s.uploads);
  if (uploads.length === 0) return null;
  return (
    <optgroup label="Your files">
      {uploads.map((u) => (
        <option key={u.name} value={PREFIX + u.name}>
          Upload: {u.name}
        </option>
      ))}
    </optgroup>
  );
}
