/**
 * The MSI-window lane: row 1 the window each policy picks (windows at the same place share one
 * handle; moving it branches a candidate), row 2 the valid windows when "Find valid windows" is on (click one to move the active
 * candidate there), row 3 the user's candidates as draggable sliders.
 */
import type { RefObject } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { selectAnalysis, selectGranule } from '../../store/analysisSlice.ts';
import { useApp } from '../../store/appStore.ts';
import { selectWindowEntries } from '../../store/windowSelectors.ts';
import type { AddressScale } from '../../view/addressScale.ts';
import { fitText } from '../../view/fitText.ts';
import { handleBox, labelPlaces } from '../../view/handleLayout.ts';
import { ROW_H, WINDOW_ROW, rowY, type LaneBox } from '../../view/layout.ts';
import { DEFAULT_ALIGNMENT, effectiveAlignment, validBaseEnds } from '../../view/snap.ts';
import { TITLE_CHAR_PX } from './LaneView.tsx';
import { groupPolicyWindows, placePolicyMarks } from './policyMarks.ts';
import { PolicyWindowHandle } from './PolicyWindowHandle.tsx';
import { ValidWindows } from './ValidWindows.tsx';
import { LABEL_CHAR_PX, WindowHandle, handleLabel } from './WindowHandle.tsx';

interface Props {
  readonly box: LaneBox;
  readonly scale: AddressScale;
  readonly svgRef: RefObject<SVGSVGElement | null>;
}

export function WindowsLane({ box, scale, svgRef }: Props) {
  const entries = useApp(useShallow(selectWindowEntries));
  const { policy, activeCandidate, selection, showValid } = useApp(
    useShallow((s) => ({ policy: s.policy, activeCandidate: s.activeCandidate, selection: s.selection, showValid: s.showValidWindows })),
  );
  const granule = useApp(selectGranule);
  const validWindows = useApp((s) => selectAnalysis(s)?.validWindows);
  const marks = groupPolicyWindows(entries);
  // Candidate handles and their labels, laid out together so that neighbours never overlap.
  const candidates = entries.flatMap((e) => (e.candidate ? [{ e, candidate: e.candidate }] : []));
  const boxes = candidates.map(({ candidate: c }) => handleBox(scale.x(c.base), scale.x(c.base + c.size)));
  const places = labelPlaces(boxes, candidates.map(({ e, candidate }) => handleLabel(candidate, e.result).length * LABEL_CHAR_PX), scale.width);
  // A candidate branched from a policy's window gets the default alignment (snap.ts).
  const policyAlignment = effectiveAlignment(DEFAULT_ALIGNMENT, granule);
  const selectedKey = selection?.lane === 'windows' ? selection.key : null;
  return (
    <g className="lane lane-windows" role="group" aria-label="MSI windows: the window of each policy, valid windows, and your candidates">
      <text x={8} y={box.top + 14} className="lane-title">
        MSI windows
      </text>
      <text x={8 + 'MSI windows'.length * TITLE_CHAR_PX + 14} y={box.top + 14} className="lane-subtitle">
        {fitText('each policy’s SW_MSI window · valid windows · your candidates (drag them, or focus one and use the arrow keys)', scale.width - 130, 6)}
      </text>
      <rect x={0} y={box.trackTop} width={scale.width} height={box.trackHeight} className="track" />
      {placePolicyMarks(marks, scale).map((p) => (
        <PolicyWindowHandle
          key={p.mark.key}
          p={p}
          y={rowY(box, WINDOW_ROW.policies + p.row)}
          policy={policy}
          selected={p.mark.entries.some((e) => e.key === selectedKey)}
          alignment={policyAlignment}
          validEnds={validBaseEnds(validWindows ?? [], p.mark.size, policyAlignment)}
          scale={scale}
          svgRef={svgRef}
        />
      ))}
      {showValid && validWindows ? (
        <ValidWindows ranges={validWindows} scale={scale} y={rowY(box, WINDOW_ROW.valid)} />
      ) : (
        <text x={10} y={rowY(box, WINDOW_ROW.valid) + ROW_H / 2 + 4} className="lane-message">
          “Find valid windows” highlights every window that would work here.
        </text>
      )}
      {candidates.map(({ e, candidate }, i) => {
        const alignment = effectiveAlignment(candidate.alignment, granule);
        const validEnds = validBaseEnds(validWindows ?? [], candidate.size, alignment);
        return (
          <WindowHandle
            key={e.key}
            candidate={candidate}
            result={e.result}
            alignment={alignment}
            validEnds={validEnds}
            scale={scale}
            box={boxes[i]!}
            labelPlace={places[i]!}
            y={rowY(box, WINDOW_ROW.candidates)}
            active={candidate.id === activeCandidate}
            svgRef={svgRef}
          />
        );
      })}
    </g>
  );
}
