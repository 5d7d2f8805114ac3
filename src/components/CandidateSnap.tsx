/** What a candidate snaps to when dragged or moved with the arrow keys. */
import { useId } from 'react';
import { formatSize, hex } from '../engine/u64.ts';
import { selectGranule } from '../store/analysisSlice.ts';
import { useApp } from '../store/appStore.ts';

const CHOICES = [0x1000n, 0x10000n, 0x100000n, 0x200000n, 0x1000000n, 0x40000000n];

export function CandidateSnap({ id, alignment }: { id: string; alignment: bigint }) {
  const selectId = useId();
  const granule = useApp(selectGranule) ?? 1n;
  const setAlignment = useApp((s) => s.setCandidateAlignment);
  return (
    <div className="field inline">
      <label htmlFor={selectId}>Snap to</label>
      <select id={selectId} value={hex(alignment)} onChange={(e) => setAlignment(id, BigInt(e.target.value))}>
        {CHOICES.filter((a) => a >= granule || a === alignment).map((a) => (
          <option key={hex(a)} value={hex(a)}>
            {formatSize(a)}
            {a === granule ? ' (granule)' : ''}
          </option>
        ))}
      </select>
    </div>
  );
}
