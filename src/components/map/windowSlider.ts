/**
 * The ARIA slider attributes of an MSI-window handle (candidates and policy windows alike): the
 * value counts alignment steps from 0 to the highest base that fits, and reads as the base in the
 * kernel's 0x%016x form.
 */
import { hex16 } from '../../engine/u64.ts';
import { maxBase } from '../../view/snap.ts';

export function windowSliderProps(base: bigint, size: bigint, alignment: bigint) {
  return {
    role: 'slider',
    tabIndex: 0,
    'aria-orientation': 'horizontal',
    'aria-valuemin': 0,
    'aria-valuemax': Number(maxBase(size, alignment) / alignment),
    'aria-valuenow': Number(base / alignment),
    'aria-valuetext': hex16(base),
  } as const;
}
