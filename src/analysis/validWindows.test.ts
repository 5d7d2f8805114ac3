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

  it('pickers trim unaligned free ranges to whole MiB themselves', () => {
    // [0x80000001, 0x100005000]: whole windows from 0x80100000; the highest below 4 GiB ends there.
    expect(highestWindow([r(0x80000001n, 0x100005000n)])).toEqual({ base: 0xfff00000n, size: MiB });
    // Nothing whole below 4 GiB: [0x100000005, 0x1002fffff] holds 0x100100000 and 0x100200000.
    expect(highestWindow([r(0x10n, 0xfffffn), r(0x100000005n, 0x1002fffffn)])).toEqual({ base: 0x100200000n, size: MiB });
  });

  it('userspace: nearest window in the intersection of platform-free and guest-free', () => {
    // Guest-free stops at 0x807ffff (window 0x7f00000, 1 MiB below) and resumes at 0x8100001
    // (first whole window 0x8200000, 2 MiB above): the lower one is nearer.
    expect(nearestValidWindow([r(0n, 0xffffffffn)], [r(0n, 0x807ffffn), r(0x8100001n, 0xfffffffn)])).toEqual({ base: 0x7f00000n, size: MiB });
    expect(nearestValidWindow([r(0n, 0x80fffn)], [r(0n, 0xffffffffn)])).toBeUndefined();
  });

  it('valid windows = platform-free ∩ guest-free, trimmed to whole MiB', () => {
    expect(validWindows([r(0n, 0xffffffffn)], [r(0n, 0x3fffffffn), r(0x80000000n, 0xffffffffffffffffn)])).toEqual([
      r(0n, 0x3fffffffn),
      r(0x80000000n, 0xffffffffn),
    ]);
  });
});
