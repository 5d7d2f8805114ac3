/**
 * Address arithmetic of a device tree the way Linux does it (drivers/of/address.c):
 * - cell counts: of_bus_n_addr_cells / of_bus_n_size_cells look for #address-cells/#size-cells
 *   on the bus node and, if absent, on its ancestors ("inheritance"), defaulting at the root to
 *   OF_ROOT_NODE_ADDR_CELLS_DEFAULT (1) and OF_ROOT_NODE_SIZE_CELLS_DEFAULT (1);
 * - translation (of_translate_address): walk up through each bus's `ranges`; an empty `ranges`
 *   is 1:1, a missing one means the address cannot be translated (OF_BAD_ADDR);
 * - PCI buses (3 address cells) match a range only within the same space code (of_bus_pci_map).
 */
import { U64_MAX } from '../../engine/u64.ts';
import { cell, cellCount, cellsOverflow64, cellsValue, u32Prop } from './props.ts';
import type { DtNode, DtProp } from './tree.ts';

/** Linux's OF_MAX_ADDR_CELLS: larger counts are refused (the property is skipped with a warning). */
export const MAX_ADDR_CELLS = 4;
/** More ranges entries than any real bus has; bounds the per-lookup scan on hostile blobs. */
const MAX_RANGES = 1024;

export function busAddressCells(bus: DtNode): number {
  if (bus.addressCells < 0) bus.addressCells = u32Prop(bus, '#address-cells') ?? (bus.parent === undefined ? 1 : busAddressCells(bus.parent));
  return bus.addressCells;
}

export function busSizeCells(bus: DtNode): number {
  if (bus.sizeCells < 0) bus.sizeCells = u32Prop(bus, '#size-cells') ?? (bus.parent === undefined ? 1 : busSizeCells(bus.parent));
  return bus.sizeCells;
}

/** PCI bus: 3 address cells whose first (phys.hi) carries the space code in bits 24-25. */
export function isPciBus(bus: DtNode): boolean {
  return busAddressCells(bus) === 3;
}

/** An address on some bus: `space` is the PCI space code when the bus is PCI. */
export interface BusAddress {
  readonly addr: bigint;
  readonly space?: number;
}

/** Reads an address of `na` cells at cell `i`; PCI addresses keep phys.hi's space code. */
export function readAddress(p: DtProp, i: number, na: number, pci: boolean): BusAddress | undefined {
  if (pci && na === 3) return { addr: cellsValue(p, i + 1, 2), space: (cell(p, i) >>> 24) & 3 };
  if (cellsOverflow64(p, i, na)) return undefined;
  return { addr: cellsValue(p, i, na) };
}

export type Entries<T> = { readonly ok: true; readonly entries: T[] } | { readonly ok: false; readonly why: string };

function foundCells(p: DtProp, n: number | undefined): string {
  return n === undefined ? `${p.length} bytes, not whole 32-bit cells` : `${n} cell${n === 1 ? '' : 's'}`;
}

/** Why a `reg`-like property on `bus` cannot be read as (address, size) entries, if it cannot. */
export function regProblem(p: DtProp, bus: DtNode): string | undefined {
  const na = busAddressCells(bus);
  const ns = busSizeCells(bus);
  const n = cellCount(p);
  if (na > MAX_ADDR_CELLS || ns > 2 || na + ns === 0) return `cell counts #address-cells=${na}, #size-cells=${ns} are not supported`;
  if (n === undefined || n % (na + ns) !== 0) return `expected a multiple of ${na + ns} cells (#address-cells=${na}, #size-cells=${ns}), found ${foundCells(p, n)}`;
  return undefined;
}

export interface RangeEntry {
  readonly child: BusAddress;
  readonly parent: BusAddress;
  readonly size: bigint;
  readonly flags: number;
}

/**
 * Entries of `ranges` or `dma-ranges` on `bus`: child addresses use the bus's own cell counts,
 * parent addresses those of its parent. `flags` is the raw PCI phys.hi (0 elsewhere).
 */
export function readRanges(p: DtProp, bus: DtNode): Entries<RangeEntry> {
  const cna = busAddressCells(bus);
  const pna = bus.parent === undefined ? cna : busAddressCells(bus.parent);
  const ns = busSizeCells(bus);
  const width = cna + pna + ns;
  const n = cellCount(p);
  if (cna > MAX_ADDR_CELLS || pna > MAX_ADDR_CELLS || ns > 2 || width === 0) {
    return { ok: false, why: `cell counts (child ${cna}, parent ${pna}, size ${ns}) are not supported` };
  }
  if (n === undefined || n % width !== 0) {
    return { ok: false, why: `expected a multiple of ${width} cells per entry (child ${cna} + parent ${pna} + size ${ns}), found ${foundCells(p, n)}` };
  }
  if (n / width > MAX_RANGES) return { ok: false, why: `expected at most ${MAX_RANGES} entries, found ${n / width}` };
  const childPci = cna === 3;
  const parentPci = pna === 3 && bus.parent !== undefined && isPciBus(bus.parent);
  const entries: RangeEntry[] = [];
  for (let i = 0; i < n; i += width) {
    const child = readAddress(p, i, cna, childPci);
    const parent = readAddress(p, i + cna, pna, parentPci);
    if (child === undefined || parent === undefined) return { ok: false, why: 'an address is wider than 64 bits' };
    entries.push({ child, parent, size: cellsValue(p, i + cna + pna, ns), flags: childPci ? cell(p, i) : 0 });
  }
  return { ok: true, entries };
}

/** Which translation: `ranges` (CPU view, a missing property cannot be translated) or
 * `dma-ranges` (device view, a missing property is 1:1), as of_translate_one treats them. */
export type RangesProp = 'ranges' | 'dma-ranges';

/** Parsed ranges per bus and property; null = cannot translate; [] = 1:1. */
export type RangesCache = Map<string, Map<DtNode, RangeEntry[] | null>>;

function rangesOf(b: DtNode, prop: RangesProp, cache: RangesCache): RangeEntry[] | null {
  let byNode = cache.get(prop);
  if (byNode === undefined) {
    byNode = new Map();
    cache.set(prop, byNode);
  }
  let ranges = byNode.get(b);
  if (ranges === undefined) {
    const p = b.props.get(prop);
    if (p === undefined) ranges = prop === 'dma-ranges' ? [] : null;
    else if (p.length === 0) ranges = [];
    else {
      const read = readRanges(p, b);
      ranges = read.ok ? read.entries : null;
    }
    byNode.set(b, ranges);
  }
  return ranges;
}

/**
 * Root address of `a` on `bus` for `size` bytes from it, or undefined when some bus on the way
 * cannot translate it, no entry covers it, or the result does not fit below 2^64.
 * The cache keeps each bus's parsed ranges, so thousands of children cost one parse.
 */
export function translate(a: BusAddress, size: bigint, bus: DtNode, prop: RangesProp, cache: RangesCache): bigint | undefined {
  return translateAddr(a.addr, a.space, size, bus, prop, cache);
}

/** translate for an address given as its value and PCI space code (no BusAddress object made). */
export function translateAddr(start: bigint, pciSpace: number | undefined, size: bigint, bus: DtNode, prop: RangesProp, cache: RangesCache): bigint | undefined {
  let addr = start;
  let space = pciSpace;
  for (let b: DtNode | undefined = bus; b !== undefined && b.parent !== undefined; b = b.parent) {
    const ranges = rangesOf(b, prop, cache);
    if (ranges === null) return undefined;
    let hit: RangeEntry | undefined;
    for (const r of ranges) {
      if ((r.child.space === undefined || space === undefined || r.child.space === space) && addr >= r.child.addr && addr - r.child.addr + size <= r.size) {
        hit = r;
        break;
      }
    }
    if (hit !== undefined) {
      addr = hit.parent.addr + (addr - hit.child.addr);
      space = hit.parent.space;
    } else if (ranges.length === 0) {
      space = undefined; // an empty ranges is 1:1 into a bus without PCI spaces
    } else {
      return undefined;
    }
  }
  return addr + (size === 0n ? 0n : size - 1n) <= U64_MAX ? addr : undefined;
}
