/**
 * The VMM's guest memory map, whose every RAM block and BAR VFIO maps at IOVA == GPA (no vIOMMU).
 * Taken from the scenario; `guestRamSize` resizes its RAM. Without one, a QEMU layout is assumed
 * and said so: `virt` (RAM from 0x40000000, hw/arm/virt.c) on Arm, `q35`-like on x86 (RAM below
 * 2 GiB, the rest from 4 GiB).
 */
import { hex } from '../engine/u64.ts';
import { exactSize } from './textLayout.ts';
import type { GuestRegion, Scenario } from '../model/scenario.ts';

export const VIRT_RAM_BASE = 0x40000000n;
const DEFAULT_RAM = 0x40000000n; // 1 GiB
const X86_LOWMEM = 0x80000000n;
const X86_HIGHMEM_BASE = 0x100000000n;

export interface GuestMapResult {
  readonly regions: GuestRegion[];
  readonly assumptions: string[];
}

function isX86(s: Scenario): boolean {
  return s.iommus.some((m) => m.kind === 'intel-vtd' || m.kind === 'amd-vi');
}

function ram(name: string, start: bigint, size: bigint): GuestRegion {
  return { name, kind: 'ram', start, size };
}

function defaultGuest(s: Scenario, size: bigint): GuestMapResult {
  if (isX86(s)) {
    const low = size < X86_LOWMEM ? size : X86_LOWMEM;
    const regions = [ram('guest RAM (below 4 GiB)', 0n, low)];
    if (size > low) regions.push(ram('guest RAM (above 4 GiB)', X86_HIGHMEM_BASE, size - low));
    return { regions, assumptions: [`No guest map in the scenario: assumed a QEMU q35-like guest with ${exactSize(size)} of RAM (2 GiB below 4 GiB, the rest from 0x100000000).`] };
  }
  return {
    regions: [ram('guest RAM', VIRT_RAM_BASE, size)],
    assumptions: [`No guest map in the scenario: assumed a QEMU virt guest with ${exactSize(size)} of RAM at ${hex(VIRT_RAM_BASE)}.`],
  };
}

/**
 * Give the RAM blocks `size` bytes in total, filling them in address order: each keeps at most
 * its current size, the last takes the remainder; blocks left empty are dropped.
 */
function resizeRam(regions: readonly GuestRegion[], size: bigint): GuestRegion[] {
  const ramBlocks = regions.filter((r) => r.kind === 'ram').sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const last = ramBlocks[ramBlocks.length - 1];
  let left = size;
  const sized = new Map<GuestRegion, bigint>();
  for (const r of ramBlocks) {
    const take = r === last ? left : left < r.size ? left : r.size;
    sized.set(r, take);
    left -= take;
  }
  return regions.flatMap((r) => {
    const newSize = sized.get(r);
    if (newSize === undefined) return [r];
    return newSize > 0n ? [{ ...r, size: newSize }] : [];
  });
}

export function guestMapFor(s: Scenario, guestRamSize?: bigint): GuestMapResult {
  if (!s.guest || !s.guest.regions.some((r) => r.kind === 'ram')) return defaultGuest(s, guestRamSize ?? DEFAULT_RAM);
  if (guestRamSize === undefined) return { regions: [...s.guest.regions], assumptions: [] };
  return {
    regions: resizeRam(s.guest.regions, guestRamSize),
    assumptions: [`Guest RAM resized to ${exactSize(guestRamSize)} (${s.guest.layout} layout).`],
  };
}
