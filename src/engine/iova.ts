/**
 * The IOVA allocator of drivers/iommu/iova.c (Linux v6.17-rc3), pfn for pfn.
 *
 * A domain is a red-black tree of inclusive pfn ranges (pfns in units of the granule) with a hidden
 * anchor node at pfn u64 max, and two cached nodes (one for 32-bit limits, one for the rest) from
 * which allocations search top-down. Everything is u64: BigInt with explicit wrap-around.
 *
 * Speed: the kernel's allocation walk steps node by node below the cached node (hundreds of steps
 * on a fragmented domain). Here every node also records the free gap below it and the largest gap
 * in its subtree, so the walk jumps straight to the next node that could end it; the node where it
 * ends, and so every result, is the same (iova.test.ts checks against a naive model). The jump is
 * only taken while nodes are sorted and disjoint, otherwise the walk is literal.
 *
 * Behaviour chosen where the kernel has none (documented here, tested in iova.test.ts):
 * - free() of a pfn inside the anchor does nothing and returns undefined: the kernel never frees
 *   the anchor (find_iova(~0UL) returns it and __free_iova would corrupt the domain).
 * - alloc()'s "retry the band above the cached node" can only repeat if the cached node ends at
 *   start_pfn - 1 (an inverted or size-0 node): the kernel then spins forever with the lock held;
 *   alloc() throws KernelOops instead.
 * - Inverted ranges (pfnLo > pfnHi, e.g. reserve_iova of a zero-length region) are handled the
 *   kernel's way: such a node is inserted as is and never found by find(). A node whose pfnLo
 *   equals an existing node's is not inserted (the WARN in iova_insert_rbtree) but still returned.
 *   If alloc() made it, it becomes the cached node, and the next alloc() that starts there would
 *   crash the kernel: that alloc throws KernelOops.
 */
import { KernelOops } from './kernelOops.ts';
import { RbNode, RbTree, rbCheck } from './rbtree.ts';
import { U64_MAX, add64, fls64, hex, log2Exact, roundUpPow2, sub64 } from './u64.ts';

export interface IovaNode {
  readonly pfnLo: bigint;
  readonly pfnHi: bigint;
  /** For the UI: made by alloc() or by reserve(); a reserve that grows a node keeps its kind. */
  readonly kind: 'allocated' | 'reserved';
  readonly label?: string;
}

class TreeNode extends RbNode {
  /** Free pfns between the in-order predecessor and this node (pfnLo itself for the lowest node). */
  gap = 0n;
  /** Largest `gap` in this node's subtree: the augmentation that lets alloc skip full gaps. */
  maxGap = 0n;

  constructor(
    public lo: bigint,
    public hi: bigint,
    readonly kind: IovaNode['kind'],
    readonly label: string | undefined,
  ) {
    super();
  }

  snapshot(): IovaNode {
    return this.label === undefined ? { pfnLo: this.lo, pfnHi: this.hi, kind: this.kind } : { pfnLo: this.lo, pfnHi: this.hi, kind: this.kind, label: this.label };
  }
}

/** Free pfns between `before` (null: nothing below) and `node`. */
function gapAbove(before: TreeNode | null, node: TreeNode): bigint {
  return node.lo - (before ? before.hi + 1n : 0n);
}

function recomputeMaxGap(n: TreeNode): void {
  let m = n.gap;
  const l = n.left as TreeNode | null;
  const r = n.right as TreeNode | null;
  if (l && l.maxGap > m) m = l.maxGap;
  if (r && r.maxGap > m) m = r.maxGap;
  n.maxGap = m;
}

/** IOVA_RANGE_CACHE_MAX_SIZE: alloc_iova_fast rounds sizes below 1 << (6 - 1) pages. */
const IOVA_RANGE_CACHE_MAX_SIZE = 6n;
const FAST_ROUND_LIMIT = 1n << (IOVA_RANGE_CACHE_MAX_SIZE - 1n);

export class IovaDomain {
  readonly granule: bigint;
  readonly shift: number;
  readonly startPfn: bigint;
  readonly dma32bitPfn: bigint;
  readonly #tree = new RbTree<TreeNode>(recomputeMaxGap);
  readonly #anchor: TreeNode;
  readonly #pfnMax: bigint;
  #cached: TreeNode;
  #cached32: TreeNode;
  #max32AllocSize: bigint;
  /** False once an inverted node is in the tree: then nodes are no longer sorted and disjoint. */
  #wellFormed = true;

  /** init_iova_domain. The granule must be a power of two (1 is legal; the kernel BUGs otherwise). */
  constructor(granule: bigint, startPfn: bigint) {
    const shift = log2Exact(granule);
    if (shift === undefined || shift > 32) throw new RangeError(`IOVA granule must be a power of two up to 2^32, got ${granule}`);
    this.granule = granule;
    this.shift = shift;
    this.startPfn = startPfn;
    this.dma32bitPfn = 1n << BigInt(32 - shift);
    this.#max32AllocSize = this.dma32bitPfn;
    this.#pfnMax = U64_MAX >> BigInt(shift);
    this.#anchor = new TreeNode(U64_MAX, U64_MAX, 'reserved', 'anchor');
    this.#anchor.gap = gapAbove(null, this.#anchor);
    this.#tree.link(this.#anchor, null, false);
    this.#cached = this.#anchor;
    this.#cached32 = this.#anchor;
  }

  /** Size (pfns) of the last failed allocation; 32-bit allocations at least this big fail at once. */
  get max32AllocSize(): bigint {
    return this.#max32AllocSize;
  }

  /** pfnLo of cached_node and cached32_node (u64 max = the anchor), for display and tests. */
  cachedPfns(): { cached: bigint; cached32: bigint } {
    return { cached: this.#cached.lo, cached32: this.#cached32.lo };
  }

  /**
   * alloc_iova → __alloc_and_insert_iova_range. `limitPfn` is the highest usable pfn (inclusive);
   * it becomes exclusive (+1, wrapping: u64 max → 0, which always fails).
   */
  alloc(size: bigint, limitPfn: bigint, sizeAligned: boolean, label?: string): IovaNode | undefined {
    const tree = this.#tree;
    const limit = add64(limitPfn, 1n);
    // align_mask <<= fls_long(size - 1); a C shift by 64 (size 0) leaves the mask unchanged on
    // arm64 and x86, hence the "& 63".
    const mask = sizeAligned ? BigInt.asUintN(64, U64_MAX << BigInt(fls64(sub64(size, 1n)) & 63)) : U64_MAX;
    let high = limit;
    let low = this.startPfn;

    if (limit <= this.dma32bitPfn && size >= this.#max32AllocSize) return undefined;

    let curr: TreeNode | null = limit <= this.dma32bitPfn ? this.#cached32 : this.#cached;
    const retryPfn = curr.hi;
    let retried = false;
    let prev: TreeNode;
    let newPfn: bigint;
    for (;;) {
      // Walk down from curr to the first gap below it that fits (the kernel's do-while).
      for (;;) {
        if (curr.lo < high) high = curr.lo;
        newPfn = BigInt.asUintN(64, high - size) & mask;
        prev = curr;
        curr = tree.prev(curr);
        if (!curr || newPfn > curr.hi || newPfn < low) break;
        if (!this.#wellFormed || high < size) continue;
        // Jump over nodes the loop would only pass through; the same node ends the walk.
        const jump = this.#skipAhead(curr, high, newPfn, size, mask, low);
        if ('exitAt' in jump) {
          prev = jump.exitAt;
          break;
        }
        curr = jump.next;
      }

      if (high >= size && newPfn >= low) break;
      if (low === this.startPfn && retryPfn < limit) {
        // Nothing below the cached node: search the band between it and the limit.
        if (retried) {
          // retry_pfn + 1 == start_pfn: the retry starts from the same state, forever.
          throw new KernelOops(
            `alloc_iova: the cached node ends at start_pfn - 1 (${hex(retryPfn)}), so the retry band starts at start_pfn again and the retry repeats forever ` +
              'with iova_rbtree_lock held and interrupts off (a hard lockup)',
          );
        }
        retried = true;
        high = limit;
        low = retryPfn + 1n;
        curr = this.#findLimit(limit);
        continue;
      }
      this.#max32AllocSize = size; // on every failure, whatever the limit
      return undefined;
    }

    const node = new TreeNode(newPfn, BigInt.asUintN(64, newPfn + size - 1n), 'allocated', label);
    this.#insert(node, prev);
    // __cached_rbnode_insert_update
    if (node.hi < this.dma32bitPfn) this.#cached32 = node;
    else this.#cached = node;
    return node.snapshot();
  }

  /**
   * alloc_iova_fast without the per-CPU range caches: sizes below 32 pages are rounded up to a
   * power of two, and the allocation is size-aligned. (With no rcache the flush-and-retry step
   * has nothing to release, so it is a single attempt.)
   */
  allocFast(size: bigint, limitPfn: bigint, label?: string): IovaNode | undefined {
    const rounded = size < FAST_ROUND_LIMIT ? roundUpPow2(size) : size;
    return this.alloc(rounded, limitPfn, true, label);
  }

  /**
   * reserve_iova: walk the nodes upwards; the first overlapping node grows down to pfnLo, the
   * range then continues above it; a remainder becomes a new node. Returns the node that covers
   * the top of the range, or undefined (nothing changed) when a pfn is above u64 max >> shift.
   * Caches and max32AllocSize are untouched.
   */
  reserve(pfnLo: bigint, pfnHi: bigint, label?: string): IovaNode | undefined {
    if ((pfnLo | pfnHi) > this.#pfnMax) return undefined;
    let lo = pfnLo;
    const hi = pfnHi;
    let overlap = false;
    const wellFormed = this.#wellFormed;
    for (let node = this.#firstPossibleOverlap(lo); node; node = this.#tree.next(node)) {
      // Sorted, disjoint nodes: once one starts above the range, none after it can overlap (the
      // kernel walks on to the last node without effect).
      if (wellFormed && node.lo > hi) break;
      if (lo <= node.hi && hi >= node.lo) {
        // __adjust_overlap_range
        if (lo < node.lo) {
          node.lo = lo;
          this.#setGap(node, this.#tree.prev(node));
        }
        if (hi > node.hi) lo = add64(node.hi, 1n);
        if (lo >= node.lo && hi <= node.hi) return node.snapshot();
        overlap = true;
      } else if (overlap) {
        break;
      }
    }
    const node = new TreeNode(lo, hi, 'reserved', label);
    this.#insert(node, null);
    return node.snapshot();
  }

  /** find_iova: the node containing pfn (the anchor counts), or undefined. */
  find(pfn: bigint): IovaNode | undefined {
    return this.#find(pfn)?.snapshot();
  }

  /** find_iova + __free_iova. Returns the freed node, or undefined (no node, or the anchor). */
  free(pfn: bigint): IovaNode | undefined {
    const node = this.#find(pfn);
    if (!node || node === this.#anchor) return undefined;
    const tree = this.#tree;
    const next = tree.next(node) ?? this.#anchor; // rb_next(&free->node)
    const before = tree.prev(node);
    // __cached_rbnode_delete_update, before the node leaves the tree.
    if (node === this.#cached32 || (node.hi < this.dma32bitPfn && node.lo >= this.#cached32.lo)) this.#cached32 = next;
    if (node.lo < this.dma32bitPfn) this.#max32AllocSize = this.dma32bitPfn;
    if (node.lo >= this.#cached.lo) this.#cached = next;
    tree.erase(node);
    this.#setGap(next, before);
    return node.snapshot();
  }

  /** All nodes in tree order, without the anchor. */
  nodes(): IovaNode[] {
    const out: IovaNode[] = [];
    for (let n = this.#tree.first(); n; n = this.#tree.next(n)) if (n !== this.#anchor) out.push(n.snapshot());
    return out;
  }

  /** Red-black, order and cache invariants; a description of the first violation, or undefined. */
  checkInvariants(): string | undefined {
    const rb = rbCheck(this.#tree);
    if (rb) return rb;
    if (this.#tree.last() !== this.#anchor) return 'the anchor is not the last node';
    if (this.#wellFormed) {
      let prev: TreeNode | null = null;
      for (let n = this.#tree.first(); n; n = this.#tree.next(n)) {
        if (n.lo > n.hi) return `inverted node [${n.lo}, ${n.hi}]`;
        if (prev && prev.hi >= n.lo) return `nodes [${prev.lo}, ${prev.hi}] and [${n.lo}, ${n.hi}] overlap or are out of order`;
        if (n.gap !== gapAbove(prev, n)) return `stale gap below [${n.lo}, ${n.hi}]`;
        const maxGap = n.maxGap;
        recomputeMaxGap(n);
        if (n.maxGap !== maxGap) return `stale subtree gap at [${n.lo}, ${n.hi}]`;
        prev = n;
      }
    }
    for (const c of [this.#cached, this.#cached32]) if (c !== this.#anchor && !c.parent && this.#tree.root !== c) return 'a cached node is not in the tree';
    return undefined;
  }

  /** private_find_iova: the kernel's descent (an inverted node is never matched). */
  #find(pfn: bigint): TreeNode | null {
    let n = this.#tree.root;
    while (n) {
      if (pfn < n.lo) n = n.left as TreeNode | null;
      else if (pfn > n.hi) n = n.right as TreeNode | null;
      else return n;
    }
    return null;
  }

  /**
   * iova_insert_rbtree: descend by pfnLo from `start` (a hint) or the root. An equal pfnLo is the
   * kernel's WARN: the node is not linked.
   */
  #insert(node: TreeNode, start: TreeNode | null): void {
    let parent: TreeNode | null = null;
    let cur: TreeNode | null = start ?? this.#tree.root;
    let asLeft = false;
    while (cur) {
      parent = cur;
      if (node.lo < cur.lo) {
        cur = cur.left as TreeNode | null;
        asLeft = true;
      } else if (node.lo > cur.lo) {
        cur = cur.right as TreeNode | null;
        asLeft = false;
      } else {
        return;
      }
    }
    if (start && start.parent === null && start !== this.#tree.root) {
      // The walk started from a cached node iova_insert_rbtree had refused (its pfn_lo was taken),
      // so the new node is linked under it, and __rb_insert then reads the refused node's parent,
      // which is NULL (kmem_cache_zalloc'd, never linked). Refused itself (the same pfn_lo, as a
      // size-0 alloc can be), the new node is never linked and nothing crashes.
      throw new KernelOops(
        `alloc_iova: the cached node [${hex(start.lo)}, ${hex(start.hi)}] was never inserted in the tree (another node already had pfn_lo ${hex(start.lo)}); ` +
          'linking the new node under it makes __rb_insert dereference NULL (an oops)',
      );
    }
    // The new node's neighbours, for the gaps: it goes between them.
    const tree = this.#tree;
    const before = parent && (asLeft ? tree.prev(parent) : parent);
    const after = parent && (asLeft ? parent : tree.next(parent));
    node.gap = gapAbove(before, node);
    tree.link(node, parent, asLeft);
    if (after) this.#setGap(after, node);
    if (node.lo > node.hi) this.#wellFormed = false;
  }

  /** Refresh a node's gap after its pfnLo or its predecessor changed. */
  #setGap(node: TreeNode, before: TreeNode | null): void {
    node.gap = gapAbove(before, node);
    this.#tree.propagate(node);
  }

  /**
   * The acceleration of alloc's walk (same outcome as stepping node by node; only used while the
   * nodes are sorted and disjoint and high >= size). `curr` is the next node the walk would visit.
   * Returns the next node the walk must really look at, or the node where it ends.
   */
  #skipAhead(curr: TreeNode, high: bigint, newPfn: bigint, size: bigint, mask: bigint, low: bigint): { next: TreeNode } | { exitAt: TreeNode } {
    const tree = this.#tree;
    let x = curr;
    if (x.lo > high) {
      // Nodes above the limit leave high and newPfn unchanged; the walk passes them while the
      // node below still reaches newPfn, and ends above the first one that does not.
      const y = this.#lastWithLoAtMost(high);
      if (!y) return { exitAt: tree.first()! };
      if (y.hi < newPfn) return { exitAt: tree.next(y)! };
      x = y;
    }
    // From x down, high follows each node's pfnLo. A node ends the walk only if its gap can hold
    // `size` (it may still miss by alignment), or its candidate drops below low / wraps, or it is
    // the lowest node. Visit the highest node that may end it.
    const byGap = this.#gapAtOrBelow(x, size);
    const below = this.#lastBelowLow(size, mask, low);
    let next = byGap;
    if (below && below.lo <= x.lo && (!next || below.lo > next.lo)) next = below;
    return { next: next ?? tree.first()! };
  }

  /** The node with the largest pfnLo <= pfn. */
  #lastWithLoAtMost(pfn: bigint): TreeNode | null {
    let n = this.#tree.root;
    let best: TreeNode | null = null;
    while (n) {
      if (n.lo <= pfn) {
        best = n;
        n = n.right as TreeNode | null;
      } else {
        n = n.left as TreeNode | null;
      }
    }
    return best;
  }

  /** The highest node whose candidate (pfnLo - size) & mask wraps or falls below low. */
  #lastBelowLow(size: bigint, mask: bigint, low: bigint): TreeNode | null {
    let n = this.#tree.root;
    let best: TreeNode | null = null;
    while (n) {
      if (n.lo < size || ((n.lo - size) & mask) < low) {
        best = n;
        n = n.right as TreeNode | null;
      } else {
        n = n.left as TreeNode | null;
      }
    }
    return best;
  }

  /** The first node at or below x (in descending order) whose gap is at least size. */
  #gapAtOrBelow(x: TreeNode, size: bigint): TreeNode | null {
    const rightmost = (top: TreeNode): TreeNode => {
      let n = top;
      for (;;) {
        const r = n.right as TreeNode | null;
        if (r && r.maxGap >= size) n = r;
        else if (n.gap >= size) return n;
        else n = n.left as TreeNode;
      }
    };
    if (x.gap >= size) return x;
    const left = x.left as TreeNode | null;
    if (left && left.maxGap >= size) return rightmost(left);
    for (let n: TreeNode = x; n.parent; n = n.parent as TreeNode) {
      const p = n.parent as TreeNode;
      if (n !== p.right) continue;
      if (p.gap >= size) return p;
      const pl = p.left as TreeNode | null;
      if (pl && pl.maxGap >= size) return rightmost(pl);
    }
    return null;
  }

  /**
   * Where reserve_iova's walk from rb_first can start without changing its outcome: nodes before
   * the first one with hi >= lo cannot overlap and are skipped by the kernel loop anyway. Only
   * valid while nodes are sorted and disjoint; otherwise start at the first node as the kernel does.
   */
  #firstPossibleOverlap(lo: bigint): TreeNode | null {
    if (!this.#wellFormed) return this.#tree.first();
    let n = this.#tree.root;
    let best: TreeNode | null = null;
    while (n) {
      if (n.hi >= lo) {
        best = n;
        n = n.left as TreeNode | null;
      } else {
        n = n.right as TreeNode | null;
      }
    }
    return best;
  }

  /** iova_find_limit: the kernel's structural walk (the anchor for limits above 32 bits). */
  #findLimit(limit: bigint): TreeNode {
    if (limit > this.dma32bitPfn) return this.#anchor;
    let node = this.#tree.root!;
    while (node.hi < limit) {
      if (!node.right) return this.#anchor; // cannot happen while the anchor ends at u64 max
      node = node.right as TreeNode;
    }
    for (;;) {
      while (node.left && (node.left as TreeNode).lo >= limit) node = node.left as TreeNode;
      if (!node.left) return node;
      let next = node.left as TreeNode;
      let found = false;
      while (next.right) {
        next = next.right as TreeNode;
        if (next.lo >= limit) {
          node = next;
          found = true;
          break;
        }
      }
      if (!found) return node;
    }
  }
}
