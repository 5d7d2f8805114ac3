/**
 * The MSI-window lane: row 1 the window each policy picks (windows at the same place share one
 * mark), row 2 the valid windows when "Find valid windows" is on (click one to move the active
 * candidate there), row 3 the user's candidates as draggable sliders.
 */
import type { RefObject } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { selectAnalysis, selectGranule } from '../../store/analysisSlice.ts';
import { useApp } from '../../store/appStore.ts';
import { policyLabel, selectWindowEntries, type WindowEntry } from '../../store/windowSelectors.ts';
import type { AddressScale } from '../../view/addressScale.ts';
import { fitText } from '../../view/fitText.ts';
import { ROW_H, WINDOW_ROW, rowY, type LaneBox } from '../../view/layout.ts';
import { effectiveAlignment, windowBasesIn } from '../../view/snap.ts';
import { rangeLabel } from './itemText.ts';
import { TITLE_CHAR_PX } from './LaneView.tsx';
import { ValidWindows } from './ValidWindows.tsx';
import { WindowHandle } from './WindowHandle.tsx';

interface Props {
  readonly box: LaneBox;
  readonly scale: AddressScale;
  readonly svgRef: RefObject<SVGSVGElement | null>;
}

interface PolicyMark {
  readonly key: string;
  readonly entries: WindowEntry[];
  readonly base: bigint;
  readonly size: bigint;
}

/** Policies choosing the same window are drawn once, named together. */
function groupPolicyWindows(entries: readonly WindowEntry[]): PolicyMark[] {
  const out: PolicyMark[] = [];
  for (const e of entries) {
    const w = e.result.window;
    if (e.candidate || !w) continue;
    const same = out.find((m) => m.base === w.base && m.size === w.size);
    if (same) same.entries.push(e);
    else out.push({ key: e.key, entries: [e], base: w.base, size: w.size });
  }
  return out;
}

const LABEL_CHAR_PX = 6.6;

function policyText(mark: PolicyMark): { names: string; bad: boolean; text: string } {
  const names = mark.entries.map((e) => policyLabel(e.result.policy)).join(' · ');
  const bad = mark.entries.some((e) => e.result.verdict !== 'ok');
  return { names, bad, text: `${names} ${bad ? '✗ conflict' : '✓ works'}` };
}

/** Policy marks go to the first of two rows where their label does not run into another mark. */
function placePolicyMarks(marks: readonly PolicyMark[], scale: AddressScale): { mark: PolicyMark; row: number; x: number; w: number; room: number }[] {
  const placed = marks
    .map((mark) => {
      const x0 = scale.x(mark.base);
      const x1 = scale.x(mark.base + mark.size);
      const w = Math.max(x1 - x0, 6);
      return { mark, x: x1 - x0 < 6 ? (x0 + x1) / 2 - 3 : x0, w, row: 0, room: 0 };
    })
    .sort((a, b) => a.x - b.x);
  const rowEnd = [-Infinity, -Infinity];
  for (const p of placed) {
    const want = p.x + p.w + 8 + policyText(p.mark).text.length * LABEL_CHAR_PX;
    p.row = rowEnd[0]! < p.x ? 0 : rowEnd[1]! < p.x ? 1 : rowEnd[0]! <= rowEnd[1]! ? 0 : 1;
    rowEnd[p.row] = want;
  }
  // Labels stop before the next mark in the same row.
  for (const p of placed) {
    const next = placed.find((q) => q.row === p.row && q.x > p.x);
    p.room = (next ? next.x : scale.width) - (p.x + p.w + 8);
  }
  return placed;
}

function PolicyWindow({ p, y, policy, selected }: { p: ReturnType<typeof placePolicyMarks>[number]; y: number; policy: string; selected: boolean }) {
  const { mark, x, w } = p;
  const { names, bad, text } = policyText(mark);
  const current = mark.entries.some((e) => e.result.policy === policy);
  const verdicts = mark.entries.map((e) => `${policyLabel(e.result.policy)}: ${e.result.verdict === 'ok' ? 'works' : 'conflict'}`).join('; ');
  return (
    <g className={`mark policy-window ${bad ? 'verdict-conflict' : 'verdict-ok'}${current ? ' current' : ''}${selected ? ' selected' : ''}`} data-lane="windows" data-key={mark.entries[0]!.key}>
      <title>{`${rangeLabel(`MSI window (${names})`, mark.base, mark.base + mark.size - 1n)}. ${verdicts}`}</title>
      <rect x={x} y={y} width={w} height={ROW_H} rx={3} />
      {bad && <rect x={x} y={y} width={w} height={ROW_H} rx={3} className="handle-hatch" />}
      <text x={x + w + 5} y={y + ROW_H / 2 + 4} className="policy-label">
        {fitText(text, p.room, LABEL_CHAR_PX)}
      </text>
    </g>
  );
}

export function WindowsLane({ box, scale, svgRef }: Props) {
  const entries = useApp(useShallow(selectWindowEntries));
  const { policy, activeCandidate, selection, showValid } = useApp(
    useShallow((s) => ({ policy: s.policy, activeCandidate: s.activeCandidate, selection: s.selection, showValid: s.showValidWindows })),
  );
  const granule = useApp(selectGranule);
  const validWindows = useApp((s) => selectAnalysis(s)?.validWindows);
  const marks = groupPolicyWindows(entries);
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
        <PolicyWindow key={p.mark.key} p={p} y={rowY(box, WINDOW_ROW.policies + p.row)} policy={policy} selected={p.mark.entries.some((e) => e.key === selectedKey)} />
      ))}
      {showValid && validWindows ? (
        <ValidWindows ranges={validWindows} scale={scale} y={rowY(box, WINDOW_ROW.valid)} />
      ) : (
        <text x={10} y={rowY(box, WINDOW_ROW.valid) + ROW_H / 2 + 4} className="lane-message">
          “Find valid windows” highlights every window that would work here.
        </text>
      )}
      {entries.map((e) => {
        if (!e.candidate) return null;
        const alignment = effectiveAlignment(e.candidate.alignment, granule);
        const bases = windowBasesIn(validWindows ?? [], e.candidate.size, alignment);
        const validEnds = bases.length ? { first: bases[0]!.first, last: bases[bases.length - 1]!.last } : undefined;
        return (
          <WindowHandle
            key={e.key}
            candidate={e.candidate}
            result={e.result}
            alignment={alignment}
            validEnds={validEnds}
            scale={scale}
            y={rowY(box, WINDOW_ROW.candidates)}
            active={e.candidate.id === activeCandidate}
            svgRef={svgRef}
          />
        );
      })}
    </g>
  );
}
