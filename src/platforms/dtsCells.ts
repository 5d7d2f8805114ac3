/**
 * Just enough of a dtc-style .dts reader for the platform tests to take expected values straight
 * from real dumps (QEMU's dumpdtb through dtc): the cells of one property of one node.
 */

/**
 * Cells of `prop` in the first node called `node` (e.g. "smmuv3@9050000"), as BigInts; undefined
 * when the node or property is missing. Only the node's own properties count, not its children's.
 */
export function dtsCells(text: string, node: string, prop: string): bigint[] | undefined {
  const header = new RegExp(`^(\\t*)(?:[\\w-]+: )?${node.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\{$`, 'm').exec(text);
  if (!header) return undefined;
  const inner = header[1]! + '\t';
  for (const line of text.slice(header.index + header[0].length).split('\n')) {
    if (line === header[1] + '};') return undefined;
    if (!line.startsWith(inner) || line.startsWith(inner + '\t')) continue;
    const m = new RegExp(`^${prop} = <([^>]*)>;$`).exec(line.slice(inner.length));
    if (m) return m[1]!.trim().split(/\s+/).map((c) => BigInt(c));
  }
  return undefined;
}

/** Joins big-endian 32-bit cells in groups of `width` (2 for #address-cells = <2>, …). */
export function joinCells(cells: readonly bigint[], width: number): bigint[] {
  const out: bigint[] = [];
  for (let i = 0; i + width <= cells.length; i += width) {
    out.push(cells.slice(i, i + width).reduce((acc, c) => (acc << 32n) | c, 0n));
  }
  return out;
}
