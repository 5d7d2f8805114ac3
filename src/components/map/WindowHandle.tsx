/**
 * An MSI-window candidate as an ARIA slider: drag it with the mouse (d3-drag through the drag
 * controller; the store snaps to the alignment) or move it with the keyboard — arrows by one
 * alignment step, PageUp/PageDown by 16, Home/End to the lowest/highest valid window.
 */
import { useEffect, useRef, type KeyboardEvent, type RefObject } from 'react';
import type { PolicyResult } from '../../analysis/analyze.ts';
import { hex, hex16 } from '../../engine/u64.ts';
import { appStore } from '../../store/appStore.ts';
import { candidateLabel, type Candidate } from '../../store/candidatesSlice.ts';
import type { AddressScale } from '../../view/addressScale.ts';
import { createDragController } from '../../view/dragController.ts';
import { fitText } from '../../view/fitText.ts';
import type { HandleBox, LabelPlace } from '../../view/handleLayout.ts';
import { ROW_H } from '../../view/layout.ts';
import { baseForKey } from '../../view/snap.ts';
import { windowSliderProps } from './windowSlider.ts';

interface Props {
  readonly candidate: Candidate;
  readonly result: PolicyResult | undefined;
  readonly alignment: bigint;
  /** Lowest and highest valid base, if any window is valid. */
  readonly validEnds: { first: bigint; last: bigint } | undefined;
  readonly scale: AddressScale;
  /** Where the handle sits and where its label goes (view/handleLayout.ts, laid out with its neighbours). */
  readonly box: HandleBox;
  readonly labelPlace: LabelPlace;
  readonly y: number;
  readonly active: boolean;
  readonly svgRef: RefObject<SVGSVGElement | null>;
}

/** Advance of the 11.5 px semi-bold handle labels, generous. */
export const LABEL_CHAR_PX = 6.4;

function verdictWord(result: PolicyResult | undefined): string {
  const verdict = result?.verdict ?? 'no-window';
  return verdict === 'ok' ? 'works' : verdict === 'conflict' ? `conflict (${result?.conflicts.length ?? 0})` : 'no window';
}

/** "candidate 2 · 0x9000000 · works": what the handle's label says, room permitting. */
export function handleLabel(candidate: Candidate, result: PolicyResult | undefined): string {
  return `${candidateLabel(candidate.id)} · ${hex(candidate.base)} · ${verdictWord(result)}`;
}

/** Move a candidate, select it and keep it in view. */
export function moveCandidateTo(c: Candidate, base: bigint): void {
  const s = appStore.getState();
  s.moveCandidate(c.id, base);
  s.select({ lane: 'windows', key: `candidate:${c.id}` });
  const moved = appStore.getState().candidates.find((x) => x.id === c.id);
  if (moved) s.revealRange(moved.base, moved.base + moved.size - 1n);
}

export function WindowHandle({ candidate, result, alignment, validEnds, scale, box, labelPlace, y, active, svgRef }: Props) {
  const ref = useRef<SVGGElement>(null);
  const live = useRef({ candidate, scale });
  live.current = { candidate, scale };

  useEffect(() => {
    const el = ref.current;
    const svg = svgRef.current;
    if (!el || !svg) return;
    const ctl = createDragController(el, svg, {
      handleX: () => live.current.scale.x(live.current.candidate.base),
      onStart: () => {
        const s = appStore.getState();
        s.setDragging(candidate.id);
        s.setActiveCandidate(candidate.id);
        s.select({ lane: 'windows', key: `candidate:${candidate.id}` });
        el.focus();
      },
      onDrag: (left) => appStore.getState().moveCandidate(candidate.id, live.current.scale.addressAt(left)),
      onEnd: () => appStore.getState().setDragging(null),
    });
    return () => ctl.destroy();
  }, [candidate.id, svgRef]);

  const onKeyDown = (e: KeyboardEvent<SVGGElement>): void => {
    const c = live.current.candidate;
    const base = baseForKey(e.key, c.base, c.size, alignment, validEnds);
    if (base === undefined) return;
    e.preventDefault();
    moveCandidateTo(c, base);
  };

  const { x, w } = box;
  const verdict = result?.verdict ?? 'no-window';
  const name = `MSI window ${candidateLabel(candidate.id)}`;
  const word = verdictWord(result);
  return (
    <g
      ref={ref}
      className={`handle verdict-${verdict}${active ? ' active' : ''}`}
      {...windowSliderProps(candidate.base, candidate.size, alignment)}
      aria-label={name}
      data-nozoom=""
      data-candidate={candidate.id}
      onKeyDown={onKeyDown}
      onFocus={() => {
        const s = appStore.getState();
        s.setActiveCandidate(candidate.id);
        s.select({ lane: 'windows', key: `candidate:${candidate.id}` });
      }}
    >
      <title>{`${name}: ${hex16(candidate.base)}–${hex16(candidate.base + candidate.size - 1n)}, ${word}. Drag, or use the arrow keys.`}</title>
      <rect x={x} y={y} width={w} height={ROW_H} rx={3} className="handle-body" />
      {verdict === 'conflict' && <rect x={x} y={y} width={w} height={ROW_H} rx={3} className="handle-hatch" />}
      <path d={`M${x + w / 2 - 3},${y + 6}v10M${x + w / 2},${y + 6}v10M${x + w / 2 + 3},${y + 6}v10`} className="grip" />
      <text x={labelPlace.x} y={y + ROW_H / 2 + 4} textAnchor={labelPlace.side === 'right' ? 'start' : 'end'} className="handle-label">
        {fitText(handleLabel(candidate, result), labelPlace.room, LABEL_CHAR_PX)}
      </text>
    </g>
  );
}
