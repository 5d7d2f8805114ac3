/** The accessible and tooltip text of a drawn range: "name: 0x…–0x… (size)". */
import { formatSize, hex16 } from '../../engine/u64.ts';

export function rangeLabel(name: string, start: bigint, last: bigint): string {
  return `${name}: ${hex16(start)}–${hex16(last)} (${formatSize(last - start + 1n)})`;
}
