/**
 * The upload controls: "Open files…" (several at once), "Paste text…" and "Save as JSON", with a
 * reminder that files can also be dropped anywhere or pasted with Ctrl+V.
 */
import { useRef, useState } from 'react';
import { appStore, useApp } from '../../store/appStore.ts';
import { effectiveScenario } from '../../store/scenarioSlice.ts';
import { saveScenarioAsJson } from '../../upload/saveScenario.ts';
import { startUpload } from '../../upload/startUpload.ts';
import { EMPTY_PASTE, PasteDialog } from './PasteDialog.tsx';

export function UploadBar() {
  const input = useRef<HTMLInputElement>(null);
  const [pasting, setPasting] = useState(false);
  const [pasteDraft, setPasteDraft] = useState(EMPTY_PASTE);
  const hasScenario = useApp((s) => s.scenario !== null);
  const save = () => {
    const { scenario, behaviour } = appStore.getState();
    if (scenario) saveScenarioAsJson(effectiveScenario(scenario, behaviour));
  };
  return (
    <div className="upload-bar" role="group" aria-label="Your files">
      <button type="button" onClick={() => input.current?.click()}>
        Open files…
      </button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        aria-label="Files to read"
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          void startUpload(files.map((f) => ({ name: f.name, blob: f })));
        }}
      />
      <button type="button" onClick={() => setPasting(true)}>
        Paste text…
      </button>
      <button type="button" onClick={save} disabled={!hasScenario}>
        Save as JSON
      </button>
      <span className="upload-hint">
        Device tree (.dtb, .dts), reserved_regions, /proc/iomem, QEMU info mtree or scenario JSON: drop files anywhere, or press Ctrl+V.
      </span>
      {pasting && <PasteDialog draft={pasteDraft} onDraft={setPasteDraft} onClose={() => setPasting(false)} />}
    </div>
  );
}
