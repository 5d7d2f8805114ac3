/**
 * A policy's window (windows of several policies at one place share it) as a handle: an ARIA
 * slider like the candidates'. The policy's window itself is what the kernel (or the VMM) picks
 * and stays where it is; moving the handle — dragging it, or a slider key — branches a new
 * candidate from it, which then moves (the drag goes on with it; the keyboard focus moves to its
 * handle), so "what if this policy's window were there?" is one gesture, and one undo step.
 */
import { useEffect, useRef, type KeyboardEvent, type RefObject } from 'react';
import { appStore } from '../../store/appStore.ts';
import { policyLabel } from '../../store/windowSelectors.ts';
import type { AddressScale } from '../../view/addressScale.ts';
import { createDragController } from '../../view/dragController.ts';
import { fitText } from '../../view/fitText.ts';
import { ROW_H } from '../../view/layout.ts';
import { baseForKey } from '../../view/snap.ts';
import { rangeLabel } from './itemText.ts';
import { policyText, type PlacedPolicyMark } from './policyMarks.ts';
import { windowSliderProps } from './windowSlider.ts';

const LABEL_CHAR_PX = 6.6;

interface Props {
  readonly p: PlacedPolicyMark;
  readonly y: number;
  /** The policy in force (its window is drawn bolder). */
  readonly policy: string;
  readonly selected: boolean;
  readonly alignment: bigint;
  readonly validEnds: { first: bigint; last: bigint } | undefined;
  readonly scale: AddressScale;
  readonly svgRef: RefObject<SVGSVGElement | null>;
}

/** Focus a candidate's handle once React has drawn it. */
function focusCandidate(id: string): void {
  requestAnimationFrame(() => document.querySelector<SVGGElement>(`[data-candidate="${id}"]`)?.focus());
}

export function PolicyWindowHandle({ p, y, policy, selected, alignment, validEnds, scale, svgRef }: Props) {
  const { mark, x, w } = p;
  const ref = useRef<SVGGElement>(null);
  const live = useRef({ base: mark.base, scale });
  live.current = { base: mark.base, scale };

  useEffect(() => {
    const el = ref.current;
    const svg = svgRef.current;
    if (!el || !svg) return;
    let branched: string | null = null;
    const ctl = createDragController(el, svg, {
      handleX: () => live.current.scale.x(live.current.base),
      // Marks the start of one undo step; the candidate is branched on the first move only, so a
      // click still just selects the policy's window.
      onStart: () => {
        branched = null;
        appStore.getState().setDragging(`branch:${mark.key}`);
      },
      onDrag: (left) => {
        const s = appStore.getState();
        branched ??= s.addCandidate(live.current.base);
        if (branched) s.moveCandidate(branched, live.current.scale.addressAt(left));
      },
      onEnd: () => {
        appStore.getState().setDragging(null);
        if (branched) focusCandidate(branched);
      },
    });
    return () => ctl.destroy();
  }, [mark.key, svgRef]);

  const onKeyDown = (e: KeyboardEvent<SVGGElement>): void => {
    const base = baseForKey(e.key, mark.base, mark.size, alignment, validEnds);
    if (base === undefined) return;
    e.preventDefault();
    const s = appStore.getState();
    const id = s.addCandidate(base);
    if (!id) return;
    s.revealRange(base, base + mark.size - 1n);
    focusCandidate(id);
  };

  const { names, bad, text } = policyText(mark);
  const current = mark.entries.some((e) => e.result.policy === policy);
  const verdicts = mark.entries.map((e) => `${policyLabel(e.result.policy)}: ${e.result.verdict === 'ok' ? 'works' : 'conflict'}`).join('; ');
  return (
    <g
      ref={ref}
      className={`mark policy-window ${bad ? 'verdict-conflict' : 'verdict-ok'}${current ? ' current' : ''}${selected ? ' selected' : ''}`}
      data-lane="windows"
      data-key={mark.entries[0]!.key}
      data-nozoom=""
      {...windowSliderProps(mark.base, mark.size, alignment)}
      aria-label={`MSI window of the ${names} policy`}
      aria-description="Moving it adds a candidate there; the policy's own window stays."
      onKeyDown={onKeyDown}
    >
      <title>{`${rangeLabel(`MSI window (${names})`, mark.base, mark.base + mark.size - 1n)}. ${verdicts}. Drag it, or use the arrow keys, to try a candidate from here.`}</title>
      <rect x={x} y={y} width={w} height={ROW_H} rx={3} />
      {bad && <rect x={x} y={y} width={w} height={ROW_H} rx={3} className="handle-hatch" />}
      <text x={x + w + 5} y={y + ROW_H / 2 + 4} className="policy-label">
        {fitText(text, p.room, LABEL_CHAR_PX)}
      </text>
    </g>
  );
}
