import { describe, expect, it } from 'vitest';
import { highestWindow, nearestValidWindow, validWindows } from './validWindows.ts';

const MiB = 0x100000n;
const r = (start: bigint, last: bigint) => ({ start, last });

describe('window pickers', () => {
  it('dynamic: highest window below 4 GiB even when the free range runs past it', () => {
    expect(highestWindow([r(0x80000000n, 0x1ffffffffn)])).toEqual({ base: 0xfff00000n, size: MiB });
  });

  it('dynamic: falls back to the highest window above 4 GiB', () => {
    expect(highestWindow([r(0x100000000n, 0x1ffffffffn)])).toEqual({ base: 0x1fff00000n, size: MiB });
    expect(highestWindow([])).toBeUndefined();
  });

  it('userspace: 0x08000000 itself when free, else the nearest, ties to the lower', () => {
    expect(nearestValidWindow([r(0n, 0xfffffffn)])).toEqual({ base: 0x8000000n, size: MiB });
    expect(nearestValidWindow([r(0n, 0x7ffffffn), r(0x8100000n, 0xfffffffn)])).toEqual({ base: 0x7f00000n, size: MiB });
    expect(nearestValidWindow([r(0x80000000n, 0xffffffffn)])).toEqual({ base: 0x80000000n, size: MiB });
  });

  it('valid windows = platform-free ∩ guest-free, trimmed to whole MiB', () => {
    expect(validWindows([r(0n, 0xffffffffn)], [r(0n, 0x3fffffffn), r(0x80000000n, 0xffffffffffffffffn)])).toEqual([
      r(0n, 0x3fffffffn),
      r(0x80000000n, 0xffffffffn),
    ]);
  });
});
