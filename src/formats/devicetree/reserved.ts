/**
 * Memory and reservations: `device_type = "memory"` nodes, /memreserve/ entries, and the children
 * of /reserved-memory. A reserved-memory node with `iommu-addresses` becomes a firmware
 * reservation per (phandle, address, size) tuple, read the way of_iommu_get_resv_regions does
 * (engine-spec §2.3): address and size use the cell counts of the named device's DMA parent bus,
 * the address is translated through `dma-ranges`, and a `reg` on the node decides DIRECT vs
 * RESERVED later (iommu_resv_region_get_type, in the engine).
 */
import type { Range } from '../../engine/u64.ts';
import type { FirmwareReservation } from '../../model/scenario.ts';
import { busAddressCells, busSizeCells, readAddress, translate } from './address.ts';
import { cpuWindows, sourceOf, warn, type DtContext } from './context.ts';
import { cell, cellCount, cellsValue, firstStringIs } from './props.ts';
import { nodePath, shownPath, type DtNode } from './tree.ts';

export function isReservedMemoryChild(node: DtNode): boolean {
  const p = node.parent;
  return p !== undefined && p.name === 'reserved-memory' && p.parent !== undefined && p.parent.parent === undefined;
}

export function isMemoryNode(node: DtNode): boolean {
  return firstStringIs(node, 'device_type', 'memory');
}

export function collectMemory(ctx: DtContext): void {
  const { draft } = ctx;
  for (let i = 0; i < ctx.nodes.length; i += 1) {
    const node = ctx.nodes[i]!;
    if (isMemoryNode(node)) {
      for (const w of cpuWindows(ctx, node)) {
        draft.physicalMap.push({ start: w.start, last: w.start + w.size - 1n, name: label(node.name, w.label), kind: 'ram', source: sourceOf(ctx, node) });
      }
    } else if (isReservedMemoryChild(node)) {
      const noMap = node.props.has('no-map');
      for (const w of cpuWindows(ctx, node)) {
        const name = label(node.name, w.label) + (noMap ? ' (no-map)' : '');
        draft.physicalMap.push({ start: w.start, last: w.start + w.size - 1n, name, kind: 'reserved-memory', parent: 'reserved-memory', source: sourceOf(ctx, node) });
      }
      reservationsOf(ctx, node);
    }
  }
  ctx.tree.memreserve.forEach((m, i) => {
    if (m.size === 0n || m.address + m.size - 1n > 0xffff_ffff_ffff_ffffn) return;
    draft.physicalMap.push({ start: m.address, last: m.address + m.size - 1n, name: `/memreserve/ ${i}`, kind: 'reserved-memory', source: { file: ctx.file, version: ctx.parser, where: '/memreserve/' } });
  });
}

function label(name: string, extra: string): string {
  return extra === '' ? name : `${name} ${extra}`;
}

/** One firmware reservation per iommu-addresses tuple; ids recorded in ctx.reservations. */
function reservationsOf(ctx: DtContext, node: DtNode): void {
  const p = node.props.get('iommu-addresses');
  if (p === undefined) return;
  const n = cellCount(p);
  const path = nodePath(node);
  const shown = shownPath(node);
  if (n === undefined) {
    warn(ctx, p.pos, `${shown}: iommu-addresses ignored: expected whole 32-bit cells, found ${p.length} bytes`);
    return;
  }
  const reg = firstReg(ctx, node);
  const ids: string[] = [];
  const targets = new Set<DtNode>();
  for (let i = 0; i < n; ) {
    const target = ctx.phandles.get(cell(p, i));
    if (target === undefined || target.parent === undefined) {
      warn(ctx, p.pos, `${shown}: iommu-addresses: expected a phandle of a device at cell ${i}, found 0x${cell(p, i).toString(16)} which names no node; the rest is ignored`);
      break;
    }
    const na = busAddressCells(target.parent);
    const ns = busSizeCells(target.parent);
    if (na > 4 || ns > 2 || i + 1 + na + ns > n) {
      warn(ctx, p.pos, `${shown}: iommu-addresses: expected ${na} address and ${ns} size cells for ${shownPath(target)} at cell ${i + 1}, found ${n - i - 1} cells (or unsupported counts)`);
      break;
    }
    const addr = readAddress(p, i + 1, na, na === 3);
    const size = cellsValue(p, i + 1 + na, ns);
    i += 1 + na + ns;
    if (addr === undefined || size === 0n) {
      warn(ctx, p.pos, `${shown}: iommu-addresses tuple for ${shownPath(target)} skipped: ${size === 0n ? 'length 0 (the kernel warns and skips it too)' : 'address wider than 64 bits'}`);
      continue;
    }
    let start = translate(addr, size, target.parent, 'dma-ranges', ctx.ranges);
    if (start === undefined) {
      warn(ctx, p.pos, `${shown}: iommu-addresses for ${shownPath(target)} is not inside the bus’s dma-ranges; used untranslated`);
      start = addr.addr;
    }
    if (start + size - 1n > 0xffff_ffff_ffff_ffffn) continue;
    targets.add(target);
    const id = ids.length === 0 ? path : `${path}#${ids.length}`;
    const r: FirmwareReservation = {
      id,
      name: node.name,
      kind: 'dt-iommu-addresses',
      start,
      last: start + size - 1n,
      ...(reg === undefined ? {} : { reg }),
      appliesTo: [nodePath(target)],
      source: sourceOf(ctx, node),
    };
    ctx.draft.firmwareReservations.push(r);
    ids.push(id);
  }
  if (targets.size > 1) {
    ctx.draft.notes.push(
      `${path} lists iommu-addresses for ${targets.size} devices; whole tuples were read per device, whereas the kernel’s of_iommu_get_resv_regions (v6.17) skips only the phandle cell of a tuple for another device, which can misread the rest.`,
    );
  }
  ctx.reservations.set(node, ids);
}

function firstReg(ctx: DtContext, node: DtNode): Range | undefined {
  const w = cpuWindows(ctx, node)[0];
  return w === undefined ? undefined : { start: w.start, last: w.start + w.size - 1n };
}

const NO_IDS: readonly string[] = Object.freeze([]);

/**
 * Ids of the firmware reservations a node's `memory-region` list points at (only reserved-memory
 * nodes with iommu-addresses make reservations; others are not IOMMU regions).
 */
export function memoryRegionIds(ctx: DtContext, node: DtNode): readonly string[] {
  const p = node.props.get('memory-region');
  const n = p === undefined ? undefined : cellCount(p);
  if (p === undefined || n === undefined) return NO_IDS; // most devices: no list made
  const ids: string[] = [];
  for (let i = 0; i < n; i += 1) {
    const target = ctx.phandles.get(cell(p, i));
    if (target !== undefined) ids.push(...(ctx.reservations.get(target) ?? []));
  }
  return ids;
}
