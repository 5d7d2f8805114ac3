/**
 * Vertical bands through every lane at the active candidate's window and at the window of the
 * policy in force, so what each lane holds at that address is visible while dragging.
 */
import { useApp } from '../../store/appStore.ts';
import { selectActiveCandidateEntry, selectActivePolicyEntry } from '../../store/windowSelectors.ts';
import type { AddressScale } from '../../view/addressScale.ts';

interface Props {
  readonly scale: AddressScale;
  readonly top: number;
  readonly bottom: number;
}

function Band({ w, scale, top, bottom, cls }: { w: { base: bigint; size: bigint }; scale: AddressScale; top: number; bottom: number; cls: string }) {
  const x0 = scale.x(w.base);
  const x1 = scale.x(w.base + w.size);
  if (x1 < -2 || x0 > scale.width + 2) return null;
  const width = Math.max(x1 - x0, 2);
  const x = x1 - x0 < 2 ? (x0 + x1) / 2 - 1 : x0;
  return <rect x={Math.max(x, -2)} y={top} width={Math.min(width, scale.width + 4)} height={bottom - top} className={`band ${cls}`} />;
}

export function WindowBands({ scale, top, bottom }: Props) {
  const policy = useApp(selectActivePolicyEntry)?.result.window;
  const candidate = useApp(selectActiveCandidateEntry)?.result.window;
  return (
    <g className="bands" aria-hidden="true">
      {policy && <Band w={policy} scale={scale} top={top} bottom={bottom} cls="band-policy" />}
      {candidate && <Band w={candidate} scale={scale} top={top} bottom={bottom} cls="band-candidate" />}
    </g>
  );
}
