/**
 * The shared address axis on top of the map: exact hex ticks with their binary size, grid lines
 * through every lane, and on a compressed axis the shrunk pieces marked with their true size.
 */
import { memo } from 'react';
import { formatSize } from '../../engine/u64.ts';
import type { AddressScale } from '../../view/addressScale.ts';
import { AXIS_H } from '../../view/layout.ts';
import { ticks } from '../../view/ticks.ts';

interface Props {
  readonly scale: AddressScale;
  readonly height: number;
}

function ShrunkPieces({ scale }: { scale: AddressScale }) {
  const pieces = scale.axis.segments.filter((g) => g.length !== g.size && g.at + g.length > scale.axisStart && g.at < scale.axisEnd);
  return (
    <g className="shrunk">
      {pieces.slice(0, 400).map((g) => {
        const x0 = Math.max(scale.xAxis(g.at), 0);
        const x1 = Math.min(scale.xAxis(g.at + g.length), scale.width);
        const full = `≈ ${formatSize(g.size)}`;
        const text = full.length * 5.6 <= x1 - x0 - 6 ? full : '';
        return (
          <g key={g.start.toString()}>
            <rect x={x0} y={AXIS_H - 12} width={Math.max(x1 - x0, 1)} height={10} className="shrunk-band">
              <title>{`${formatSize(g.size)} drawn compressed`}</title>
            </rect>
            {text && (
              <text x={(x0 + x1) / 2} y={AXIS_H - 4} className="shrunk-label" textAnchor="middle">
                {text}
              </text>
            )}
          </g>
        );
      })}
    </g>
  );
}

export const Axis = memo(function Axis({ scale, height }: Props) {
  const list = ticks(scale, 120);
  return (
    <g className="axis" aria-hidden="true">
      <rect x={0} y={0} width={scale.width} height={AXIS_H} className="axis-bg" />
      {scale.axis.compressed && <ShrunkPieces scale={scale} />}
      {list.map((t) => (
        <g key={t.addr.toString()} className={t.boundary ? 'tick boundary' : 'tick'}>
          <line x1={t.x} x2={t.x} y1={AXIS_H - 14} y2={height} className="grid" />
          <text x={t.x + 3} y={12} className="tick-label">
            {t.label}
          </text>
          {t.sizeLabel && (
            <text x={t.x + 3} y={24} className="tick-size">
              {t.sizeLabel}
            </text>
          )}
        </g>
      ))}
    </g>
  );
});
