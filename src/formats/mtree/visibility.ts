/**
 * What the guest sees of a memory tree (`info mtree` without -f), where regions overlap.
 *
 * QEMU renders a container's subregions in list order and the first to claim an address owns it
 * (system/memory.c, render_memory_region and flatview_insert only fill gaps). The list is kept
 * sorted by priority, highest first, and memory_region_update_container_subregions puts a new
 * subregion before others of equal priority, so the later-added wins a tie (docs/devel/memory.rst,
 * "Overlapping regions and priority"). A pure container claims nothing itself: a lower-priority
 * sibling shows through its holes. So the owner of an address is the leaf covering it that comes
 * first in a depth-first walk taking children in render order.
 *
 * What the dump cannot tell: mtree_print_mr lists children by address, then priority, so the add
 * order of two equal-priority siblings is visible only when they start at the same address (the
 * one listed first was added later); elsewhere the one listed first is assumed to win. Aliases
 * count as leaves (their target's holes are not followed), and a container is assumed to have
 * no MMIO of its own.
 */
import type { MtreeEntry } from './mtreeLines.ts';

export interface Piece {
  readonly start: bigint;
  readonly last: bigint;
}

interface TreeNode {
  readonly e: MtreeEntry;
  readonly children: TreeNode[];
}

/** The entries of one section as a tree by indentation; disabled regions and their subtrees are not rendered. */
function treeOf(entries: readonly MtreeEntry[]): TreeNode[] {
  const roots: TreeNode[] = [];
  const stack: TreeNode[] = [];
  for (const e of entries) {
    while (stack.length > 0 && stack[stack.length - 1]!.e.indent >= e.indent) stack.pop();
    const node: TreeNode = { e, children: [] };
    (stack.length === 0 ? roots : stack[stack.length - 1]!.children).push(node);
    stack.push(node);
  }
  return roots;
}

/** Leaves in render order: children by priority, highest first, ties in listed order (sort is stable). */
function leavesInRenderOrder(roots: TreeNode[]): MtreeEntry[] {
  const byPriority = (a: TreeNode, b: TreeNode) => b.e.prio - a.e.prio;
  const out: MtreeEntry[] = [];
  // Iterative walk: the nesting of a hostile dump is bounded only by its line length.
  const todo: TreeNode[] = [...roots].sort(byPriority).reverse();
  while (todo.length > 0) {
    const n = todo.pop()!;
    if (n.e.disabled) continue;
    if (n.children.length === 0) out.push(n.e);
    else for (const c of [...n.children].sort(byPriority).reverse()) todo.push(c);
  }
  return out;
}

/** Binary min-heap of leaf ranks. */
class RankHeap {
  private readonly a: number[] = [];
  get size(): number {
    return this.a.length;
  }
  top(): number {
    return this.a[0]!;
  }
  push(x: number): void {
    const a = this.a;
    let i = a.push(x) - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p]! <= x) break;
      a[i] = a[p]!;
      i = p;
    }
    a[i] = x;
  }
  pop(): void {
    const a = this.a;
    const last = a.pop()!;
    if (a.length === 0) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= a.length) break;
      const c = l + 1 < a.length && a[l + 1]! < a[l]! ? l + 1 : l;
      if (a[c]! >= last) break;
      a[i] = a[c]!;
      i = c;
    }
    a[i] = last;
  }
}

/**
 * The visible pieces of every leaf of a tree-view section ([] for a hidden leaf; containers have
 * no key). A sweep over the leaves' boundaries with a heap of the leaves covering the current
 * address, smallest render rank on top: O(n log n) for n leaves.
 */
export function visiblePieces(entries: readonly MtreeEntry[]): Map<MtreeEntry, Piece[]> {
  const leaves = leavesInRenderOrder(treeOf(entries));
  const byStart = leaves.map((_, rank) => rank).sort((x, y) => (leaves[x]!.start < leaves[y]!.start ? -1 : leaves[x]!.start > leaves[y]!.start ? 1 : 0));
  const bounds: bigint[] = [];
  for (const e of leaves) bounds.push(e.start, e.last + 1n);
  bounds.sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  const out = new Map<MtreeEntry, Piece[]>(leaves.map((e) => [e, []]));
  const heap = new RankHeap();
  let next = 0;
  for (let i = 0; i < bounds.length - 1; i += 1) {
    const at = bounds[i]!;
    const end = bounds[i + 1]!;
    if (at === end) continue;
    while (next < byStart.length && leaves[byStart[next]!]!.start <= at) heap.push(byStart[next++]!);
    while (heap.size > 0 && leaves[heap.top()]!.last < at) heap.pop();
    if (heap.size === 0) continue;
    const owner = leaves[heap.top()]!;
    const pieces = out.get(owner)!;
    const prev = pieces[pieces.length - 1];
    if (prev !== undefined && prev.last + 1n === at) pieces[pieces.length - 1] = { start: prev.start, last: end - 1n };
    else pieces.push({ start: at, last: end - 1n });
  }
  return out;
}
