/**
 * "Find valid windows": every range of valid 1 MiB windows as a highlighted, clickable band.
 * A click moves the active candidate to the window under the pointer; Enter or Space moves it to
 * the first window of the range.
 */
import type { KeyboardEvent, MouseEvent } from 'react';
import type { Range } from '../../engine/u64.ts';
import type { AddressScale } from '../../view/addressScale.ts';
import { ROW_H } from '../../view/layout.ts';
import { rangeLabel } from './itemText.ts';
import { appStore } from '../../store/appStore.ts';

interface Props {
  readonly ranges: readonly Range[];
  readonly scale: AddressScale;
  readonly y: number;
}

/** Bands are drawn at least this wide so narrow valid ranges can be clicked. */
const MIN_PX = 4;

export function ValidWindows({ ranges, scale, y }: Props) {
  const visible = ranges.filter((r) => scale.x(r.last + 1n) >= 0 && scale.x(r.start) <= scale.width);
  return (
    <g className="valid-windows">
      {visible.slice(0, 300).map((r) => {
        const x0 = Math.max(scale.x(r.start), -2);
        const x1 = Math.min(scale.x(r.last + 1n), scale.width + 2);
        const w = Math.max(x1 - x0, MIN_PX);
        const name = rangeLabel('valid MSI windows', r.start, r.last);
        const onClick = (e: MouseEvent<SVGRectElement>): void => {
          e.stopPropagation();
          const svg = e.currentTarget.ownerSVGElement;
          const px = svg ? e.clientX - svg.getBoundingClientRect().left : x0;
          appStore.getState().placeActiveCandidate(scale.addressAt(px), r);
        };
        const onKey = (e: KeyboardEvent<SVGRectElement>): void => {
          if (e.key !== 'Enter' && e.key !== ' ') return;
          e.preventDefault();
          appStore.getState().placeActiveCandidate(r.start, r);
        };
        return (
          <rect key={r.start.toString()} x={x0} y={y} width={w} height={ROW_H} rx={2} className="valid-window" role="button" tabIndex={0} aria-label={`${name}: move the candidate here`} data-nozoom="" onClick={onClick} onKeyDown={onKey}>
            <title>{`${name}. Click to move the candidate here.`}</title>
          </rect>
        );
      })}
    </g>
  );
}
