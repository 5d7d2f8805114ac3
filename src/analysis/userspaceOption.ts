/**
 * The userspace-chosen window, checked the way the PROPOSED iommufd option would check it
 * (IOMMU_OPTION_SW_MSI_START/SIZE, Nicolin Chen's Part-2 v2, Oct 2025, not merged; engine-spec
 * §3d): the engine's Ioas.setSwMsiWindow answers -EINVAL (not 1 MiB aligned), -EOVERFLOW, or
 * -EADDRINUSE (overlaps a region of the device other than SW_MSI and DIRECT_RELAXABLE). An
 * -EADDRINUSE is reported through the overlapping regions themselves (conflicts.ts), so only the
 * other refusals become conflicts here.
 */
import { Ioas } from '../engine/iommufd.ts';
import { MiB } from './intervals.ts';
import type { DeviceKernel } from './deviceContext.ts';
import type { Conflict, MsiWindow } from './types.ts';

export function userspaceValidation(ctx: DeviceKernel, w: MsiWindow): Conflict[] {
  const withRange = { start: w.base, last: w.base + w.size - 1n };
  if (w.size <= 0n || w.size % MiB !== 0n) {
    return [{ with: 'IOMMU_OPTION_SW_MSI_SIZE', withRange, kind: 'uapi-validation', consequence: 'the size is not a positive whole number of MiB: IOMMU_OPTION_SW_MSI_SIZE cannot express it' }];
  }
  // A fresh IOAS: the option must be set before the device is attached (-EBUSY otherwise).
  const r = new Ioas().setSwMsiWindow(ctx.device.id, w.base, w.size / MiB, ctx.mainline);
  if (r.ok || r.errno === 'EADDRINUSE') return [];
  return [{ with: 'IOMMU_OPTION_SW_MSI_START/SIZE', withRange, kind: 'uapi-validation', consequence: `the kernel rejects the window with -${r.errno}: ${r.reason}` }];
}
