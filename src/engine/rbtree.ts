/**
 * An intrusive red-black tree with the same rebalancing as lib/rbtree.c (rb_insert_color,
 * rb_erase): the classic algorithm, successor relinking on erase (node objects are moved, never
 * their contents), so a pointer taken with next() before an erase stays valid — iova.c relies on
 * that for its cached nodes. Identical shapes to the kernel matter because iova_find_limit walks
 * the tree structure.
 *
 * The tree knows no keys: callers descend from the root (or from a hint node) themselves and link
 * the new node with link(). That keeps the kernel's own comparison rules (iova_insert_rbtree,
 * private_find_iova) in the caller.
 *
 * Optional augmentation (like rbtree_augmented.h): `recompute(n)` rebuilds a node's summary of its
 * subtree from its own value and its children's summaries. The tree calls it wherever the shape
 * changes (link, erase, rotations); a caller that changes a node's value calls propagate().
 */
export class RbNode {
  left: RbNode | null = null;
  right: RbNode | null = null;
  parent: RbNode | null = null;
  red = true;
}

const isRed = (n: RbNode | null): boolean => n !== null && n.red;

type Side = 'left' | 'right';
const other = (side: Side): Side => (side === 'left' ? 'right' : 'left');

export class RbTree<N extends RbNode> {
  root: N | null = null;

  constructor(private readonly recompute?: (node: N) => void) {}

  /** Recompute the augmented summary of `node` and of every ancestor up to the root. */
  propagate(node: N | null): void {
    if (!this.recompute) return;
    for (let n: RbNode | null = node; n; n = n.parent) this.recompute(n as N);
  }

  first(): N | null {
    let n: RbNode | null = this.root;
    while (n?.left) n = n.left;
    return n as N | null;
  }

  last(): N | null {
    let n: RbNode | null = this.root;
    while (n?.right) n = n.right;
    return n as N | null;
  }

  /** rb_next: in-order successor, null after the last node (or for an unlinked node). */
  next(node: N): N | null {
    return this.neighbour(node, 'right');
  }

  /** rb_prev: in-order predecessor, null before the first node (or for an unlinked node). */
  prev(node: N): N | null {
    return this.neighbour(node, 'left');
  }

  /** The in-order neighbour on `side`: down that side then all the way back, or up past it. */
  private neighbour(node: N, side: Side): N | null {
    const o = other(side);
    let n: RbNode = node;
    const down = n[side];
    if (down) {
      n = down;
      for (let c = n[o]; c; c = n[o]) n = c;
      return n as N;
    }
    let p = n.parent;
    while (p && n === p[side]) {
      n = p;
      p = p.parent;
    }
    return p as N | null;
  }

  /** rb_link_node + rb_insert_color: attach `node` as the given child of `parent` (null: as root). */
  link(node: N, parent: N | null, asLeft: boolean): void {
    node.parent = parent;
    node.left = node.right = null;
    node.red = true;
    if (!parent) this.root = node;
    else if (asLeft) parent.left = node;
    else parent.right = node;
    this.propagate(node);
    this.insertFixup(node);
  }

  /** Rotate `x` down toward `side`: its child on the other side takes its place. */
  private rotate(x: RbNode, side: Side): void {
    const o = other(side);
    const y = x[o]!;
    x[o] = y[side];
    if (y[side]) y[side].parent = x;
    this.replaceChild(x, y);
    y[side] = x;
    x.parent = y;
    this.rotated(x, y);
  }

  /** After a rotation `x` hangs below `y`; both summaries change, nothing else does. */
  private rotated(x: RbNode, y: RbNode): void {
    if (!this.recompute) return;
    this.recompute(x as N);
    this.recompute(y as N);
  }

  /** Put `to` where `from` hangs (parent link only; `from` keeps its own children). */
  private replaceChild(from: RbNode, to: RbNode | null): void {
    const p = from.parent;
    if (to) to.parent = p;
    if (!p) this.root = to as N | null;
    else if (p.left === from) p.left = to;
    else p.right = to;
  }

  private insertFixup(node: RbNode): void {
    let n = node;
    for (;;) {
      const p = n.parent;
      if (!p) {
        n.red = false;
        return;
      }
      if (!p.red) return;
      const g = p.parent!; // a red parent is never the root
      const side: Side = g.left === p ? 'left' : 'right';
      const uncle = g[other(side)];
      if (isRed(uncle)) {
        p.red = false;
        uncle!.red = false;
        g.red = true;
        n = g;
        continue;
      }
      let top = p;
      if (n === p[other(side)]) {
        this.rotate(p, side);
        top = n;
      }
      this.rotate(g, other(side));
      top.red = false;
      g.red = true;
      return;
    }
  }

  /** rb_erase. The node is unlinked (its own pointers cleared); every other node object stays. */
  erase(node: N): void {
    let child: RbNode | null;
    let parent: RbNode | null; // where a missing black must be made up, if any
    let removedBlack: boolean;
    if (!node.left || !node.right) {
      child = node.left ?? node.right;
      parent = node.parent;
      removedBlack = !node.red;
      this.replaceChild(node, child);
    } else {
      // Two children: the successor (leftmost of the right subtree) takes the node's place.
      let succ = node.right;
      while (succ.left) succ = succ.left;
      child = succ.right;
      removedBlack = !succ.red;
      if (succ.parent === node) {
        parent = succ;
      } else {
        parent = succ.parent!;
        parent.left = child;
        if (child) child.parent = parent;
        succ.right = node.right;
        node.right.parent = succ;
      }
      succ.left = node.left;
      node.left.parent = succ;
      this.replaceChild(node, succ);
      succ.red = node.red;
    }
    node.left = node.right = node.parent = null;
    this.propagate(parent as N | null);
    if (!removedBlack) return;
    if (isRed(child)) child!.red = false;
    else if (parent) this.eraseFixup(child, parent);
  }

  /** __rb_erase_color: `n` (possibly null) under `parent` is one black short. */
  private eraseFixup(start: RbNode | null, startParent: RbNode): void {
    let n = start;
    let parent: RbNode | null = startParent;
    while (parent && !isRed(n)) {
      // `n` hangs on `side` of parent (a null n is on the side whose child is missing).
      const side: Side = n === parent.left ? 'left' : 'right';
      const o = other(side);
      let s = parent[o]!; // the sibling: non-null, its side is one black taller
      if (s.red) {
        s.red = false;
        parent.red = true;
        this.rotate(parent, side);
        s = parent[o]!;
      }
      if (!isRed(s.left) && !isRed(s.right)) {
        s.red = true;
        n = parent;
        parent = n.parent;
        continue;
      }
      if (!isRed(s[o])) {
        s[side]!.red = false;
        s.red = true;
        this.rotate(s, o);
        s = parent[o]!;
      }
      s.red = parent.red;
      parent.red = false;
      s[o]!.red = false;
      this.rotate(parent, side);
      n = null;
      break;
    }
    if (n) n.red = false;
  }
}

/**
 * Checks the red-black and linkage invariants; returns a description of the first violation or
 * undefined. For tests and the fuzzer.
 */
export function rbCheck<N extends RbNode>(tree: RbTree<N>): string | undefined {
  if (!tree.root) return undefined;
  if (tree.root.parent) return 'root has a parent';
  if (tree.root.red) return 'root is red';
  const walk = (n: RbNode | null): number | string => {
    if (!n) return 1;
    for (const c of [n.left, n.right]) {
      if (c && c.parent !== n) return 'child with a wrong parent link';
      if (c && n.red && c.red) return 'red node with a red child';
    }
    const l = walk(n.left);
    if (typeof l === 'string') return l;
    const r = walk(n.right);
    if (typeof r === 'string') return r;
    if (l !== r) return 'unequal black heights';
    return l + (n.red ? 0 : 1);
  };
  const h = walk(tree.root);
  return typeof h === 'string' ? h : undefined;
}
