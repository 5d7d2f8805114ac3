/**
 * Per-device facts every policy and every window evaluation needs. Split in two so that moving
 * the guest map (a RAM-size slider) does not redo the kernel derivation:
 * - DeviceKernel: what the kernel and the platform know — reserved regions under mainline and
 *   under the v4 series, the MSI controller, the platform obstacles and the windows a kernel
 *   could pick;
 * - DeviceContext: the same plus the guest's RAM and BARs — all obstacles, sorted for binary
 *   search, and the really valid windows.
 */
import type { Range } from '../engine/u64.ts';
import type { Device, HostBridge, Iommu, MsiController, Scenario } from '../model/scenario.ts';
import type { FreeRanges } from './intervals.ts';
import {
  apertureObstacles,
  bridgeWindowObstacles,
  byStart,
  freeGaps,
  inboundGapObstacles,
  indexSorted,
  regionObstacles,
  type Obstacle,
  type ObstacleIndex,
  type SortedObstacles,
} from './obstacles.ts';
import { msiControllerOf, unisolatedMsiInGroup, type UnisolatedMsi } from './msiIsolation.ts';
import { deviceIommu, deviceResvRegions, type ProducedRegion } from './producers/index.ts';

export interface DeviceKernel {
  readonly device: Device;
  readonly iommu: Iommu;
  readonly bridge?: HostBridge;
  readonly msiController?: MsiController;
  /** iommu_group_has_isolated_msi failed for the device's group: which member, why (msiIsolation.ts). */
  readonly unisolatedMsi?: UnisolatedMsi;
  /** Per-device lists in driver order (iommu_get_resv_regions). */
  readonly mainline: readonly ProducedRegion[];
  readonly series: readonly ProducedRegion[];
  /** A hardware MSI window (x86, DART, probed): no SW_MSI window exists to choose. */
  readonly hwMsi?: ProducedRegion;
  /** Everything but the guest: aperture, inbound gaps, PCI windows, reserved regions; by start. */
  readonly platform: readonly Obstacle[];
  /** The same list, indexed for overlap queries. */
  readonly platformIndex: SortedObstacles;
  /**
   * Complement of the platform obstacles: what the kernel can know is free. Read by position
   * from platformIndex (freeGaps): the pickers look at a few gaps, never all 10,000.
   */
  readonly platformFree: FreeRanges;
}

export interface DeviceContext extends DeviceKernel {
  /** Platform and guest obstacles, indexed for overlap queries. */
  readonly obstacles: ObstacleIndex;
  /** Complement of the guest's obstacles: valid windows lie in it and in platformFree. */
  readonly guestFree: readonly Range[];
}

/** Stand-in for a device read from a sysfs dump without any IOMMU description. */
const UNKNOWN_IOMMU: Iommu = { id: '(unknown)', name: 'IOMMU (not described)', kind: 'smmu-v3', aperture: { start: 0n, last: 0xffff_ffff_ffffn }, granule: 0x1000n };

/**
 * Regions of the series (SW_MSI aside) that mainline does not report for the device: none of
 * their sources appear in mainline's list. The producers hand both variants the same objects for
 * the same firmware regions, which settles most of them without comparing long strings.
 */
function unreportedRegions(mainline: readonly ProducedRegion[], series: readonly ProducedRegion[]): ProducedRegion[] {
  // Shared regions come in the same order in both lists (SW_MSI aside): a cursor over mainline
  // finds them without a set of every region; the set is built only if the order differs.
  let next = 0;
  let reported: Set<ProducedRegion> | undefined;
  const isReported = (r: ProducedRegion): boolean => {
    while (mainline[next]?.type === 'sw-msi') next += 1;
    if (mainline[next] === r) {
      next += 1;
      return true;
    }
    reported ??= new Set(mainline);
    return reported.has(r);
  };
  let reportedSources: Set<string> | undefined;
  return series.filter((r) => {
    if (r.type === 'sw-msi') return false;
    if (isReported(r) && r.sources.length > 0) return false;
    reportedSources ??= new Set(mainline.flatMap((m) => m.sources));
    return !r.sources.some((src) => reportedSources!.has(src));
  });
}

export function deviceKernel(s: Scenario, device: Device, assumptions: string[]): DeviceKernel | undefined {
  const mainline = deviceResvRegions(s, device, 'mainline');
  if (!mainline) return undefined;
  const series = deviceResvRegions(s, device, 'series-v4') ?? mainline;
  let iommu = deviceIommu(s, device);
  if (!iommu) {
    iommu = UNKNOWN_IOMMU;
    assumptions.push(`${device.name}: no IOMMU described; assumed a 48-bit aperture and a 4 KiB granule.`);
  }
  const bridge = s.hostBridges.find((b) => b.id === device.hostBridge);
  const msiController = msiControllerOf(s, device);
  const unisolatedMsi = unisolatedMsiInGroup(s, device);
  const hwMsi = mainline.find((r) => r.type === 'msi');
  // The SW_MSI region is the window being placed, never an obstacle to it.
  const reported = mainline.filter((r) => r.type !== 'sw-msi');
  const unreported = unreportedRegions(mainline, series);
  const platform = apertureObstacles(iommu).concat(
    device.bus === 'pci' ? inboundGapObstacles(bridge) : [],
    device.bus === 'pci' ? bridgeWindowObstacles(bridge) : [],
    regionObstacles(reported, 'reserved-region'),
    regionObstacles(unreported, 'unreported-reservation'),
  );
  platform.sort(byStart); // stable, as sortObstacles; the fresh list needs no copy
  const platformIndex = indexSorted(platform);
  return {
    device,
    iommu,
    ...(bridge ? { bridge } : {}),
    ...(msiController ? { msiController } : {}),
    ...(unisolatedMsi ? { unisolatedMsi } : {}),
    mainline,
    series,
    ...(hwMsi ? { hwMsi } : {}),
    platform,
    platformIndex,
    platformFree: freeGaps(platformIndex),
  };
}

/**
 * Add the guest map: its obstacles indexed by start, and the complement of their union (both
 * shared by all devices).
 */
export function withGuest(k: DeviceKernel, guest: SortedObstacles, guestFree: readonly Range[]): DeviceContext {
  return { ...k, obstacles: [k.platformIndex, guest], guestFree };
}
