/** Zoom, fit, compressed mode, valid-window search and candidates, plus what the view shows. */
import { useId } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { formatSize, hex16 } from '../../engine/u64.ts';
import { MAX_CANDIDATES } from '../../share/linkLimits.ts';
import { appStore, useApp } from '../../store/appStore.ts';
import { selectSelectedDetails } from '../../store/detailsSelector.ts';
import { selectScale } from '../../store/viewSlice.ts';

function ViewReadout() {
  const scale = useApp(selectScale);
  const first = scale.addressAt(0);
  const end = scale.addressAt(scale.width);
  const perPx = scale.axis.compressed ? 'compressed axis' : `1 px ≈ ${formatSize(BigInt(Math.max(Math.round(scale.view.bytesPerPx), 1)))}`;
  return (
    <p className="readout" aria-live="off">
      <span className="sr-only">Showing </span>
      <span className="mono">{hex16(first)}</span>–<span className="mono">{hex16(end - 1n)}</span> · <span data-testid="view-span">{formatSize(end - first)}</span> · {perPx}
    </p>
  );
}

export function MapToolbar() {
  const compressId = useId();
  const { compressed, showValid, hasSelection, atLimit } = useApp(
    useShallow((s) => ({ compressed: s.compressed, showValid: s.showValidWindows, hasSelection: s.selection !== null, atLimit: s.candidates.length >= MAX_CANDIDATES })),
  );
  const details = useApp(selectSelectedDetails);
  const s = appStore.getState();
  return (
    <div className="toolbar" role="toolbar" aria-label="Map controls">
      <div className="group">
        <button type="button" onClick={() => s.zoomBy(2)} aria-label="Zoom in" title="Zoom in (or use the mouse wheel)">
          +
        </button>
        <button type="button" onClick={() => s.zoomBy(0.5)} aria-label="Zoom out" title="Zoom out">
          −
        </button>
        <button type="button" onClick={() => s.fitHome()}>Fit aperture</button>
        <button type="button" onClick={() => s.fitAll()}>Whole 64-bit space</button>
        <button type="button" disabled={!hasSelection || !details} onClick={() => details && s.fitRange(details.start, details.last)}>
          Zoom to selection
        </button>
        <label htmlFor={compressId} className="check">
          <input id={compressId} type="checkbox" checked={compressed} onChange={(e) => s.setCompressed(e.target.checked)} />
          Compress empty space
        </label>
      </div>
      <div className="group">
        <button type="button" aria-pressed={showValid} onClick={() => s.setShowValidWindows(!showValid)}>
          Find valid windows
        </button>
        <button type="button" onClick={() => s.addCandidate()} disabled={atLimit} title={atLimit ? `At most ${MAX_CANDIDATES} candidates (what a link carries)` : undefined}>
          Add candidate
        </button>
      </div>
      <ViewReadout />
    </div>
  );
}
