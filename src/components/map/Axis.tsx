/**
 * The shared address axis on top of the map: exact hex ticks with their binary size, grid lines
 * through every lane, and on a compressed axis the shrunk pieces marked with their true size.
 */
import { memo } from 'react';
import { formatSize } from '../../engine/u64.ts';
import type { AddressScale } from '../../view/addressScale.ts';
import { AXIS_H } from '../../view/layout.ts';
import { rectPath } from '../../view/rectPath.ts';
import { shrunkPieces } from '../../view/shrunkPieces.ts';
import { ticks } from '../../view/ticks.ts';

interface Props {
  readonly scale: AddressScale;
  readonly height: number;
}

/** Bands narrower than this share one path (no label fits, and a tooltip on a sliver helps no one). */
const NARROW_BAND_PX = 12;

function ShrunkPieces({ scale }: { scale: AddressScale }) {
  const bands = shrunkPieces(scale, 400).map((g) => ({ g, x0: Math.max(scale.xAxis(g.at), 0), x1: Math.min(scale.xAxis(g.at + g.length), scale.width) }));
  const narrow = bands.filter((b) => b.x1 - b.x0 < NARROW_BAND_PX);
  return (
    <g className="shrunk">
      {narrow.length > 0 && (
        <path className="shrunk-band" d={narrow.map((b) => rectPath(b.x0, AXIS_H - 12, Math.max(b.x1 - b.x0, 1), 10)).join('')}>
          <title>{`${narrow.length} long empty stretches drawn compressed`}</title>
        </path>
      )}
      {bands
        .filter((b) => b.x1 - b.x0 >= NARROW_BAND_PX)
        .map(({ g, x0, x1 }) => {
          const full = `≈ ${formatSize(g.size)}`;
          const text = full.length * 5.6 <= x1 - x0 - 6 ? full : '';
          return (
            <g key={g.start.toString()}>
              <rect x={x0} y={AXIS_H - 12} width={x1 - x0} height={10} className="shrunk-band">
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
